#!/usr/bin/env bash
# 2D Ising end to end (L = 64, T = 2.5, h = 0.1, continuous-time Glauber, unit attempt frequency):
#   1. 16x16 and 32x32 trajectories from random starts at several magnetizations, each frame
#      upsampled (tiled, relaxed in windows) to a 64x64 snapshot in a pool; and random
#      configurations at many more magnetizations (the states the ground truth starts from, where
#      the dynamics is fastest) in a second pool;
#   2. partial evolution on every snapshot of both (K = 16 patches of 16x16, microstates stored);
#   3. direct 64x64 ground truth from random starts at m0 = -0.75 ... 0.75;
#   4. the same data trained twice, target "partial" (the method) and "naive" (the baseline), with
#      2 closure variables + magnetization + domain-wall density; predictions from the ground
#      truth's starts; metrics, plots and summary.csv for both.
# Usage: examples/ising/run.sh [OUTDIR]; sizes through the environment (defaults in brackets;
# FULL=1 switches to the reference set-up of the accuracy targets, about 10 minutes on 2 cores):
#   SMALL_SIZES [16 32; FULL 32]  STARTS [-0.9 -0.75 ... 0.9, step 0.15] (small-system starts)
#   FRAMES [32; FULL 64]  EVERY [1]
#   RELAX [0.02] (relaxation time per upsampling window; short: the random starts' domain-wall
#   density relaxes within ~0.5, and the ground truth starts there)  RELAX_LATE [RELAX] (the same
#   for frames after the start)  SAMPLES [8; FULL 64]  DT [1]
#   TRUTH_STARTS [-0.75 -0.375 0 0.375 0.75]  RUNS [40]  TIMES [1 2 4 8 16; FULL 1 2 4 ... 500]
#   RANDOM_STARTS [25 magnetizations -0.96 ... 0.96]  RANDOM_SAMPLES [64; FULL 256] (samples per
#   random configuration)  PREDICT_RUNS [200]  WHOLE_RUNS [8] (whole-box runs per pool snapshot,
#   for macrodyn diagnose)  LATE_FRAMES [0] LATE_EVERY [2] LATE_SKIP [64] (late parts of
#   independent small-system runs from the same starts: LATE_FRAMES frames every LATE_EVERY after
#   LATE_SKIP time units, the stationary states the direct runs settle in, in a third dataset;
#   README, part (e))
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/build/examples/ising}
build=${MACRODYN_BUILD_DIR:-$root/build}
FULL=${FULL:-0}
# FULL: 32x32 systems only; the data of states tiled from 16x16 ones put the stationary m 0.023
# above the direct 0.726, those of 32x32 ones 0.008 (not the small systems' equilibrium, which is
# the large one's: README, part (e)).
SMALL_SIZES=${SMALL_SIZES:-$([ "$FULL" = 1 ] && echo 32 || echo "16 32")}
STARTS=${STARTS:-"-0.9 -0.75 -0.6 -0.45 -0.3 -0.15 0 0.15 0.3 0.45 0.6 0.75 0.9"}
FRAMES=${FRAMES:-$([ "$FULL" = 1 ] && echo 64 || echo 32)}
EVERY=${EVERY:-1}
RELAX=${RELAX:-0.02}
RELAX_LATE=${RELAX_LATE:-$RELAX}
SAMPLES=${SAMPLES:-$([ "$FULL" = 1 ] && echo 64 || echo 8)}
DT=${DT:-1}
TRUTH_STARTS=${TRUTH_STARTS:-"-0.75 -0.375 0 0.375 0.75"}
RUNS=${RUNS:-40}
TIMES=${TIMES:-$([ "$FULL" = 1 ] && echo "1 2 4 8 16 32 64 128 256 500" || echo "1 2 4 8 16")}
RANDOM_STARTS=${RANDOM_STARTS:-$(awk 'BEGIN {for (k = -12; k <= 12; ++k) printf "%g ", 0.08 * k}')}
RANDOM_SAMPLES=${RANDOM_SAMPLES:-$([ "$FULL" = 1 ] && echo 256 || echo 64)}
PREDICT_RUNS=${PREDICT_RUNS:-200}
WHOLE_RUNS=${WHOLE_RUNS:-8}
# Late frames put the data's fixed point on the direct one but slowed the predicted crossing of
# m = 0 at FULL=1 (README, part (e)): off unless asked for.
LATE_FRAMES=${LATE_FRAMES:-0}
LATE_EVERY=${LATE_EVERY:-2}
LATE_SKIP=${LATE_SKIP:-64}
# LAMMPS takes -var values up to the next word starting with "-": pass the starts as fractions of
# down spins, (1 - m0) / 2, never negative.
down_fractions() { for m in $1; do awk -v m="$m" 'BEGIN {printf "%.6g ", (1 - m) / 2}'; done; }
mkdir -p "$out"
cd "$out"
rm -f pool.h5 pool_random.h5 pool_late.h5 data.h5 data_random.h5 data_late.h5 truth.h5 whole.h5
lmp() { "$root/tools/lmp" "$@" -screen none; }
say() { echo "ising [$(date +%H:%M:%S)]: $*"; }
# shellcheck source=../stage_timer.sh
source "$here/../stage_timer.sh"
echo "stage,seconds" > timings.csv

