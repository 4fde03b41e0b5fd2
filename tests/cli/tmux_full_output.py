#!/usr/bin/env python3
"""`check`'s default `full` output on a real terminal: runs the built binary inside tmux at 100
columns and compares the screen with tests/cli/golden/full_tmux_100.txt. Long lines are cut with
an ellipsis around the range, tab-indented and wide-character lines keep their underlines under
the call. `--update` rewrites the golden file.

usage: tmux_full_output.py LOOPWARDEN [--update]
"""
import os
import pathlib
import shlex
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "full_tmux_100.txt"

SOURCE = '''import time

import requests


async def long_line(ids):
    return requests.get("https://example.com/api/v1/items?" + "&".join(f"id={i}" for i in ids), timeout=30)


async def tabs():
\tif True:
\t\ttime.sleep(1)


async def wide():
    print("処理中…🚀"); time.sleep(0.5)
'''


def main() -> int:
    binary = os.path.abspath(sys.argv[1])
    update = "--update" in sys.argv[2:]
    with tempfile.TemporaryDirectory() as work:
        (pathlib.Path(work) / "app.py").write_text(SOURCE, encoding="utf-8")
        socket = f"lw-golden-{os.getpid()}"
        channel = f"done-{os.getpid()}"
        command = (f"cd {shlex.quote(work)} && {shlex.quote(binary)} check --no-cache app.py; "
                   f"tmux -L {socket} wait-for -S {channel}; sleep 30")
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
        env.pop("NO_COLOR", None)
        env.pop("TMUX", None)
        tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
        try:
            subprocess.run(tmux + ["new-session", "-d", "-x", "100", "-y", "120", "-s", "golden",
                                   command], check=True, env=env)
            subprocess.run(tmux + ["wait-for", channel], check=True, timeout=60, env=env)
            screen = subprocess.run(tmux + ["capture-pane", "-p", "-t", "golden"], check=True,
                                    capture_output=True, text=True, env=env).stdout
        finally:
            subprocess.run(tmux + ["kill-server"], capture_output=True, env=env)
    lines = [line.rstrip() for line in screen.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    text = "\n".join(lines) + "\n"
    if update:
        GOLDEN.write_text(text, encoding="utf-8")
        print(f"wrote {GOLDEN}")
        return 0
    expected = GOLDEN.read_text(encoding="utf-8")
    if text != expected:
        sys.stdout.write("full output under tmux differs from the golden file:\n" + text)
        return 1
    # What the golden file shows, checked here too so that an update cannot lose it.
    for needle in ("\u2026", "LW101", "LW102"):
        if needle not in text:
            print(f"missing {needle!r}")
            return 1
    if any(len(line) > 100 for line in lines):
        print("a line is wider than the terminal")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
