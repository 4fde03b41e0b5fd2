#!/usr/bin/env bash
# The one benchmark command (see bench/README.md):
#
#   bench/run.sh [CORPUS_DIR ...]   # default: /usr/lib/python3.11 and bench/async_apps.txt
#
# Builds loopwarden and the bench tools in Release (build-bench/, -DLW_BUILD_BENCH=ON), writes
# the deterministic synthetic corpus, then measures check throughput against tree-sitter's
# parse-only time, the cache, LSP latency, memory and the micro-benchmarks. Prints a table
# and writes bench/results/<host>-<date>.json and .md (the README's performance section).
# Environment: LW_BENCH_REPEAT (default 3: best of N), LW_BENCH_FILES (synthetic files,
# default 1500), LW_BENCH_QUICK=1 (one repetition, fewer edits: a smoke test).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${LW_BENCH_BUILD_DIR:-$root/build-bench}"
"$root/scripts/setup.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLW_BUILD_BENCH=ON \
  -DLW_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target loopwarden lw_parse_only lw_lsp_latency lw_micro
# The ruff-WASM anchor: ruff's WebAssembly build, pinned with its integrity in
# bench/ruff-wasm/package-lock.json (npm verifies it), timed on the same files in the same run.
if command -v npm >/dev/null; then
  npm ci --prefix "$root/bench/ruff-wasm" --no-audit --no-fund >/dev/null ||
    echo "warning: npm ci in bench/ruff-wasm failed: no ruff-WASM anchor" >&2
fi
if [ $# -eq 0 ]; then
  # Default corpora: the CPython standard library and real async applications from Debian.
  if [ -d /usr/lib/python3.11 ]; then set -- /usr/lib/python3.11; fi
  if "$root/bench/fetch_async_apps.sh" "$build/bench-work/async-apps"; then
    set -- "$@" "$build/bench-work/async-apps"
  else
    echo "warning: no real async applications corpus (bench/fetch_async_apps.sh failed)" >&2
  fi
fi
exec python3 "$root/bench/run.py" --build "$build" "$@"
