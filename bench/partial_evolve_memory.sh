#!/bin/bash
# Peak memory per rank of fix partial/evolve against box size: a 2D Ising box of L x L sites (one
# snapshot, 4 samples of one of 16 x 16 patches), at 1 and 2 ranks, for each L given (default
# 256 512 1024 2048), from the fix's "peak memory M MB/rank" line, and the slope of memory in
# sites from the two largest boxes (the extrapolation to larger boxes).
#   bench/partial_evolve_memory.sh [L ...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(256 512 1024 2048)
work=$(mktemp -d)
root=$(mktemp -d /tmp/macrodyn-ompi-XXXXXX)
trap 'rm -rf "$work" "$root"' EXIT
input=$here/bench/in.partial_evolve_box
echo "L,sites,ranks,peak_MB_per_rank"
rows=()
for L in "${sizes[@]}"; do
  for np in 1 2; do
    mb=$(cd "$work" && OMPI_MCA_orte_tmpdir_base=$root mpirun --allow-run-as-root -np $np \
      "$here/tools/lmp" -var L "$L" -var samples 4 -var dt 0.5 -var snapshots 1 \
      -var file dataset.h5 -in "$input" -log log.memory -nocite >/dev/null 2>&1;
      grep -o 'peak memory [0-9]* MB/rank' log.memory | tail -1 | grep -o '[0-9]*')
    echo "$L,$((L * L)),$np,$mb"
    rows+=("$((L * L)) $mb")
  done
done
[ ${#sizes[@]} -ge 2 ] || exit 0 # the slope needs two box sizes
printf '%s\n' "${rows[@]}" | /usr/bin/python3 -c '
import sys
pts = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
(n1, m1), (n2, m2) = pts[-4], pts[-2]   # 1 rank, the two largest boxes
slope = (m2 - m1) / (n2 - n1) * 1048576
print(f"slope {slope:.0f} bytes/site (1 rank, the two largest boxes); "
      f"extrapolated at 1e8 sites: {(m2 + (1e8 - n2) * slope / 1048576) / 1024:.1f} GB/rank")
'
