#!/usr/bin/env bash
# Lifting (pair_style macro/bias): the NbMoTa model of examples/nbmota predicts the chemical order
# of a random 8192-site configuration after annealing for t at T; a biased KMC run drives the
# configuration there, an unbiased KMC run anneals it for t directly, and a short EAM MD runs on
# the lifted configuration. Usage: examples/lifting/run.sh [OUTDIR]; environment (defaults):
#   MODEL [run examples/nbmota into OUTDIR/nbmota]  T [1400]  JUMPS [1920] (t in jumps per
#   vacancy: the nbmota training trajectories span 1920; beyond, the model extrapolates)
#   RATE [from the nbmota run's 1024-site trajectory at T]  KAPPA [0.5]  MAXBLOCKS [200]
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/build/examples/lifting}
build=${MACRODYN_BUILD_DIR:-$root/build}
T=${T:-1400}
JUMPS=${JUMPS:-1920}
KAPPA=${KAPPA:-0.5}
MAXBLOCKS=${MAXBLOCKS:-200}
mkdir -p "$out"
say() { echo "lifting [$(date +%H:%M:%S)]: $*"; }
lmp() { "$root/tools/lmp" -var potentials "$root/potentials" "$@" -screen none; }
if [[ -z ${MODEL:-} ]]; then
  say "training the NbMoTa model (examples/nbmota) into $out/nbmota"
  "$root/examples/nbmota/run.sh" "$out/nbmota" > "$out/nbmota.log"
  MODEL=$out/nbmota/model.pt
fi
if [[ -z ${RATE:-} ]]; then
  rates=$out/nbmota/jump_rates.csv # measured by examples/nbmota on its 1024-site trajectory
  RATE=$(awk -F, -v T="$T" '$1 == T {print $2}' "$rates" 2>/dev/null || true)
  [[ -n $RATE ]] || { echo "lifting: give RATE (vacancy jumps per s at $T K) or run examples/nbmota at T = $T" >&2; exit 2; }
fi
t=$(/usr/bin/python3 -c "print('%.6g' % ($JUMPS / $RATE))")
cd "$out"
say "random 16^3-cell start at $T K; prediction at t = $t s ($JUMPS jumps per vacancy)"
lmp -in "$here/in.start" -var T "$T" -var seed 101 -log log.start
"$build/macrodyn" predict "$MODEL" -i start.csv --times "$t" -r 200 -o predicted.h5 \
  --csv predicted.csv > log.predict
grep WARNING log.predict || true # e.g. a prediction beyond the training states
/usr/bin/python3 "$here/lift_target.py" "$MODEL" predicted.csv .
say "unbiased KMC annealing for t"
s0=$(date +%s.%N)
lmp -in "$here/in.anneal" -var T "$T" -var t "$t" -log log.anneal
anneal_wall=$(/usr/bin/python3 -c "print($(date +%s.%N) - $s0)")
say "biased KMC lift (kappa $KAPPA)"
s0=$(date +%s.%N)
lmp -in "$here/in.lift" -var T "$T" -var kappa "$KAPPA" -var maxblocks "$MAXBLOCKS" -log log.lift
lift_wall=$(/usr/bin/python3 -c "print($(date +%s.%N) - $s0)")
say "2 ps EAM MD on the lifted configuration"
lmp -in "$here/in.md" -var T "$T" -log log.md
/usr/bin/python3 "$here/lift_summary.py" . "$lift_wall" "$anneal_wall" | tee lift_summary.txt
say "done: $out/lift_summary.csv, lifted.data, log.lift"
