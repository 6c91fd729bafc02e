# Sourced by the examples' run.sh scripts: `stage NAME command ...` runs the command and appends
# "NAME,wall seconds" to timings.csv in the current directory (tools/make_results.py reads it).
stage() {
  local name=$1 start
  shift
  start=$(date +%s.%N)
  "$@"
  echo "$name,$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')" \
    >> timings.csv
}
