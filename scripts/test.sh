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

# The editor tests (ctest label `editors`: VS Code through code-server + Chromium, Neovim,
# Emacs) run against the real clients, which scripts/setup-editors.sh installs (idempotent).
# LW_EDITOR_TESTS=0 leaves them out (a machine without the editors).
ctest_filter=()
if [ "${LW_EDITOR_TESTS:-1}" = 1 ]; then
  "$root/scripts/setup-editors.sh"
else
  ctest_filter=(-LE editors)
fi

# Every C++ file of the repository is formatted (.clang-format; `clang-format -i FILE` fixes one).
echo "== format (clang-format $(clang-format --version | grep -o '[0-9][0-9.]*' | head -n 1)) =="
git ls-files -z '*.cpp' '*.h' '*.cc' | xargs -0 clang-format --dry-run --Werror

# -O2 (RelWithDebInfo): GCC 12's -O3 reports -Wmaybe-uninitialized false positives inside
# std::string/std::regex that -Werror would turn into build failures.
echo "== build (RelWithDebInfo, -Werror, with the bench/ tools) =="
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLW_WERROR=ON -DLW_BUILD_BENCH=ON >/dev/null
cmake --build build -j "$jobs"
echo "== tests =="
ctest --test-dir build --output-on-failure -j "$jobs" "${ctest_filter[@]}"

echo "== build (AddressSanitizer + UndefinedBehaviorSanitizer) =="
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLW_WERROR=ON \
  -DLW_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j "$jobs"
# (The stress cases set time and `ulimit -v` limits: meaningless under AddressSanitizer's
# shadow memory; their inputs also run under the sanitizers in cli_hostile_input_test.)
echo "== tests under sanitizers =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE 'editors|stress'


# The language server runs analyses on worker threads: its tests (in-process and the real
# binary over pipes) also run under ThreadSanitizer. See tests/sanitizers/tsan.supp for the
# one suppressed report (tree-sitter's own reference counts).
# As under ctest (tests/CMakeLists.txt), the servers started by the tests read no Python
# environment (LspFeatures.InstalledLibraries* sets its own).
echo "== build (ThreadSanitizer: the language server and its tests) =="
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLW_WERROR=ON \
  -DLW_SANITIZE=thread >/dev/null
cmake --build build-tsan -j "$jobs" --target loopwarden server_tests
echo "== language server tests under ThreadSanitizer =="
LOOPWARDEN_PYTHON=none TSAN_OPTIONS="halt_on_error=1 suppressions=$root/tests/sanitizers/tsan.supp" \
  build-tsan/tests/server_tests --gtest_filter='Lsp*:CodeAction*' --gtest_brief=1

# A libFuzzer smoke run of tests/fuzz (LW_FUZZ_SECONDS per target, default 20) on the seed
# corpora, when clang can link -fsanitize=fuzzer (scripts/setup.sh installs clang and
# libclang-rt-dev). The seed corpora themselves already ran above as ctests (label fuzz).
probe=$(mktemp -d)
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' \
  >"$probe/probe.cpp"
if command -v clang++ >/dev/null 2>&1 &&
  clang++ -fsanitize=fuzzer "$probe/probe.cpp" -o "$probe/probe" >/dev/null 2>&1; then
  rm -rf "$probe"
  echo "== fuzz smoke run (libFuzzer, ${LW_FUZZ_SECONDS:-20} s per target) =="
  "$root/scripts/fuzz.sh" "${LW_FUZZ_SECONDS:-20}"
else
  rm -rf "$probe"
  echo "== fuzz smoke run skipped: clang++ cannot link -fsanitize=fuzzer =="
fi
