#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test; then builds again with
# AddressSanitizer and UndefinedBehaviorSanitizer and runs the tests there.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
jobs=$(nproc)

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

# The sanitized build skips perfgate's own microbenchmarks: they measure, and
# under sanitizers there is nothing worth measuring.
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DPERFGATE_SANITIZE=ON \
  -DPERFGATE_BUILD_BENCH=OFF >/dev/null
cmake --build build-sanitize -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-sanitize --output-on-failure -j"$jobs"
