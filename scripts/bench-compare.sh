#!/usr/bin/env bash
# Times `perfgate compare` against Google Benchmark's compare.py on the same
# two files of 2,000 benchmarks x 20 repetitions, side by side in one run, and
# prints both times and the ratio. Needs build/perfgate (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --reference
[[ -x build/perfgate ]] || scripts/build.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 scripts/make-gbench-pair.py "$work/a.json" "$work/b.json" 2000 20
echo "inputs: $(du -h "$work/a.json" | cut -f1) and $(du -h "$work/b.json" | cut -f1)," \
     "2000 benchmarks x 20 repetitions each"

# Seconds of wall time for one run of "$@", output discarded; exit 1 from a
# gate that found regressions is expected here.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || [[ $? -eq 1 ]]
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

# The fastest of three runs each, so a stray hiccup does not decide it.
best_of_three() {
  local best="" t
  for _ in 1 2 3; do
    t=$(seconds "$@")
    if [[ -z "$best" ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}

comparepy=$(best_of_three /usr/bin/python3 /usr/share/benchmark/compare.py -a benchmarks \
  "$work/a.json" "$work/b.json")
perfgate=$(best_of_three build/perfgate compare "$work/a.json" "$work/b.json" --format json \
  --threshold 5%)

printf 'compare.py:       %8.3f s\n' "$comparepy"
printf 'perfgate compare: %8.3f s\n' "$perfgate"
printf 'ratio:            %8.1fx faster\n' "$(echo "$comparepy / $perfgate" | bc -l)"
