# Shared by the end-to-end tests: run the real binary, check what it did.
# The caller sets PERFGATE (the binary) and PERFGATE_SOURCE (the repository).
set -uo pipefail

data="$PERFGATE_SOURCE/tests/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failures=0
checks=0

# run ARGS...: runs perfgate, leaving $status, $out and $err.
run() {
  "$PERFGATE" "$@" >"$work/stdout" 2>"$work/stderr"
  status=$?
  out=$(cat "$work/stdout")
  err=$(cat "$work/stderr")
}

fail() {
  echo "FAIL: $*" >&2
  echo "  stdout: ${out:0:2000}" >&2
  echo "  stderr: ${err:0:2000}" >&2
  failures=$((failures + 1))
}

# expect_status CODE DESCRIPTION
expect_status() {
  checks=$((checks + 1))
  [[ "$status" == "$1" ]] || fail "$2: exit $status, expected $1"
}

# expect_equal ACTUAL EXPECTED DESCRIPTION
expect_equal() {
  checks=$((checks + 1))
  [[ "$1" == "$2" ]] || fail "$3: got '$1', expected '$2'"
}

# expect_contains HAYSTACK NEEDLE DESCRIPTION
expect_contains() {
  checks=$((checks + 1))
  [[ "$1" == *"$2"* ]] || fail "$3: '$2' not found"
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [[ $failures -eq 0 ]]
}
