#!/usr/bin/env bash
# The main job on the bundled example: perfgate gates its own hot paths.
# Installs dependencies, builds, runs build/perfgate_bench (from
# bench/perfgate_bench.cpp) through the repository's perfgate.toml, compares
# with the committed baselines/perfgate.json and prints the table. Exits like
# the gate: 0 passed, 1 regressed. The baseline was measured on one machine;
# on another, or on a busy one, differences beyond 10% are real and reported.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh
build/perfgate gate --suite perfgate.toml --explain "$@"
