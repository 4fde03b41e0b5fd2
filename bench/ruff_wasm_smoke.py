#!/usr/bin/env python3
"""Smoke test of the ruff-WASM anchor (bench/run.py `ruff_wasm`, bench/ruff-wasm/lint.js) at a
small size: lints the files `loopwarden check --show-files` lists for a folder and renders the
report row. Exit 77 (skipped) when Node.js or the pinned npm package is not installed."""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import report  # noqa: E402
import run  # noqa: E402


def main():
    lw, folder = sys.argv[1], sys.argv[2]
    package = os.path.join(HERE, "ruff-wasm", "node_modules", "@astral-sh", "ruff-wasm-nodejs")
    if not shutil.which("node") or not os.path.isdir(package):
        print("skipped: no node or no bench/ruff-wasm/node_modules (npm ci)")
        return 77
    ruff = run.ruff_wasm(lw, folder)
    listed = [line for line in run.subprocess.run(
        [lw, "check", "--show-files", folder], capture_output=True, text=True).stdout.splitlines()
        if line]
    assert ruff["files"] == len(listed) > 0, (ruff, len(listed))
    assert ruff["lint_seconds"] > 0 and ruff["diagnostics"] >= 0, ruff
    corpus = {"path": folder, "ruff_wasm": ruff,
              "parse_only": {"files": 1, "lines": 1, "bytes": 1, "parse_seconds": 1.0},
              "check": {"all_cores": 1, "one_thread_defaults": {"seconds": 1.0, "cpu_seconds": 1.0}}}
    rows = "\n".join(report.corpus_rows(corpus))
    assert "WebAssembly" in rows, rows
    print(f"ruff-WASM {ruff['ruff_version']}: {ruff['files']} files in {ruff['lint_seconds']:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
