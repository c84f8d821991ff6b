#!/usr/bin/env bash
# perfgate compare on real Google Benchmark files: verdicts, formats, exit codes.
source "$(dirname "$0")/lib.sh"
gb="$data/gbench"
run1="$gb/google__benchmark__compare-inputs-test1_run1.json"
run2="$gb/google__benchmark__compare-inputs-test1_run2.json"

# compare.py's own pair holds single runs, so the threshold (5%) alone
# decides. Counted by hand from the two files: 14 comparable benchmarks x 2
# times; BigO and RMS rows are not benchmarks.
run compare "$run1" "$run2" --format json
expect_status 1 "regressions fail the gate"
expect_equal "$(jq '.rows | length' <<<"$out")" 28 "rows"
expect_equal "$(jq '.summary.regressed' <<<"$out")" 8 "regressed count"
expect_equal "$(jq '.summary.improved' <<<"$out")" 12 "improved count"
expect_equal "$(jq '.summary.unchanged' <<<"$out")" 8 "unchanged count"
row() { jq -c ".rows[] | select(.benchmark == \"$1\" and .metric == \"$2\") | $3" <<<"$out"; }
expect_equal "$(row BM_2xSlower real_time .change)" 1 "2x slower is +100%"
expect_equal "$(row BM_2xSlower real_time .verdict)" '"regressed"' "2x slower verdict"
expect_equal "$(row BM_10PercentCPUToTime cpu_time .verdict)" '"improved"' "cpu improved"
expect_equal "$(row BM_10PercentCPUToTime real_time .verdict)" '"regressed"' "time regressed"
expect_equal "$(row BM_1PercentSlower real_time .verdict)" '"unchanged"' "1% is inside 5%"
expect_equal "$(row BM_2xSlower real_time .evidence)" '"threshold-only"' "single runs"
# compare.py drops this pair (s vs ns); perfgate converts: 1 s -> 1 ns.
expect_equal "$(row BM_DifferentTimeUnit real_time .baseline)" 1000000000 "1 s in ns"
expect_equal "$(row BM_DifferentTimeUnit real_time .current)" 1 "1 ns"

# The same file against itself: nothing changes, the gate passes.
run compare "$run1" "$run1" --format json
expect_status 0 "identical files pass"
expect_equal "$(jq '.summary.unchanged' <<<"$out")" 28 "all unchanged"

# A higher threshold turns the 10% changes into unchanged ones: left are
# 2xSlower and 100xSlower (both times) and NotBadTimeUnit's cpu_time (+20%).
run compare "$run1" "$run2" --format json --threshold 15%
expect_equal "$(jq '.summary.regressed' <<<"$out")" 5 "regressed at 15%"

# Missing and new benchmarks: bpfilter's older run lacks two benchmarks.
old="$gb/qdeslandes__bpfilter-benchmark-results__005d041.json"
new="$gb/qdeslandes__bpfilter-benchmark-results__0cf41be.json"
run compare "$old" "$new" --format json --threshold 1000%
expect_status 0 "new benchmarks do not fail by default"
expect_equal "$(jq '[.rows[] | select(.verdict == "new") | .benchmark] | unique | length' \
  <<<"$out")" 2 "two new benchmarks"
run compare "$new" "$old" --format json --threshold 1000% --fail-on missing
expect_status 1 "--fail-on missing fails on missing benchmarks"

# The table: no colour when asked for none or when NO_COLOR is set.
run compare "$run1" "$run2" --color never
expect_status 1 "table exit code"
expect_contains "$out" "BM_2xSlower" "table names benchmarks"
[[ "$out" != *$'\e['* ]] || fail "colour codes with --color never"
NO_COLOR=1 run compare "$run1" "$run2"
[[ "$out" != *$'\e['* ]] || fail "colour codes with NO_COLOR (stdout is not a terminal anyway)"
run compare "$run1" "$run2" --color always
expect_contains "$out" $'\e[' "--color always colours"

# Markdown and GitHub workflow commands.
run compare "$run1" "$run2" --format markdown
expect_contains "$out" "|" "markdown table"
run compare "$run1" "$run2" --format github
expect_contains "$out" "::error" "regressions are errors"
expect_contains "$out" "::notice" "improvements are notices"
bad_lines=$(grep -cv '^::' <<<"$out")
expect_equal "$bad_lines" 0 "every github line is a workflow command"

# Two formats in one call, in order.
run compare "$run1" "$run2" --format table,json --color never
expect_contains "$out" '"schema": "perfgate/comparison/v1"' "json after the table"

finish
