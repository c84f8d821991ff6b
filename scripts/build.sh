#!/usr/bin/env bash
# Configures and builds perfgate into build/ (the binary lands at build/perfgate).
# The compiler's progress goes to build/build.log, shown only when it fails.
# Extra arguments go to CMake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p build
echo "build: compiling into build/ (log in build/build.log)" >&2
if ! { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" &&
       cmake --build build -j"$(nproc)"; } >build/build.log 2>&1; then
  cat build/build.log >&2
  echo "build: failed; the log above is build/build.log" >&2
  exit 1
fi
echo "build: done, build/perfgate" >&2
