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
cat > "$work/in.memory" <<'LMP'
plugin load ${macrodyn}
units lj
dimension 2
atom_modify map array
lattice sq 1.0
region box block 0 ${L} 0 ${L} -0.5 0.5
create_box 2 box
create_atoms 1 box
mass * 1.0
set type 1 type/fraction 2 0.5 12345
fix kmc all kmc/lattice 1000000 lattice sq 1.0 model ising 1.0 field 0.1 move flip glauber &
    temperature 2.5 time 1.0 seed 1
compute spin all spin/lattice lattice sq 1.0
fix data all partial/evolve 1 kmc kmc compute spin patches 16 16 1 time 0.5 samples 4 seed 3 &
    file dataset.h5
run 1
LMP
echo "L,sites,ranks,peak_MB_per_rank"
rows=()
for L in "${sizes[@]}"; do
  for np in 1 2; do
    mb=$(cd "$work" && OMPI_MCA_orte_tmpdir_base=$root mpirun --allow-run-as-root -np $np \
      "$here/tools/lmp" -var L "$L" -in in.memory -log log.memory -nocite >/dev/null 2>&1;
      grep -o 'peak memory [0-9]* MB/rank' log.memory | tail -1 | grep -o '[0-9]*')
    echo "$L,$((L * L)),$np,$mb"
    rows+=("$((L * L)) $mb")
  done
done
printf '%s\n' "${rows[@]}" | /usr/bin/python3 -c '
import sys
pts = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
(n1, m1), (n2, m2) = pts[-4], pts[-2]   # 1 rank, the two largest boxes
slope = (m2 - m1) / (n2 - n1) * 1048576
print(f"slope {slope:.0f} bytes/site (1 rank, the two largest boxes); "
      f"extrapolated at 1e8 sites: {(m2 + (1e8 - n2) * slope / 1048576) / 1024:.1f} GB/rank")
'
