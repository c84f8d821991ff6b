#!/usr/bin/env bash
# perfgate run, gate and baseline save on a real Google Benchmark binary and
# in a real git repository made here.
source "$(dirname "$0")/lib.sh"
tiny="$PERFGATE_BUILD/perfgate_tiny_bench"
run1="$data/gbench/google__benchmark__compare-inputs-test1_run1.json"
run2="$data/gbench/google__benchmark__compare-inputs-test1_run2.json"

export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
repo="$work/repo"
git init -q -b main "$repo"
cd "$repo"

# A gbench entry: the tiny benchmark binary, 3 repetitions.
cat >perfgate.toml <<TOML
[suite]
name = "tiny"

[[entry]]
name = "micro"
kind = "gbench"
binary = "$tiny"
repetitions = 3
min_time = "0.01s"

[thresholds]
default = "1000%"
TOML
printf '.perfgate/\n' >.gitignore
git add perfgate.toml .gitignore && git commit -qm "Add the suite"

run run --out result.json
expect_status 0 "run --out"
expect_equal "$(jq -r .schema result.json)" "perfgate/result/v1" "schema"
expect_equal "$(jq -r .git.commit result.json)" "$(git rev-parse HEAD)" "commit measured"
expect_equal "$(jq -r .git.branch result.json)" "main" "branch"
expect_equal "$(jq -r .git.subject result.json)" "Add the suite" "subject"
expect_equal "$(jq -r '[.benchmarks[] | select(.status == "ok")][0].metrics[0].samples | length' \
  result.json)" 3 "one sample per repetition"
expect_equal "$(jq -r '[.benchmarks[] | select(.status == "error")] | length' result.json)" 1 \
  "the deliberately errored benchmark is recorded as an error"

# -v shows the benchmark's own progress on stderr; stdout stays for results.
run run -v --out verbose.json
expect_status 0 "run -v"
expect_contains "$err" "BM_" "the benchmark's table is shown"
expect_equal "$out" "" "nothing on stdout with --out"

run baseline save
expect_status 0 "baseline save"
expect_equal "$(jq -r .suite baselines/tiny.json)" "tiny" "baseline file written"

# The errored benchmark is an error verdict, which fails the gate by default;
# with only regressions failing, a 1000% threshold passes the same code.
run gate --format json
expect_status 1 "an errored benchmark fails the gate"
expect_equal "$(jq '.summary.error' <<<"$out")" 1 "one error row"
run gate --format json --fail-on regressed
expect_status 0 "no regression at a 1000% threshold"

# A crash exits 3 and shows the tail of the binary's stderr.
cat >crash.toml <<'TOML'
[suite]
name = "crash"
[[entry]]
name = "boom"
kind = "gbench"
binary = "/bin/sh"
args = ["-c", "echo about to crash >&2; kill -SEGV $$"]
TOML
run gate --suite crash.toml
expect_status 3 "a crashing binary"
expect_contains "$err" "about to crash" "stderr tail shown"

cat >slow.toml <<'TOML'
[suite]
name = "slow"
[[entry]]
name = "sleepy"
kind = "gbench"
binary = "/bin/sh"
args = ["-c", "sleep 30"]
timeout = "0.5s"
TOML
run run --suite slow.toml
expect_status 3 "a binary that hangs is stopped by its timeout"
expect_contains "$err" "timed out" "timeout reported"

# SIGTERM (how CI cancels a job) stops the benchmark and all it started,
# removes perfgate's temporary file, and perfgate dies of the same signal.
marker=$((RANDOM + 40000))
printf '#!/bin/sh\nsleep %s & sleep %s\n' "$marker" "$marker" >hang.sh
chmod +x hang.sh
printf '[suite]\nname = "hang"\n[[entry]]\nname = "hang"\nbinary = "./hang.sh"\n' >hang.toml
mkdir -p "$work/tmp"
TMPDIR="$work/tmp" "$PERFGATE" run --suite hang.toml --out hang.json 2>/dev/null &
perfgate_pid=$!
for _ in $(seq 50); do pgrep -f "sleep $marker" >/dev/null && break; sleep 0.1; done
kill -TERM "$perfgate_pid"
wait "$perfgate_pid"
status=$?
expect_status 143 "perfgate dies of the SIGTERM it was sent"
sleep 0.2
expect_equal "$(pgrep -fc "sleep $marker")" 0 "the benchmark's processes are gone"
expect_equal "$(ls "$work/tmp")" "" "no temporary file left"
[[ ! -e hang.json ]] || fail "an interrupted run wrote its --out file"

