#!/usr/bin/env python3
"""Every finding of `loopwarden check` on the real async applications of bench/async_apps.txt
(28 Debian packages, 358k lines), compared with the reviewed list in async_apps.expected.

    check_real_apps.py LOOPWARDEN WORK_DIR [--update]

A new line is a finding nobody has read yet (a false positive until shown otherwise); a
missing line is a finding a change lost. Both fail the test and are printed as a diff; after
reading them, `--update` rewrites the list. The packages are fetched once into WORK_DIR by
bench/fetch_async_apps.sh (apt-get download). Exit 77 (skipped) when they cannot be fetched
at exactly the pinned versions: the list is only meaningful for those sources.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXPECTED = os.path.join(HERE, "async_apps.expected")
SKIP = 77


def pinned():
    with open(os.path.join(ROOT, "bench", "async_apps.txt")) as fh:
        return sorted(l.strip() for l in fh if l.strip() and not l.startswith("#"))


def main():
    binary, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    update = "--update" in sys.argv[3:]
    corpus = os.path.join(work, "async-apps")
    fetch = subprocess.run([os.path.join(ROOT, "bench", "fetch_async_apps.sh"), corpus],
                           capture_output=True, text=True)
    if fetch.returncode != 0:
        print(f"skipped: cannot fetch the packages\n{fetch.stderr}")
        return SKIP
    with open(os.path.join(corpus, "PACKAGES.txt")) as fh:
        used = sorted(l.strip() for l in fh if l.strip())
    if used != pinned():
        print("skipped: the archive no longer has every pinned version:",
              sorted(set(pinned()) - set(used)))
        return SKIP
    out = subprocess.run([binary, "check", "--no-cache", "--exit-zero", "--output-format", "json",
                          "."], cwd=corpus, capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr)
        return 1
    def path(name):  # as printed: relative to the corpus (the working directory)
        return os.path.relpath(name, corpus) if os.path.isabs(name) else os.path.normpath(name)

    have = sorted(f"{d['code']} {path(d['filename'])}:{d['location']['row']}"
                  for d in json.loads(out.stdout))
    if update:
        with open(EXPECTED, "w") as fh:
            fh.write("".join(line + "\n" for line in have))
        print(f"wrote {len(have)} findings to {EXPECTED}")
        return 0
    with open(EXPECTED) as fh:
        want = [l.rstrip("\n") for l in fh if l.strip()]
    new = sorted(set(have) - set(want))
    lost = sorted(set(want) - set(have))
    for line in new:
        print(f"+ {line}   (new: read it, then --update)")
    for line in lost:
        print(f"- {line}   (lost)")
    print(f"{len(have)} findings, {len(new)} new, {len(lost)} lost")
    return 1 if new or lost else 0


if __name__ == "__main__":
    sys.exit(main())
