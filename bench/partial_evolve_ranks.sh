#!/bin/bash
# Speed-up of fix partial/evolve at 2 ranks against 1: an L x L Ising box, 3 snapshots of
# SAMPLES samples (one of 16 x 16 patches evolved alone for dt = 2 each; the box itself does not
# evolve between snapshots, so only partial evolution is timed), 1 and 2 ranks
# interleaved REPEATS times (the VM is noisy); LAMMPS's loop time, median and best, and whether
# the datasets are identical (they must be).
#   bench/partial_evolve_ranks.sh [REPEATS=5] [SAMPLES=256] [L=256]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
repeats=${1:-5} samples=${2:-256} L=${3:-256}
work=$(mktemp -d)
root=$(mktemp -d /tmp/macrodyn-ompi-XXXXXX)
trap 'rm -rf "$work" "$root"' EXIT
input=$here/bench/in.partial_evolve_box
for ((i = 0; i < repeats; ++i)); do
  for np in 1 2; do
    (cd "$work" && OMPI_MCA_orte_tmpdir_base=$root mpirun --allow-run-as-root -np $np \
      "$here/tools/lmp" -var L "$L" -var samples "$samples" -var dt 2.0 -var snapshots 3 \
      -var file dataset_$np.h5 -in "$input" -log log.$np -screen none -nocite)
    echo "$np $(grep -o 'Loop time of [0-9.e+-]*' "$work/log.$np" | grep -o '[0-9.e+-]*$')"
  done
done | /usr/bin/python3 -c '
import statistics, sys
t = {}
for line in sys.stdin:
    np, s = line.split(); t.setdefault(int(np), []).append(float(s))
m1, m2 = statistics.median(t[1]), statistics.median(t[2])
print(f"1 rank: median {m1:.2f} s (best {min(t[1]):.2f}); 2 ranks: median {m2:.2f} s (best {min(t[2]):.2f})")
print(f"speed-up {m1 / m2:.2f}x (median), {min(t[1]) / min(t[2]):.2f}x (best)")
'
if cmp -s <(h5dump -d /partial/increment "$work/dataset_1.h5" | tail -n +2) \
          <(h5dump -d /partial/increment "$work/dataset_2.h5" | tail -n +2); then
  echo "datasets of 1 and 2 ranks: identical"
else
  echo "datasets of 1 and 2 ranks: DIFFER"
fi