# A binary that writes something other than Google Benchmark JSON.
cat >garbage.sh <<'SH'
#!/bin/sh
for argument; do
  case "$argument" in --benchmark_out=*) echo "not json" >"${argument#--benchmark_out=}" ;; esac
done
SH
chmod +x garbage.sh
printf '[suite]\nname = "g"\n[[entry]]\nname = "g"\nbinary = "./garbage.sh"\n' >garbage.toml
run run --suite garbage.toml
expect_status 3 "unreadable benchmark output is the target's failure"
expect_contains "$err" "garbage.sh wrote output perfgate cannot read to --benchmark_out: not JSON" \
  "says which binary wrote what"

# Import entries make results deterministic: gate passes on the same file
# and fails on compare.py's slowed-down pair.
cat >import.toml <<'TOML'
[suite]
name = "imported"
[[entry]]
name = "legacy"
kind = "import"
path = "current.json"
TOML
cp "$run1" current.json
run gate --suite import.toml --baseline "$run1"
expect_status 0 "gate on identical results"
cp "$run2" current.json
run gate --suite import.toml --baseline "$run1" --format json
expect_status 1 "gate on a regression"
expect_equal "$(jq '.summary.regressed' <<<"$out")" 8 "the eight regressed times"

# An import entry that names its format insists on it.
sed 's/^path = "current.json"$/path = "current.json"\nformat = "perfgate"/' import.toml >strict.toml
run run --suite strict.toml
expect_status 2 "a Google Benchmark file where a perfgate Result was promised"
expect_contains "$err" 'format is "perfgate"' "the mismatch is named"

# Results stored by commit and compared by revision.
cp "$run1" current.json
git add -A && git commit -qm "First measured state"
run run --suite import.toml --save
expect_status 0 "run --save"
first=$(git rev-parse HEAD)
expect_equal "$(ls .perfgate/results)" "$first" "stored under its commit"
cp "$run2" current.json
git add -A && git commit -qm "Second measured state"
run run --suite import.toml --save
run compare HEAD~1 HEAD --format json --suite import.toml
expect_status 1 "compare two commits from the store"
expect_equal "$(jq '.summary.regressed' <<<"$out")" 8 "regressions between commits"
run compare "${first:0:8}" "$first" --format json --suite import.toml
expect_status 0 "an abbreviated commit resolves"
# Without --suite, ./perfgate.toml's thresholds apply: at 1000% only
# BM_100xSlower (+9900%, both times) is still a regression.
run compare HEAD~1 HEAD --format json
expect_status 1 "compare judges by ./perfgate.toml"
expect_equal "$(jq '.policy.threshold' <<<"$out")" 10 "the suite's threshold"
expect_equal "$(jq '.summary.regressed' <<<"$out")" 2 "regressions beyond 1000%"
run compare HEAD~5 HEAD
expect_status 2 "a revision beyond the history"
expect_contains "$err" "HEAD~5: no such file, and" "what was typed is named"
run compare deadbeef "$first"
expect_status 2 "an unknown commit"

# Outside any repository: a warning and a null commit, never a crash.
outside="$work/outside"
mkdir -p "$outside" && cp import.toml current.json "$outside/"
cd "$outside"
GIT_CEILING_DIRECTORIES="$work" run run --suite import.toml --out r.json
expect_status 0 "run outside git"
expect_contains "$err" "not in a git repository" "warned"
expect_equal "$(jq -r .git.commit r.json)" "null" "null commit"

finish
