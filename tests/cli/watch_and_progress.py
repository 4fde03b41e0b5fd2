#!/usr/bin/env python3
"""`check --watch` and the progress line through the built binary (INTERFACES.md).

--watch: the binary runs in a scratch project; this process (another process) then saves a
file with a new finding, and the binary must report it within a second; a file that is not
Python (notes.txt) triggers nothing; a new folder is watched too.
Progress: a run longer than a second shows `Checking: N/M files` on a terminal (a pty) and
clears it; with standard error a pipe, nothing but the report is printed.

usage: watch_and_progress.py LOOPWARDEN"""
import os
import pty
import select
import subprocess
import sys
import tempfile
import time

CLEAN = "import asyncio\n\n\nasync def ok():\n    await asyncio.sleep(0)\n"
BLOCKING = "import time\n\n\nasync def slow():\n    time.sleep(1)\n"


class Reader:
    """Lines of a process's stdout, read without blocking past a deadline."""

    def __init__(self, stream):
        self.stream = stream
        self.buffer = b""

    def wait_for(self, text, seconds):
        deadline = time.monotonic() + seconds
        while text.encode() not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.stream], [], [], left)
            if ready:
                chunk = os.read(self.stream.fileno(), 65536)
                if not chunk:
                    return text.encode() in self.buffer
                self.buffer += chunk
        return True

    def take(self):
        out, self.buffer = self.buffer.decode(), b""
        return out


def save(path, text):
    # As an editor saves: write a temporary file, then rename it over the old one.
    tmp = path + ".tmp~"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def check_watch(lw):
    with tempfile.TemporaryDirectory() as root:
        with open(os.path.join(root, "app.py"), "w") as f:
            f.write(CLEAN)
        proc = subprocess.Popen([lw, "check", "--watch", "--no-cache", "--output-format", "concise"],
                                cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        out = Reader(proc.stdout)
        try:
            assert out.wait_for("Watching for file changes.", 10), out.buffer
            first = out.take()
            assert "Starting linter in watch mode..." in first and "All checks passed!" in first, first
            # Something that is not Python: no new run.
            with open(os.path.join(root, "notes.txt"), "w") as f:
                f.write("x\n")
            assert not out.wait_for("File change detected", 0.5), out.buffer
            # Another process saves a file with a finding: reported within a second.
            start = time.monotonic()
            save(os.path.join(root, "app.py"), BLOCKING)
            assert out.wait_for("Watching for file changes.", 1.0), out.buffer
            elapsed = time.monotonic() - start
            second = out.take()
            assert "File change detected..." in second, second
            assert "app.py:5:5: LW102" in second, second
            # A file in a folder created after the start.
            os.mkdir(os.path.join(root, "pkg"))
            time.sleep(0.2)
            with open(os.path.join(root, "pkg", "mod.py"), "w") as f:
                f.write(BLOCKING)
            assert out.wait_for("pkg/mod.py:5:5: LW102", 2.0), out.buffer
            print(f"--watch: a saved file re-checked in {elapsed * 1000:.0f} ms")
        finally:
            proc.terminate()
            proc.wait(5)


def run_on_terminal(args, root):
    """Runs `args` with standard error a terminal (a pty); returns what it wrote there and the
    run's duration."""
    master, slave = pty.openpty()
    start = time.monotonic()
    proc = subprocess.Popen(args, cwd=root, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    terminal = b""
    while True:
        try:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                chunk = os.read(master, 65536)
                if not chunk:
                    break
                terminal += chunk
            elif proc.poll() is not None:
                break
        except OSError:  # EIO: the other side is closed
            break
    proc.wait()
    os.close(master)
    return terminal.decode(), time.monotonic() - start


def check_progress(lw):
    with tempfile.TemporaryDirectory() as root:
        body = "".join(f"async def f{i}(x):\n    await g(x)\n    return [y for y in x]\n\n\n"
                       for i in range(60))
        args = [lw, "check", "--no-cache", "--no-prefilter", "--threads", "1", "."]
        files = 0
        target = 500
        while True:
            # Enough work for more than a second on one thread, whatever the machine's load.
            for i in range(files, target):
                with open(os.path.join(root, f"m{i}.py"), "w") as f:
                    f.write("import asyncio\n\n\nasync def g(x):\n    await asyncio.sleep(0)\n\n\n"
                            + body)
            files = target
            text, elapsed = run_on_terminal(args, root)
            if elapsed >= 1.5 or files >= 20000:
                break
            target = files * 3
        assert elapsed >= 1.2, f"{files} files in {elapsed:.2f} s: too fast for a progress line"
        assert "Checking: " in text and f"/{files} files" in text, text
        assert text.endswith("\r\x1b[2K"), repr(text[-40:])  # cleared at the end
        # Standard error a pipe: no progress line; -q: none either, on a terminal.
        piped = subprocess.run(args, cwd=root, capture_output=True, text=True)
        assert "Checking" not in piped.stderr, piped.stderr
        quiet, _ = run_on_terminal(args[:-1] + ["-q", "."], root)
        assert quiet == "", repr(quiet)
        # -v: the phases and their timings.
        verbose = subprocess.run(args[:-1] + ["-v", "."], cwd=root, capture_output=True, text=True)
        for phase in (f"discovery and configuration: {files} files", "parsing: ", "indexing",
                      "analysis: ", "output: "):
            assert phase in verbose.stderr, verbose.stderr
        print(f"progress: shown on a terminal for a {elapsed:.1f} s run ({files} files), "
              "never on a pipe nor with -q")
    return 0


def main():
    lw = os.path.abspath(sys.argv[1])
    check_watch(lw)
    return check_progress(lw)


if __name__ == "__main__":
    sys.exit(main())
