#!/usr/bin/env bash
# The partial-force dataset of the published Lennard-Jones study (examples/lj-partial-force/in.data):
# RUNS trajectories of STEPS steps at 800 atoms, a configuration every EVERY steps with the forces
# on COUNT random atoms and (FULL=yes) all forces. The learning side (macrodyn's latent ODE) reads
# forces.h5; doc/formats/partial_forces.md has the schema.
# Usage: examples/lj-partial-force/run.sh [OUTDIR]; SIDE [10: 800 atoms; the study's 15, 20, 30,
#   40: 2700, 6400, 21600, 51200], RUNS [10; the study: 100], STEPS [250], EVERY [10; the study:
#   1], COUNT [50], FULL [yes], SEED [2024] (T0 draws and selections), POS_SEED [34141],
#   VEL_SEED [87878] (the study's).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/build/examples/lj-partial-force}
SIDE=${SIDE:-10}
RUNS=${RUNS:-10}
STEPS=${STEPS:-250}
EVERY=${EVERY:-10}
COUNT=${COUNT:-50}
FULL=${FULL:-yes}
SEED=${SEED:-2024}
POS_SEED=${POS_SEED:-34141}
VEL_SEED=${VEL_SEED:-87878}
mkdir -p "$out"
cd "$out"
rm -f forces.h5
echo "lj-partial-force: $RUNS trajectories x $STEPS steps, box side $SIDE, forces on $COUNT atoms every $EVERY steps"
"$root/tools/lmp" -in "$here/in.data" -var side "$SIDE" -var runs "$RUNS" \
  -var steps "$STEPS" -var every "$EVERY" -var count "$COUNT" -var seed "$SEED" \
  -var pos_seed "$POS_SEED" -var vel_seed "$VEL_SEED" -var full "$FULL" -var file forces.h5 \
  -log log.data -screen none
/usr/bin/python3 - forces.h5 <<'PY'
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], 'r'); c = f['configurations']
n, N = c['selected'].shape[1], int(f.attrs['atoms'][0])
v, m = c['velocities'][:], c['masses'][:]
# Instantaneous temperature (the study's prescribed observable), 3 (N - 1) degrees of freedom.
T = (m[:, :, None] * v ** 2).sum(axis=(1, 2)) / (3 * (N - 1))
print('lj-partial-force: %d configurations of %d atoms in %d trajectories, forces on %d atoms each '
      '(%d atom-force evaluations in all); T from %.3f to %.3f' % (
          len(T), N, len(set(c['trajectory'][:])), n, c['force_evaluations'][:].sum(), T.min(), T.max()))
if 'full_forces' in c:
    k = c['selected'][0] - 1
    print('lj-partial-force: partial = full forces on the selected atoms: max |diff| %.1e' %
          np.abs(c['forces'][0] - c['full_forces'][0][k]).max())
PY
echo "lj-partial-force: wrote $out/forces.h5"
