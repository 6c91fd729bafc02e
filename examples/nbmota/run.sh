#!/usr/bin/env bash
# NbMoTa end to end (reduced by default; the README lists the figures of this default):
#   1. 1024-site KMC trajectories from random equimolar starts (one vacancy) at the training
#      temperatures, frames along the way;
#   2. every frame upsampled to 8192 sites (16^3 cells);
#   3. partial evolution on those snapshots (K = 8 patches of 1024 sites);
#   4. direct 8192-site ground truth from random starts, also at a temperature not trained on;
#   5. macrodyn train (MLP drift on the 6 delta parameters, conditioned on T), the method and the
#      naive baseline on the same data, and the method with S-OnsagerNet drift; predict, evaluate,
#      plots;
#   6. a 65536-site prediction (32^3 cells) at LARGE_T against a direct 65536-site check.
# Usage: examples/nbmota/run.sh [OUTDIR]; sizes through the environment (defaults in brackets):
#   TRAIN_T [1000 1400 2000]  TEST_T [1700]  FRAMES [30]  EVENTS [64]  SAMPLES [40]
#   STARTS [2]  RUNS [32]  CLOSURE [0] (closure variables from the patch microstates; see README)
#   SEEDS [5] independent 1024-site trajectories per training temperature (random starts 3, 5,
#   7, ...), each upsampled and partially evolved with its own streams: many distinct training
#   states (5 x 30 frames x 40 samples = 6000 records per T; one trajectory's frames share one
#   path, see README); frames every EVENTS = 64 events span the truth's 1920 jump times
#   RELAX [20] KMC events per 8^3-cell window when a frame is tiled to 8192 sites (64 windows:
#   8 RELAX jumps per vacancy, which ages every snapshot by that many jump times)
#   FIRST [1] first frame of each trajectory used for training (0: also its random start, the
#   state every direct run starts from)
#   HORIZON [FRAMES x EVENTS = 1920] jump times of the training trajectories and of the ground
#   truth (times 15, 30, 60, ... <= HORIZON); longer: the FRAMES frames log-spaced over it
#   LARGE_T [1400]  LARGE_RUNS [8] (the 65536-site prediction and its direct check)
#   JUMPS [10] (vacancy jumps per partial-evolution sample: the estimator is exact to first
#   order in dt and a vacancy that leaves its patch stays frozen, but at 1000 K the drift per jump
#   is far below the noise; 10 gave better ensembles than 3 or 20, see README)
#   BARRIERS [none] a TorchScript vacancy-barrier model (e.g. the published NNK model,
#   ../shared/data/nnk/nbmota_nnk_barrier.pt) instead of the default EAM energies + KRA barriers;
#   then the study's temperatures are the defaults: TRAIN_T [1600 2000 2400] TEST_T [1800]
#   LARGE_T [2000] (in.kmc_model), and SEEDS [10] SAMPLES [20] (measured, README)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/build/examples/nbmota}
build=${MACRODYN_BUILD_DIR:-$root/build}
BARRIERS=${BARRIERS:-}
if [ -n "$BARRIERS" ]; then
  [ -f "$BARRIERS" ] || { echo "nbmota: ERROR: BARRIERS=$BARRIERS: no such file" >&2; exit 2; }
  BARRIERS=$(readlink -f "$BARRIERS")
  kmc_model=(-var model learned -var barriers "$BARRIERS")
  TRAIN_T=${TRAIN_T:-"1600 2000 2400"} TEST_T=${TEST_T:-1800} LARGE_T=${LARGE_T:-2000}
  SEEDS=${SEEDS:-10} SAMPLES=${SAMPLES:-20}
else
  kmc_model=(-var model kra)
fi
TRAIN_T=${TRAIN_T:-"1000 1400 2000"}
TEST_T=${TEST_T:-1700}
FRAMES=${FRAMES:-30}
EVENTS=${EVENTS:-64}
SAMPLES=${SAMPLES:-40}
JUMPS=${JUMPS:-10}
STARTS=${STARTS:-2}
RUNS=${RUNS:-32}
LARGE_T=${LARGE_T:-1400}
LARGE_RUNS=${LARGE_RUNS:-8}
CLOSURE=${CLOSURE:-0}
SEEDS=${SEEDS:-5}
RELAX=${RELAX:-20}
FIRST=${FIRST:-1}
HORIZON=${HORIZON:-$((FRAMES * EVENTS))}
STEPS=$((HORIZON / EVENTS)) # KMC steps of EVENTS events in a 1024-site trajectory
[ "$STEPS" -ge "$FRAMES" ] || { echo "nbmota: ERROR: HORIZON=$HORIZON < FRAMES x EVENTS" >&2; exit 2; }
# The trajectories stop at STEPS x EVENTS jump times: a remainder would leave the truth's last
# times beyond the training data, silently.
[ $((HORIZON % EVENTS)) -eq 0 ] || {
  echo "nbmota: ERROR: HORIZON=$HORIZON is not a multiple of EVENTS=$EVENTS" >&2; exit 2; }
