#!/usr/bin/env python3
"""Scores `loopwarden check` on the multi-module test applications of tests/packages.

    check_packages.py LOOPWARDEN [PACKAGE_DIR ...]

Each package is a small application written the way real services are (resources built in one
module, re-exported by another, kept on objects and on framework state, used from routes and
handlers elsewhere). Every true finding is annotated on the line it starts with
`# expect: CODE[, CODE]`; `# maybe: CODE` lines may or may not report it; every other line
must stay silent. The package is checked as a whole project (`check PACKAGE_DIR`), and every
file again on its own (`check FILE`, run from the package root, the way pre-commit and
on-save checkers run it): a partial run must report for that file what the whole run reports.
Fails below precision 1.00 or recall 0.95 per package, or when a partial run differs.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")
MAYBE = re.compile(r"#\s*maybe:\s*([A-Z0-9, ]+)")
MIN_RECALL = 0.95


def labels(root):
    expected, maybe, files = set(), set(), []
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if not name.endswith(".py"):
                continue
            path = os.path.relpath(os.path.join(folder, name), root)
            files.append(path)
            with open(os.path.join(root, path), encoding="utf-8") as fh:
                for row, line in enumerate(fh, 1):
                    for regex, into in ((EXPECT, expected), (MAYBE, maybe)):
                        m = regex.search(line)
                        if m:
                            for code in m.group(1).replace(" ", "").split(","):
                                if code:
                                    into.add((path, row, code))
    return expected, maybe, sorted(files)


def run(binary, root, paths, cwd=None, cache=None, stdin=None):
    cwd = cwd or root
    args = [binary, "check", "--output-format", "json", "--exit-zero"]
    env = dict(os.environ)
    if cache is None:
        args.append("--no-cache")
    else:
        env["LOOPWARDEN_CACHE_DIR"] = cache
    out = subprocess.run(args + paths, cwd=cwd, capture_output=True, text=True, env=env,
                         input=stdin)
    if out.returncode != 0:
        raise SystemExit(f"check exited {out.returncode} in {cwd}:\n{out.stderr}")
    found = set()
    for d in json.loads(out.stdout):
        path = os.path.relpath(os.path.join(cwd, d["filename"]), root)
        found.add((path, d["location"]["row"], d["code"]))
    return found


def score(binary, root):
    expected, maybe, files = labels(root)
    found = run(binary, root, ["."])
    true_pos = found & expected
    false_pos = found - expected - maybe
    missed = expected - found
    precision = len(true_pos) / max(1, len(true_pos | false_pos))
    recall = len(true_pos) / max(1, len(expected))
    name = os.path.basename(root)
    print(f"{name}: {len(found)} findings, precision {precision:.2f}, recall {recall:.2f}")
    for f in sorted(false_pos):
        print(f"  false positive {f[0]}:{f[1]} {f[2]}")
    for f in sorted(missed):
        print(f"  missed {f[0]}:{f[1]} {f[2]}")
    ok = precision == 1.0 and recall >= MIN_RECALL
    with tempfile.TemporaryDirectory() as cache:
        if run(binary, root, ["."], cache=cache) != found:
            ok = False
            print("  the whole run differs with the cache")
        for path in files:
            whole = {f for f in found if f[0] == path}
            with open(os.path.join(root, path), encoding="utf-8") as fh:
                source = fh.read()
            folder, name = os.path.split(path)
            runs = {
                "alone": run(binary, root, [path]),
                "alone, cached": run(binary, root, [path], cache=cache),
                "from its folder": run(binary, root, [name], cwd=os.path.join(root, folder)),
                "--stdin-filename": run(binary, root, ["--stdin-filename", path], stdin=source),
            }
            for how, alone in runs.items():
                if alone != whole:
                    ok = False
                    print(f"  partial run ({how}) differs for {path}: extra "
                          f"{sorted(alone - whole)} missing {sorted(whole - alone)}")
    return ok


def main():
    binary = os.path.abspath(sys.argv[1])
    roots = sys.argv[2:] or sorted(
        os.path.join(HERE, d) for d in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, d)))
    ok = all([score(binary, root) for root in roots])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
