#!/usr/bin/env bash
# Bad input of every kind: exit 2, a message naming the input, nothing on
# stdout, and nothing already stored touched.
source "$(dirname "$0")/lib.sh"
good="$data/gbench/google__benchmark__compare-inputs-test1_run1.json"

# Every malformed results file, on either side of a comparison.
for file in "$PERFGATE_SOURCE"/tests/malformed/*; do
  [[ "$(basename "$file")" == README.md ]] && continue
  name=$(basename "$file")
  run compare "$file" "$good"
  expect_status 2 "$name as baseline"
  expect_contains "$err" "perfgate: error: loading baseline: $file" "$name is named"
  expect_equal "$out" "" "$name: nothing on stdout"
  run compare "$good" "$file"
  expect_status 2 "$name as current"
done

# A file that does not exist and is not a commit either.
run compare "$work/none.json" "$good"
expect_status 2 "missing file"
expect_contains "$err" "none.json" "missing file is named"

# Bad flags and commands.
run compare "$good" "$good" --threshold abc
expect_status 2 "--threshold abc"
expect_contains "$err" "--threshold" "the flag is named"
run compare "$good" "$good" --alpha 2
expect_status 2 "--alpha 2"
run compare "$good" "$good" --format xml
expect_status 2 "--format xml"
expect_contains "$err" "--format 'xml'" "the format is named"
run compare "$good" "$good" --fail-on slower
expect_status 2 "--fail-on slower"
run compare "$good" "$good" --thresold 5%
expect_status 2 "misspelt flag"
expect_contains "$err" "did you mean '--threshold'?" "suggests the flag"
run comapre "$good" "$good"
expect_status 2 "misspelt command"
expect_contains "$err" "did you mean 'compare'?" "suggests the command"
run compare "$good"
expect_status 2 "one argument"
expect_equal "$out" "" "usage errors print nothing on stdout"
run
expect_status 2 "no command"
expect_contains "$err" "no command given (one of: run, compare, gate, baseline)" "lists commands"
run baseline bogus
expect_status 2 "unknown baseline command"
expect_contains "$err" "unknown baseline command 'bogus'" "names what was typed"
run compare "$good" "$good" --alpha x
expect_status 2 "--alpha x"
expect_contains "$err" "--alpha x: not a number" "says what is wrong"
run --help
expect_status 0 "--help"
expect_contains "$out" "compare" "help lists commands on stdout"

# Bad suite files.
cd "$work"
printf '[suite]\nname = "s"\n[[entry]]\nname = "e"\nkind = "gbench"\nbinary = "b"\n' \
  >typo.toml
printf 'repetitons = 3\n' >>typo.toml
run run --suite typo.toml
expect_status 2 "unknown key"
expect_contains "$err" "typo.toml" "suite file named"
expect_contains "$err" "repetitions" "suggests the key"
printf '[suite\nname = "s"\n' >syntax.toml
run run --suite syntax.toml
expect_status 2 "TOML syntax error"
expect_contains "$err" "syntax.toml" "suite file named"
run run --suite "$work/absent.toml"
expect_status 2 "missing suite file"

# A malformed file given to `baseline save --from` leaves the committed
# baseline exactly as it was.
mkdir -p baselines
printf '[suite]\nname = "kept"\n[[entry]]\nname = "i"\nkind = "import"\npath = "x.json"\n' \
  >perfgate.toml
cp "$good" baselines/kept.json
before=$(sha256sum baselines/kept.json)
run baseline save --from "$PERFGATE_SOURCE/tests/malformed/truncated.json"
expect_status 2 "baseline save from a truncated file"
expect_equal "$(sha256sum baselines/kept.json)" "$before" "baseline untouched"
expect_equal "$(ls baselines)" "kept.json" "no temporary file left behind"

# baseline list names an unreadable baseline on stderr and exits 2, still
# listing the readable ones.
printf '{' >baselines/broken.json
run baseline list
expect_status 2 "an unreadable baseline"
expect_contains "$err" "baselines/broken.json: truncated JSON" "the broken file is named"
expect_contains "$out" "baselines/kept.json" "the good one is listed"
rm baselines/broken.json

# A FIFO is neither read (it would wait for a writer forever) nor replaced.
mkfifo "$work/fifo"
run compare "$work/fifo" "$good"
expect_status 2 "a FIFO as a results file"
expect_contains "$err" "not a regular file" "the FIFO is refused"
printf '[suite]\nname = "f"\n[[entry]]\nname = "i"\nkind = "import"\npath = "%s"\n' "$good" \
  >fifo.toml
run run --suite fifo.toml --out "$work/fifo"
expect_status 2 "--out naming a FIFO"
[[ -p "$work/fifo" ]] || fail "the FIFO was replaced by a file"
run run --suite fifo.toml --out ""
expect_status 2 "--out with an empty name"

# Flags given twice or out of range.
run compare "$good" "$good" --format json,json
expect_status 2 "the same format twice"
run compare "$good" "$good" --alpha 0.7
expect_status 2 "--alpha above 0.5, as the suite file refuses"

# A dotted key deep enough to overflow toml++'s recursion.
printf '[%s]\n' "$(printf 'a.%.0s' {1..20000})a" >deep.toml
run run --suite deep.toml
expect_status 2 "a 20,001-part table header"
expect_contains "$err" "deep.toml" "the suite file is named"

finish