micro=$([ "$CLOSURE" -gt 0 ] && echo yes || echo no)
mkdir -p "$out"
cd "$out"
# shellcheck source=../stage_timer.sh
source "$here/../stage_timer.sh"
echo "stage,seconds" > timings.csv
echo "T,jumps_per_s" > jump_rates.csv # one vacancy's jump rate per temperature (examples/lifting)
rm -f small_T*.dump large_T*.dump
lmp() { "$root/tools/lmp" -var potentials "$root/potentials" -var here "$here" "${kmc_model[@]}" "$@" -screen none; }
say() { echo "nbmota [$(date +%H:%M:%S)]: $*"; }
# File-name suffix of small trajectory s (none with one trajectory, as before SEEDS existed).
sfx() { [ "$SEEDS" -gt 1 ] && echo "_s$1" || true; }
# Jump rate of one vacancy, measured on the (first) 1024-site trajectory: events / KMC time.
rate() {
  awk -v n=$((STEPS * EVENTS)) '$1 == '"$STEPS"' && NF == 5 {t = $2} END {print n / t}' \
    log.small_T$1$(sfx 1)
}
# The timesteps of frames FIRST..FRAMES of a 1024-site trajectory's dump, when they are log-spaced.
frame_steps() {
  [ "$STEPS" -gt "$FRAMES" ] || return 0
  echo -var steps $(awk '/ITEM: TIMESTEP/ {getline; print}' "$1" | tail -n +$((FIRST + 1)))
}
# Ground-truth times: 15 x 2^k jump times of one vacancy, up to HORIZON.
truth_times() {
  /usr/bin/python3 -c "r = $(rate $1)
print(' '.join('%.4g' % (15 * 2**k / r) for k in range(64) if 15 * 2**k <= $HORIZON))"
}

datasets=()
for T in $TRAIN_T $TEST_T; do
  # The test temperature needs only the jump rate (for the ground truth's times): one trajectory.
  n=$SEEDS
  case " $TRAIN_T " in *" $T "*) ;; *) n=1 ;; esac
  for s in $(seq 1 $n); do
    say "T = $T K: 1024-site trajectory $s of $n ($FRAMES frames over $((STEPS * EVENTS)) events)"
    stage small_T$T$(sfx $s) lmp -in "$here/in.small" -var T $T -var seed $((1 + 2 * s)) \
      -var frames $FRAMES -var events $EVENTS -var steps $STEPS \
      -var small small_T$T$(sfx $s).dump -log log.small_T$T$(sfx $s)
  done
  say "T = $T K: one vacancy jumps $(rate $T) times per s"
  echo "$T,$(rate $T)" >> jump_rates.csv
done
for T in $TRAIN_T; do
  dt=$(/usr/bin/python3 -c "print($JUMPS / $(rate $T))") # jumps of the patch's vacancy per sample
  for s in $(seq 1 $SEEDS); do
    x=$(sfx $s)
    say "T = $T K: upsampling $FRAMES frames of trajectory $s to 8192 sites"
    stage upsample_T$T$x lmp -in "$here/in.upsample" -var T $T -var frames $FRAMES \
      -var first $FIRST -var relax $RELAX -var small small_T$T$x.dump \
      -var large large_T$T$x.dump -var upsample_seed $((10 + s)) $(frame_steps small_T$T$x.dump) \
      -log log.upsample_T$T$x
    say "T = $T K: partial evolution, $SAMPLES samples per snapshot, dt = $dt s"
    stage partial_T$T$x lmp -in "$here/in.partial" -var T $T -var frames $FRAMES \
      -var first $FIRST -var mode partial -var args "time $dt samples $SAMPLES" \
      -var microstates $micro -var large large_T$T$x.dump -var partial_seed $((4 + s)) \
      -var file data_T$T$x.h5 -log log.partial_T$T$x
    datasets+=(data_T$T$x.h5)
  done
  # Whole-box increments from the (first trajectory's) snapshots over dt / 4, dt / 2 and dt (4
  # runs each), for macrodyn diagnose: the estimator and its finite-dt bias.
  whole_times=$(/usr/bin/python3 -c "print('%.6g %.6g %.6g' % ($dt / 4, $dt / 2, $dt))")
  stage whole_T$T lmp -in "$here/in.partial" -var T $T -var frames $FRAMES -var first $FIRST \
    -var mode full -var args "times $whole_times runs 4" -var large large_T$T$(sfx 1).dump \
    -var file whole_T$T.h5 -log log.whole_T$T
done

