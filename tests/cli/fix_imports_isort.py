#!/usr/bin/env python3
"""Imports added by fixes go where isort puts them: ruff's own I001 (unsorted-imports, through
its pinned WebAssembly build, tests/cli/ruff_i001.js) finds nothing in the output of any golden
fix that it did not find in the input. The outputs checked are each golden case's expected.py
(tests/analysis/fixes/golden/*/, equal to analysis::fix_all's output by fixes_golden) and what
the built binary writes for the case's input with `check --fix --unsafe-fixes`.

usage: fix_imports_isort.py LOOPWARDEN GOLDEN_DIR NODE_MODULES
Exit 77 (skipped) when Node.js or the npm package is missing (`npm ci` in bench/ruff-wasm)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def i001(sources, node_modules):
    run = subprocess.run(["node", os.path.join(HERE, "ruff_i001.js"), node_modules],
                         input=json.dumps(sources), capture_output=True, text=True, check=True)
    answer = json.loads(run.stdout)
    return answer["version"], answer["results"]


def fixed_by_binary(loopwarden, source):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "case.py")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(source)
        subprocess.run([loopwarden, "check", "--fix", "--unsafe-fixes", "--no-cache", "-q",
                        "--select", "ALL", "case.py"], cwd=folder, capture_output=True)
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()


def main():
    loopwarden, golden, node_modules = (os.path.abspath(a) for a in sys.argv[1:4])
    package = os.path.join(node_modules, "@astral-sh", "ruff-wasm-nodejs")
    if not shutil.which("node") or not os.path.isdir(package):
        print("skipped: no node or no bench/ruff-wasm/node_modules (npm ci in bench/ruff-wasm)")
        return 77
    cases = sorted(d for d in os.listdir(golden) if os.path.isfile(os.path.join(golden, d, "input.py")))
    names, sources = [], []
    for case in cases:
        with open(os.path.join(golden, case, "input.py"), encoding="utf-8", newline="") as f:
            before = f.read()
        with open(os.path.join(golden, case, "expected.py"), encoding="utf-8", newline="") as f:
            expected = f.read()
        for label, text in (("input", before), ("expected.py", expected),
                            ("check --fix --unsafe-fixes", fixed_by_binary(loopwarden, before))):
            names.append((case, label))
            sources.append(text)
    # The check can fail: ruff reports an import out of its section, and a sorted file is clean.
    names += [("probe", "unsorted"), ("probe", "sorted")]
    sources += ["import requests\nimport asyncio\n", "import asyncio\n\nimport requests\n"]
    version, results = i001(sources, node_modules)
    by_name = dict(zip(names, results))
    assert by_name[("probe", "unsorted")] and not by_name[("probe", "sorted")], by_name
    failures = []
    changed = 0
    for case in cases:
        base = by_name[(case, "input")]
        for label in ("expected.py", "check --fix --unsafe-fixes"):
            after = by_name[(case, label)]
            text = sources[names.index((case, label))]
            if text != sources[names.index((case, "input"))]:
                changed += 1
            if len(after) > len(base):
                failures.append(f"{case} ({label}): I001 {after} (input: {base})\n{text}")
    for failure in failures:
        print("FAIL", failure)
    print(f"ruff {version} I001 over {len(cases)} golden cases ({changed} fixed outputs): "
          f"{len(failures)} new findings")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
