#!/usr/bin/env bash
# A temperature sweep as a cluster runs it, on this machine's cores: LAMMPS worlds (-partition),
# one temperature each into its own dataset file, then one model over all files, trained on MPI
# ranks. Output in $1 (default build/examples/partitions). WORLDS [2]: worlds and ranks.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/build/examples/partitions}
build=${MACRODYN_BUILD_DIR:-$root/build}
WORLDS=${WORLDS:-2}
mpirun=(mpirun -np "$WORLDS")
[ "$(id -u)" = 0 ] && mpirun+=(--allow-run-as-root)
mkdir -p "$out"
cd "$out"
rm -f dataset_T*.h5 # a shorter list of temperatures must not leave old files to train on
"${mpirun[@]}" "$root/tools/lmp" -partition "${WORLDS}x1" -in "$here/in.partitions" \
  -log log.lammps -screen none
ls dataset_T*.h5
"${mpirun[@]}" "$build/macrodyn" train dataset_T*.h5 --hidden 32 32 --epochs 30 --shards 2 -q \
  -o model.pt
echo "partitions: model.pt from $(ls dataset_T*.h5 | wc -l) temperatures in $out"