for T in $TRAIN_T $TEST_T; do
  # From 15 jumps per vacancy, doubling (8 times to the default 1920): the order of a random
  # start changes fastest in the first few hundred.
  times=$(truth_times $T)
  say "T = $T K: direct 8192-site ground truth, $STARTS starts x $RUNS runs, times $times s"
  stage truth_T$T lmp -in "$here/in.truth" -var T $T -var starts $STARTS -var runs $RUNS \
    -var times "$times" \
    -var microstates $micro -var file truth_T$T.h5 -log log.truth_T$T
done

echo "method,T,observable,typical_bias_sd,worst_bias_sd,worst_bias_time,worst_z,median_sd_ratio,min_sd_ratio,max_sd_ratio,worst_stationary_error,relative_squared_error,w1_last,w1_floor_last" > summary.csv
# The method (target partial: model.pt, MLP drift, used by examples/lifting), the naive baseline
# (the patch taken for the system) and the method with S-OnsagerNet drift (model_onsager.pt),
# trained on the same data.
for method in partial naive partial_onsager; do
  case $method in
    partial) model=model.pt tag_prefix= options="--target partial" ;;
    naive) model=model_naive.pt tag_prefix=naive_ options="--target naive" ;;
    partial_onsager) model=model_onsager.pt tag_prefix=onsager_ options="--target partial --drift onsager" ;;
  esac
  say "training ($method)"
  # shellcheck disable=SC2086 # options are words
  stage train_$method "$build/macrodyn" train "${datasets[@]}" -c "$here/train.toml" \
    $options --closure $CLOSURE -o $model -q
  for T in $TRAIN_T $TEST_T; do
    tag=${tag_prefix}T$T
    stage predict_$tag "$build/macrodyn" predict $model -i truth_T$T.h5 -r 100 -o pred_$tag.h5 \
      > /dev/null
    "$build/macrodyn" evaluate pred_$tag.h5 truth_T$T.h5 -o metrics_$tag.csv > evaluate_$tag.txt
    tail -n +2 metrics_${tag}_summary.csv | sed "s/^/$method,$T,/" >> summary.csv
    data=data_T$T$(sfx 1).h5 # the snapshots whole_T$T.h5 evolved whole
    if [ -f $data ]; then # trained temperatures: the bias decomposition
      # a part that cannot be judged on these data (e.g. no training state near the direct
      # stationary state) ends diagnose with an error: report it and go on with the rest
      "$build/macrodyn" diagnose $model $data --whole whole_T$T.h5 --truth truth_T$T.h5 \
        -o diagnose_$tag.csv > diagnose_$tag.txt 2> diagnose_$tag.err ||
        say "T = $T K ($method): diagnose stopped: $(tail -n 1 diagnose_$tag.err)"
    fi
    /usr/bin/python3 "$root/tools/plot_evaluation.py" metrics_$tag.csv --out plots_$tag \
      --title "NbMoTa 8192 sites, T = $T K ($method)" > /dev/null
  done
done
# 65536 sites (32^3 cells, 64 vacancies) at LARGE_T: the method's prediction (its noise scaled to
# the larger box by predict) against a direct check with LARGE_RUNS runs from one random start.
times=$(truth_times $LARGE_T)
say "T = $LARGE_T K: direct 65536-site check, 1 start x $LARGE_RUNS runs"
stage truth_65536_T$LARGE_T lmp -in "$here/in.truth" -var cells 32 -var T $LARGE_T -var starts 1 \
  -var runs $LARGE_RUNS -var times "$times" -var microstates no -var file truth_65536_T$LARGE_T.h5 \
  -log log.truth_65536_T$LARGE_T
tag=65536_T$LARGE_T
stage predict_$tag "$build/macrodyn" predict model.pt -i truth_$tag.h5 -r 100 -o pred_$tag.h5 \
  > log.predict_$tag
grep "noise scaled" log.predict_$tag || true
"$build/macrodyn" evaluate pred_$tag.h5 truth_$tag.h5 -o metrics_$tag.csv > evaluate_$tag.txt
tail -n +2 metrics_${tag}_summary.csv | sed "s/^/partial_65536,$LARGE_T,/" >> summary.csv
/usr/bin/python3 "$root/tools/plot_evaluation.py" metrics_$tag.csv --out plots_$tag \
  --title "NbMoTa 65536 sites, T = $LARGE_T K (partial)" > /dev/null
column -s, -t summary.csv
if [ -n "$BARRIERS" ]; then say "energy model: the barriers of $BARRIERS"; fi
say "done. Models: $out/model.pt (method), $out/model_naive.pt (baseline)," \
  "$out/model_onsager.pt (method, S-OnsagerNet); metrics:" \
  "$out/metrics_*.csv, summary.csv, timings.csv; plots: $out/plots_*/"
