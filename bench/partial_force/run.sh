#!/usr/bin/env bash
# Benchmark of compute partial/force (doc/styles/partial_force.md, "Cost"): per invocation, the
# O(N) pass (cell list) and the force work on n_p = 50 atoms, against LAMMPS's full force
# computation with its neighbour-list build (Pair + Neigh time per step of the same run: the two
# are interleaved step by step, so machine noise hits both alike). Medians over the steps.
# Usage: bench/partial_force/run.sh [OUTDIR]; SIZES_LJ, SIZES_EAM (cells "a:c" each), STEPS, COUNT.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/build/bench/partial_force}
# fcc cells (a a c) giving the published sizes 800, 2700, 6400, 21600, 51200 and 307200 atoms.
SIZES_LJ=${SIZES_LJ:-"10:2 15:3 20:4 30:6 40:8 80:12"}
SIZES_EAM=${SIZES_EAM:-"20:20 40:20"} # bcc: 16000 and 64000 atoms
STEPS=${STEPS:-40}
COUNT=${COUNT:-50}
mkdir -p "$out"
cd "$out"
table=partial_force_cost.csv
echo "potential,atoms,count,pair_terms,search_ms,force_ms,invocation_ms,full_force_ms,ratio_percent" > $table
measure() { # potential input a c
  local name=$1 input=$2 a=$3 c=$4 dir="$out/$1_$3x$3x$4"
  mkdir -p "$dir"
  (cd "$dir" && "$root/tools/lmp" -in "$here/$input" -var a "$a" -var c "$c" -var count "$COUNT" \
     -var steps "$STEPS" -var potential "$root/potentials/NbMoTa.eam.alloy" -screen none \
     -log log.lammps)
  /usr/bin/python3 - "$dir" "$name" "$STEPS" "$COUNT" >> $table <<'PY'
import sys, re, numpy as np
d, name, steps, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rows = np.array([[float(v) for v in l.split()[1:]] for l in open(d + '/cost.txt')
                 if not l.startswith('#')])
log = open(d + '/log.lammps').read().split('Loop time')[-2:]
last = log[-1]
atoms = int(re.findall(r'on \d+ procs for \d+ steps with (\d+) atoms', open(d + '/log.lammps').read())[-1])
sec = {k: float(re.search(r'^%s\s*\|\s*\S+\s*\|\s*\S+\s*\|\s*(\S+)' % k, last, re.M).group(1))
       for k in ('Pair', 'Neigh')}
full = (sec['Pair'] + sec['Neigh']) / steps * 1e3
search, work = np.median(rows[:, 1]) * 1e3, np.median(rows[:, 2]) * 1e3
inv = np.median(rows[:, 1] + rows[:, 2]) * 1e3
print("%s,%d,%d,%d,%.4f,%.4f,%.4f,%.3f,%.2f" % (name, atoms, count, np.median(rows[:, 0]), search,
      work, inv, full, 100 * inv / full))
PY
  tail -n 1 $table
}
for s in $SIZES_LJ; do measure lj in.lj "${s%%:*}" "${s##*:}"; done
for s in $SIZES_EAM; do measure eam in.eam "${s%%:*}" "${s##*:}"; done
column -s, -t $table
