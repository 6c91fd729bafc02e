#!/bin/bash
# Training speed-up over MPI ranks on this machine: bench_train_ranks at 1 rank x 1 thread,
# 2 ranks x 1 thread and 1 rank x 2 threads, interleaved REPEATS times (the VM is noisy), then the
# median samples/s of each and the speed-ups. Every line must show the same parameter checksum.
#   bench/train_ranks.sh [REPEATS=5] [EPOCHS=3] [RECORDS=100000] [SHARDS=2]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${MACRODYN_BUILD_DIR:-$here/build}/bench/bench_train_ranks
[ -x "$bin" ] || { echo "train_ranks.sh: $bin not built (cmake --build build --target bench_train_ranks)" >&2; exit 1; }
repeats=${1:-5} epochs=${2:-3} records=${3:-100000} shards=${4:-2}
root=$(mktemp -d /tmp/macrodyn-ompi-XXXXXX)
trap 'rm -rf "$root"' EXIT
run() { # ranks threads
  OMPI_MCA_orte_tmpdir_base=$root mpirun --allow-run-as-root --bind-to none -np "$1" \
    "$bin" "$2" "$epochs" "$records" "$shards"
}
out=$(for ((i = 0; i < repeats; ++i)); do run 1 1; run 2 1; run 1 2; done)
echo "$out"
echo "$out" | /usr/bin/python3 -c '
import re, statistics, sys
rate, sums = {}, set()
for line in sys.stdin:
    m = re.match(r"ranks (\d+) threads (\d+) .*: (\d+) samples/s .*parameters (\w+)", line)
    rate.setdefault((int(m[1]), int(m[2])), []).append(float(m[3])); sums.add(m[4])
base = statistics.median(rate[(1, 1)])
for (r, t), v in sorted(rate.items()):
    print(f"{r} rank(s) x {t} thread(s): median {statistics.median(v):.0f} samples/s, best {max(v):.0f}, "
          f"speed-up {statistics.median(v) / base:.2f}x (median)")
print("parameter checksums:", "all equal" if len(sums) == 1 else "DIFFER " + " ".join(sorted(sums)))
'
