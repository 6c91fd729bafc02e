#!/usr/bin/env bash
# Curie-Weiss end to end: partial-evolution data at T = 0.8 (ordered; mean-field Tc = J = 1) and
# T = 1.5 (disordered), one model conditioned on T, learned drift against the exact one.
# Output in $1 (default build/examples/curie-weiss). About a minute on 2 cores.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/build/examples/curie-weiss}
mkdir -p "$out"
cd "$out"
# shellcheck source=../stage_timer.sh
source "$here/../stage_timer.sh"
echo "stage,seconds" > timings.csv
for T in 0.8 1.5; do
  stage partial_T$T "$root/tools/lmp" -in "$here/in.partial" -var T $T -var file data_T$T.h5 \
    -var seed 7 -log log.partial_T$T -screen none
  echo "curie-weiss: data_T$T.h5 ($(grep -c 'records (total' log.partial_T$T) snapshots)"
done
stage train "${MACRODYN_BUILD_DIR:-$root/build}/macrodyn" train data_T0.8.h5 data_T1.5.h5 \
  -c "$here/train.toml" -o model.pt -q
/usr/bin/python3 "$here/compare_drift.py" model.pt "$out" 0.8 1.5 | tee drift_summary.txt
echo "curie-weiss: figures and tables in $out (drift.png, drift.csv, drift_summary.txt)"
