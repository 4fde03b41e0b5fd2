#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for N seconds each (default 30) on a copy of its
# seed corpus (tests/fuzz/corpus/<target>/ is only read; new inputs go to
# build-fuzz/corpus/<target>/). Configures and builds the clang build directory `build-fuzz`
# (-DLW_FUZZ=ON: coverage + ASan + UBSan). A crash stops the script with the reproducer path;
# re-run it with `build-fuzz/fuzz/fuzz_<target> <file>`.
#   scripts/fuzz.sh [seconds] [target...]     e.g. scripts/fuzz.sh 60 edit server
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(framing jsonrpc edit server analysis)
build=${LW_FUZZ_BUILD_DIR:-build-fuzz}
jobs=${LW_FUZZ_JOBS:-$(nproc)}

deps=()
[ -n "${LW_DEPS_DIR:-}" ] && deps=(-DLW_DEPS_DIR="$LW_DEPS_DIR")
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DLW_FUZZ=ON -DLW_BUILD_TESTS=OFF "${deps[@]}" >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]/#/fuzz_}"

# The server target reads no Python environment (deterministic, no interpreter spawned).
export LOOPWARDEN_PYTHON=${LOOPWARDEN_PYTHON:-none}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  artifacts="$build/artifacts/$t/"
  mkdir -p "$corpus" "$artifacts"
  dict=()
  [ "$t" != edit ] && [ "$t" != analysis ] && dict=(-dict="$root/tests/fuzz/lsp.dict")
  # The analysis target's inputs expand to 768 KiB of Python, analysed twice under ASan and
  # coverage: a linear unit takes up to ~20 s. 60 s still stops a quadratic path (minutes at
  # these sizes).
  timeout=10
  [ "$t" = analysis ] && timeout=60
  log="$build/fuzz_$t.log"
  echo "== fuzz_$t: ${seconds}s =="
  status=0
  "$build/fuzz/fuzz_$t" "$corpus" "$root/tests/fuzz/corpus/$t" -max_total_time="$seconds" \
    -max_len=65536 -timeout="$timeout" -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$artifacts" "${dict[@]}" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    echo "fuzz_$t failed (exit $status): reproducer in $artifacts, full log $log" >&2
    exit 1
  fi
  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|average_exec_per_sec)' "$log" || true
done
