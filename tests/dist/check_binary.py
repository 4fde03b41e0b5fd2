#!/usr/bin/env python3
"""The built loopwarden binary is self-contained and says what it is (issue #18, step 1).

    check_binary.py LOOPWARDEN SOURCE_DIR

- `ldd` lists only the C library's parts: libc, libm, the loader (and libpthread, libdl,
  librt on a glibc older than 2.34, where they are separate files), and the vDSO: libstdc++,
  libgcc_s, spdlog, fmt and toml++ are compiled in;
- `readelf -d` agrees (NEEDED entries, which is what a foreign system's loader will look for);
- `loopwarden --version` prints "loopwarden VERSION (COMMIT DATE)": VERSION is the project()
  version of CMakeLists.txt, COMMIT and DATE those of SOURCE_DIR's HEAD when it is a git
  checkout (else the parenthesis is absent), one line.
"""

import re
import subprocess
import sys
from pathlib import Path

ALLOWED = re.compile(
    r"^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|ld-linux-x86-64\.so\.2|ld-linux-aarch64\.so\.1"
    r"|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1)$"
)


def run(*args, cwd=None):
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, timeout=60)


def main():
    binary, source = Path(sys.argv[1]), Path(sys.argv[2])
    failures = []

    ldd = run("ldd", str(binary))
    if ldd.returncode != 0:
        failures.append(f"ldd failed: {ldd.stderr.strip()}")
    libs = []
    for line in ldd.stdout.splitlines():
        name = line.strip().split(" ", 1)[0]
        libs.append(Path(name).name)
    print("ldd:", " ".join(libs))
    if not any(name == "libc.so.6" for name in libs):
        failures.append("ldd does not list libc.so.6: is this a dynamically linked binary?")
    for name in libs:
        if not ALLOWED.match(name):
            failures.append(f"links {name}: only the C library may be a shared dependency")

    readelf = run("readelf", "-d", str(binary))
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", readelf.stdout)
    print("NEEDED:", " ".join(needed))
    for name in needed:
        if not ALLOWED.match(name):
            failures.append(f"NEEDED {name}: only the C library may be a shared dependency")

    version_line = re.search(r"project\(loopwarden VERSION ([0-9.]+)", (source / "CMakeLists.txt").read_text())
    version = version_line.group(1)
    out = run(str(binary), "--version")
    print("--version:", out.stdout.rstrip())
    if out.returncode != 0:
        failures.append(f"--version exited with {out.returncode}")
    if (source / ".git").exists():
        log = run("git", "-C", str(source), "log", "-1", "--abbrev=12", "--format=%h %cs")
        expected = f"loopwarden {version} ({log.stdout.strip()})\n"
        if log.returncode != 0:
            failures.append(f"git log failed in {source}: {log.stderr.strip()}")
    else:
        expected = f"loopwarden {version}\n"
    if out.stdout != expected:
        failures.append(f"--version printed {out.stdout!r}, expected {expected!r} (rebuild after a commit?)")

    for failure in failures:
        print("FAILED:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
