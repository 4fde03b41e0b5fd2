#!/usr/bin/env bash
# Builds everything and runs every test: a warnings-as-errors build, then the same tests
# under AddressSanitizer + UndefinedBehaviorSanitizer. This is the README's test command and
# what CI (.ci/run) runs. Set-up (apt packages, pinned npm sources) happens first and is
# idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)

"$root/scripts/setup.sh"

echo "== build (Release, -Werror) =="
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DLW_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
echo "== tests =="
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== build (AddressSanitizer + UndefinedBehaviorSanitizer) =="
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLW_WERROR=ON \
  -DLW_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j "$jobs"
echo "== tests under sanitizers =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

