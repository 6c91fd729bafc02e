#!/usr/bin/env bash
# Learned barriers against an independent reference (issue 9): the published NbMoTa NNK model
# on the study's 1024-atom start at 2000 K, S seeds x E events through MACRODYN (nnk_trajectory)
# and through nnk_reference.py (numpy), then compare_nnk.py. Both run on both cores.
#   bench/nnk_validation/run.sh [seeds=8] [events=200000] [out dir]
# The model files are read from $MACRODYN_NNK_DIR (default: ../shared/data/nnk beside the checkout).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${MACRODYN_BUILD_DIR:-$root/build}
nnk=${MACRODYN_NNK_DIR:-$root/../shared/data/nnk}
seeds=${1:-8}
events=${2:-200000}
out=${3:-$build/nnk_validation}
if [[ ! -f $nnk/nbmota_nnk_barrier.pt || ! -f $nnk/nbmota_nnk_weights.npy ]]; then
  echo "nnk validation: SKIPPED - the published NNK model is absent from $nnk (set MACRODYN_NNK_DIR)"
  exit 77
fi
mkdir -p "$out"
rm -f "$out"/cxx_* "$out"/py_*
start=$SECONDS
jobs=()
for s in $(seq 1 "$seeds"); do
  jobs+=("$build/bench/nnk_trajectory $nnk/nbmota_nnk_barrier.pt $nnk/initial_N_1024_equimolar.dump $s $events 2000 $out/cxx_$s")
  jobs+=("/usr/bin/python3 $here/nnk_reference.py $nnk $((1000 + s)) $events 2000 $out/py_$s")
done
printf '%s\n' "${jobs[@]}" | xargs -P 2 -I{} sh -c '{}'
echo "nnk validation: $seeds seeds x $events events each way in $((SECONDS - start)) s"
/usr/bin/python3 "$here/compare_nnk.py" "$out"
