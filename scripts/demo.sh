#!/usr/bin/env bash
# The main job on the bundled example: perfgate gates its own hot paths.
# Installs dependencies, builds, runs bench/perfgate_bench through the
# repository's perfgate.toml, compares with baselines/perfgate.json and
# prints the table. Exits like the gate: 0 passed, 1 regressed.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh
build/perfgate gate --suite perfgate.toml --explain "$@"
