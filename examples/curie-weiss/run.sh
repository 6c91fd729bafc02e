#!/usr/bin/env bash
# Curie-Weiss end to end: partial-evolution data at T = 0.8 (ordered; mean-field Tc = J = 1) and
# T = 1.5 (disordered), one model conditioned on T, learned drift against the exact one.
# Output in $1 (default build/examples/curie-weiss). Sizes through the environment:
#   DT [0.05]  SAMPLES [256] (patch samples per snapshot; 39 snapshots per temperature)
#   FULL=1: the reference set-up (SAMPLES 16384) and a convergence study: the drift error against
#   the number of records (SAMPLES 256 ... 16384 at DT = 0.05, 256 ... 4096 at DT = 0.2, where
#   the finite-dt bias sets a floor), in convergence.csv (about 35 minutes on 2 cores).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/build/examples/curie-weiss}
build=${MACRODYN_BUILD_DIR:-$root/build}
FULL=${FULL:-0}
DT=${DT:-0.05}
SAMPLES=${SAMPLES:-$([ "$FULL" = 1 ] && echo 16384 || echo 256)}
mkdir -p "$out"
cd "$out"
# shellcheck source=../stage_timer.sh
source "$here/../stage_timer.sh"
echo "stage,seconds" > timings.csv

# data_<dt>_<samples>_T<T>.h5 for both temperatures, then one model on both: model_<dt>_<samples>.pt
fit() {
  local dt=$1 samples=$2 tag=${1}_${2}
  for T in 0.8 1.5; do
    stage partial_${tag}_T$T "$root/tools/lmp" -in "$here/in.partial" -var T $T \
      -var dt "$dt" -var samples "$samples" -var file data_${tag}_T$T.h5 -var seed 7 \
      -log log.partial_${tag}_T$T -screen none
  done
  echo "curie-weiss: dt = $dt, $samples samples x 39 snapshots per temperature: training" >&2
  stage train_$tag "$build/macrodyn" train data_${tag}_T0.8.h5 data_${tag}_T1.5.h5 \
    -c "$here/train.toml" -o model_$tag.pt -q
}

fit "$DT" "$SAMPLES"
cp "model_${DT}_${SAMPLES}.pt" model.pt
/usr/bin/python3 "$here/compare_drift.py" model.pt "$out" 0.8 1.5 | tee drift_summary.txt
# The bias decomposition (macrodyn diagnose): the fit against the training data, and the
# estimator and the finite-dt bias against whole-box increments from the same snapshots. Records
# taken as independent: mean-field, a snapshot shares nothing but m, which the model sees (and 39
# snapshots in 13 bins are too few to cluster by).
whole_times=$(awk -v dt="$DT" 'BEGIN {printf "%.6g %.6g %.6g", dt / 4, dt / 2, dt}')
for T in 0.8 1.5; do
  stage whole_T$T "$root/tools/lmp" -in "$here/in.whole" -var T $T -var times "$whole_times" \
    -var runs 16 -var seed 3 -var file whole_T$T.h5 -log log.whole_T$T -screen none
  "$build/macrodyn" diagnose model.pt "data_${DT}_${SAMPLES}_T$T.h5" --whole whole_T$T.h5 \
    --bins 13 --independent -o diagnose_T$T.csv > diagnose_T$T.txt
done

if [ "$FULL" = 1 ]; then
  echo "dt,samples,records_per_temperature,temperature,rms_error,max_error" > convergence.csv
  for dt in 0.05 0.2; do
    for samples in 256 1024 4096 $([ "$dt" = 0.05 ] && echo 16384); do
      [ -f "model_${dt}_${samples}.pt" ] || fit "$dt" "$samples"
      /usr/bin/python3 "$here/compare_drift.py" "model_${dt}_${samples}.pt" "conv_${dt}_${samples}" \
        0.8 1.5 | awk -v dt="$dt" -v s="$samples" \
        '{gsub(/[:,]/, ""); print dt "," s "," 39 * s "," $3 "," $7 "," $9}' >> convergence.csv
    done
  done
  column -s, -t convergence.csv
fi
echo "curie-weiss: figures and tables in $out (drift.png, drift.csv, drift_summary.txt," \
  "diagnose_T*.txt$([ "$FULL" = 1 ] && echo ", convergence.csv"))"