for L in $SMALL_SIZES; do
  levels=$([ $L = 16 ] && echo 2 || echo 1)
  n=$(echo $STARTS | wc -w)
  say "${L}x${L} trajectories: $n starts x $FRAMES frames every $EVERY, upsampled to 64x64"
  stage small_L$L lmp -in "$here/in.small" -var L $L -var levels $levels \
    -var starts "$(down_fractions "$STARTS")" -var frames $FRAMES -var every $EVERY \
    -var relax ${RELAX} -var relax_late ${RELAX_LATE} -var seed $L -var pool pool.h5 \
    -log log.small_L$L
done
datasets="data.h5 data_random.h5"
if [ "$LATE_FRAMES" -gt 0 ]; then
  for L in $SMALL_SIZES; do
    levels=$([ $L = 16 ] && echo 2 || echo 1)
    say "${L}x${L} late frames: $(echo $STARTS | wc -w) starts x $LATE_FRAMES frames every $LATE_EVERY after t = $LATE_SKIP"
    stage late_L$L lmp -in "$here/in.small" -var L $L -var levels $levels \
      -var starts "$(down_fractions "$STARTS")" -var frames $LATE_FRAMES -var every $LATE_EVERY \
      -var skip $(awk -v s="$LATE_SKIP" -v e="$LATE_EVERY" 'BEGIN {printf "%d", s / e}') \
      -var relax ${RELAX_LATE} -var relax_late ${RELAX_LATE} -var seed $((L + 100)) \
      -var id_offset 100000 -var pool pool_late.h5 -log log.late_L$L
  done
  late=$(( $(echo $SMALL_SIZES | wc -w) * $(echo $STARTS | wc -w) * (LATE_FRAMES + 1) ))
  say "partial evolution: $late late snapshots x $SAMPLES samples, dt = $DT"
  stage partial_late lmp -in "$here/in.partial" -var pool pool_late.h5 -var snapshots $late \
    -var samples $SAMPLES -var dt $DT -var seed 4 -var file data_late.h5 -log log.partial_late
  datasets="$datasets data_late.h5"
fi
randoms=$(echo $RANDOM_STARTS | wc -w)
# A tiled random configuration is random at every scale below the tile: nothing to relax (the
# windows would lower their domain walls below those of the random 64x64 starts of the truth).
say "random configurations at $randoms magnetizations, tiled to 64x64"
stage random lmp -in "$here/in.small" -var L 16 -var levels 2 \
  -var starts "$(down_fractions "$RANDOM_STARTS")" -var frames 0 -var every $EVERY \
  -var relax 1e-6 -var seed 7 -var pool pool_random.h5 -log log.random
snapshots=$(( $(echo $SMALL_SIZES | wc -w) * $(echo $STARTS | wc -w) * (FRAMES + 1) ))
say "partial evolution: $snapshots snapshots x $SAMPLES samples, dt = $DT"
stage partial lmp -in "$here/in.partial" -var pool pool.h5 -var snapshots $snapshots \
  -var samples $SAMPLES -var dt $DT -var seed 5 -var file data.h5 -log log.partial
say "partial evolution: $randoms random configurations x $RANDOM_SAMPLES samples, dt = $DT"
stage partial_random lmp -in "$here/in.partial" -var pool pool_random.h5 -var snapshots $randoms \
  -var samples $RANDOM_SAMPLES -var dt $DT -var seed 6 -var file data_random.h5 \
  -log log.partial_random
say "direct 64x64 ground truth: m0 = $TRUTH_STARTS, $RUNS runs each, times $TIMES"
stage truth lmp -in "$here/in.truth" -var starts "$(down_fractions "$TRUTH_STARTS")" \
  -var runs $RUNS -var times "$TIMES" -var seed 9 -var file truth.h5 -log log.truth
whole_times=$(awk -v dt="$DT" 'BEGIN {printf "%.6g %.6g %.6g", dt / 4, dt / 2, dt}')
say "whole-box increments for macrodyn diagnose: $WHOLE_RUNS runs per snapshot, t = $whole_times"
stage whole lmp -in "$here/in.whole" -var pool pool.h5 -var snapshots $snapshots \
  -var runs $WHOLE_RUNS -var times "$whole_times" -var seed 11 -var file whole.h5 -log log.whole

echo "method,observable,typical_bias_sd,worst_bias_sd,worst_bias_time,worst_z,median_sd_ratio,min_sd_ratio,max_sd_ratio,worst_stationary_error,relative_squared_error,w1_last,w1_floor_last" > summary.csv
for method in partial naive; do
  say "training ($method)"
  stage train_$method "$build/macrodyn" train $datasets -c "$here/train.toml" \
    --target $method \
    -o model_$method.pt -q
  stage predict_$method "$build/macrodyn" predict model_$method.pt -i truth.h5 -r $PREDICT_RUNS \
    -o pred_$method.h5 > /dev/null
  "$build/macrodyn" evaluate pred_$method.h5 truth.h5 -o metrics_$method.csv \
    > evaluate_$method.txt
  tail -n +2 metrics_${method}_summary.csv | sed "s/^/$method,/" >> summary.csv
  "$build/macrodyn" diagnose model_$method.pt $datasets --whole whole.h5 \
    --truth truth.h5 \
    -o diagnose_$method.csv > diagnose_$method.txt
  /usr/bin/python3 "$root/tools/plot_evaluation.py" metrics_$method.csv --out plots_$method \
    --title "Ising 64x64, T = 2.5, h = 0.1: $method" > /dev/null
done
column -s, -t summary.csv
say "done. Models: $out/model_{partial,naive}.pt; metrics: $out/metrics_*.csv, summary.csv," \
  "timings.csv; bias decomposition: $out/diagnose_*.txt; plots: $out/plots_*/"
