#!/usr/bin/env python3
"""Issue #18's "Done when": build dist/ with scripts/package.sh from the binary already built,
then, with no network (a fresh network namespace when `unshare -n` works, as root in CI),
use every package the way a user does.

    check_packages.py SOURCE_DIR BUILD_DIR WORK_DIR

- wheel: `/usr/bin/python3 -m venv`, `pip install --no-index` the .whl, `loopwarden check` and
  `python -m loopwarden --version` from the venv; the installed binary needs only the C library
  (ldd) and the wheel's platform tag is the newest GLIBC_ symbol version it references;
- .deb: `dpkg-deb -c` lists /usr/bin/loopwarden, the man page and the rule docs; the extracted
  binary runs; Depends names libc6;
- .vsix: the zip holds extension/bundled/bin/loopwarden, executable, the same binary, for
  TargetPlatform linux-x64;
- pre-commit (Debian's): a throw-away git repository uses this repository (at its HEAD commit) as
  its hook repository: the `loopwarden` hook on the staged file only reports its findings,
  including one that needs another module of the project (partial runs see the project); the
  `loopwarden-fix` hook fixes; then the `loopwarden` hook passes. Also the `repo: local` +
  `language: python` recipe of docs/install.md, which lets pre-commit install the wheel itself.
Each step prints what it checked; any failure exits 1.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

SOURCE, BUILD, WORK = (Path(p).resolve() for p in sys.argv[1:4])
failures = []
ALLOWED_LIBS = re.compile(r"^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|ld-linux-[\w-]+\.so\.\d|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1)$")


def fail(message):
    failures.append(message)
    print("FAILED:", message, flush=True)


def run(args, cwd=None, env=None, timeout=300, check=True):
    r = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} exited with {r.returncode}:\n{r.stdout}\n{r.stderr}")
    return r


def offline_prefix():
    """`unshare -n` when it works here (root): no network at all, not even by mistake."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-n"]
    print("note: `unshare -n` is not available: relying on --no-index / PIP_NO_INDEX instead")
    return []


def only_libc(binary, what):
    libs = [Path(line.strip().split(" ", 1)[0]).name for line in run(["ldd", binary]).stdout.splitlines() if line.strip()]
    bad = [lib for lib in libs if not ALLOWED_LIBS.match(lib)]
    print(f"ldd {what}: {' '.join(libs)}")
    if bad or "libc.so.6" not in libs:
        fail(f"{what} links {bad or 'no libc'}: only the C library may be shared")


def newest_glibc(binary):
    versions = set(re.findall(r"GLIBC_([0-9]+)\.([0-9]+)", run(["objdump", "-T", binary]).stdout))
    return max((int(a), int(b)) for a, b in versions)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    dist = WORK / "dist"
    offline = offline_prefix()
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", NO_COLOR="1")
    for var in ("VIRTUAL_ENV", "PYTHONHOME", "PYTHONPATH"):
        env.pop(var, None)

    vscode_deps = SOURCE / "editors/vscode/node_modules/.loopwarden-lock-sha256"
    package = [SOURCE / "scripts/package.sh", "--build-dir", BUILD, "--out", dist]
    if not vscode_deps.exists():
        if os.environ.get("LW_EDITOR_TESTS") == "0":
            print("SKIPPED part: no .vsix (LW_EDITOR_TESTS=0 and editors/vscode's npm packages are not installed)")
            package.append("--no-vsix")
        else:
            fail("editors/vscode's npm packages are missing: run scripts/setup-editors.sh")
            return 1
    print("== scripts/package.sh (offline) ==", flush=True)
    r = run(offline + package, env=env, timeout=600, check=False)
    print(r.stdout[-3000:], r.stderr[-3000:])
    if r.returncode != 0:
        fail(f"scripts/package.sh exited with {r.returncode}")
        return 1
    version = run([BUILD / "loopwarden", "--version"]).stdout.strip()

    # --- the wheel ---
    wheels = list(dist.glob("loopwarden-*.whl"))
    if len(wheels) != 1:
        fail(f"expected one wheel in {dist}, found {wheels}")
        return 1
    wheel = wheels[0]
    print("== wheel:", wheel.name, "==")
    m = re.fullmatch(r"loopwarden-([0-9.]+)-py3-none-manylinux_(\d+)_(\d+)_x86_64\.whl", wheel.name)
    if not m:
        fail(f"wheel name {wheel.name} is not loopwarden-<version>-py3-none-manylinux_X_Y_x86_64.whl")
    elif f"loopwarden {m.group(1)}" != version.split(" (")[0]:
        fail(f"wheel version {m.group(1)} differs from the binary's `{version}`")
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        script = [n for n in names if n.endswith(".data/scripts/loopwarden")]
        if not script:
            fail(f"no .data/scripts/loopwarden in the wheel: {names}")
        else:
            mode = (z.getinfo(script[0]).external_attr >> 16) & 0o777
            if mode & 0o111 == 0:
                fail(f"the wheel's script is not executable (mode {oct(mode)})")
        for needed in ("loopwarden/__init__.py", "loopwarden/__main__.py"):
            if not any(n.endswith(needed) for n in names):
                fail(f"{needed} missing from the wheel")
        wheel_meta = z.read(next(n for n in names if n.endswith(".dist-info/WHEEL"))).decode()
        if "Root-Is-Purelib: false" not in wheel_meta:
            fail("the wheel says Root-Is-Purelib: true for a platform wheel")
    venv = WORK / "venv"
    run(["/usr/bin/python3", "-m", "venv", venv], env=env)
    run(offline + [venv / "bin/python", "-m", "pip", "install", "--no-index", "--quiet", wheel], env=env)
    installed = venv / "bin/loopwarden"
    if not installed.is_file():
        fail(f"pip did not put {installed} in place")
        return 1
    only_libc(installed, "the wheel's binary")
    glibc = newest_glibc(installed)
    if m and (int(m.group(2)), int(m.group(3))) != glibc:
        fail(f"platform tag says glibc {m.group(2)}.{m.group(3)}, the binary needs {glibc[0]}.{glibc[1]}")
    else:
        print(f"platform tag matches the binary: needs glibc {glibc[0]}.{glibc[1]}")
    out = run(offline + [venv / "bin/python", "-m", "loopwarden", "--version"], env=env).stdout.strip()
    print("python -m loopwarden --version:", out)
    if out != version:
        fail(f"python -m loopwarden --version printed {out!r}, the built binary {version!r}")
    project = WORK / "project"
    shutil.copytree(SOURCE / "tests/dist/project", project)
    r = run(offline + [installed, "check", "--output-format", "concise", "--no-cache", "."], cwd=project, env=env, check=False)
    print("venv loopwarden check:", r.stdout.strip().splitlines()[:3])
    if r.returncode != 1 or "LW102" not in r.stdout or "LW201" not in r.stdout:
        fail(f"loopwarden check from the venv: exit {r.returncode}, expected LW102 and LW201:\n{r.stdout}{r.stderr}")

    # --- the Debian package ---
    debs = list(dist.glob("loopwarden_*_amd64.deb"))
    if len(debs) != 1:
        fail(f"expected one .deb in {dist}, found {debs}")
    else:
        deb = debs[0]
        print("== deb:", deb.name, "==")
        listing = run(["dpkg-deb", "-c", deb]).stdout
        for path in ("./usr/bin/loopwarden", "./usr/share/man/man1/loopwarden.1.gz",
                     "./usr/share/doc/loopwarden/rules/LW102.md", "./usr/share/doc/loopwarden/README.md"):
            if not re.search(rf"\s{re.escape(path)}$", listing, re.M):
                fail(f"{path} is not in {deb.name}")
        if not re.search(r"^-rwxr-xr-x .* \./usr/bin/loopwarden$", listing, re.M):
            fail("/usr/bin/loopwarden is not mode 0755 in the .deb")
        depends = run(["dpkg-deb", "-f", deb, "Depends"]).stdout.strip()
        print("Depends:", depends)
        if not re.fullmatch(r"libc6 \(>= [0-9.]+\)", depends):
            fail(f"Depends should be the C library only, is {depends!r}")
        root = WORK / "deb-root"
        run(["dpkg-deb", "-x", deb, root])
        if run([root / "usr/bin/loopwarden", "--version"]).stdout.strip() != version:
            fail("the .deb's binary is not the built one")
        only_libc(root / "usr/bin/loopwarden", "the .deb's binary")

    # --- the VS Code extension ---
    vsixes = list(dist.glob("loopwarden-linux-x64-*.vsix"))
    if "--no-vsix" not in package:
        if len(vsixes) != 1:
            fail(f"expected one linux-x64 .vsix in {dist}, found {vsixes}")
        else:
            vsix = vsixes[0]
            print("== vsix:", vsix.name, "==")
            with zipfile.ZipFile(vsix) as z:
                info = z.getinfo("extension/bundled/bin/loopwarden")
                mode = (info.external_attr >> 16) & 0o777
                print(f"extension/bundled/bin/loopwarden: {info.file_size} bytes, mode {oct(mode)}")
                if mode != 0o755:
                    fail(f"the bundled binary has mode {oct(mode)}, not 0755")
                if z.read(info) != installed.read_bytes():
                    fail("the bundled binary differs from the wheel's")
                manifest = z.read("extension.vsixmanifest").decode()
                if 'TargetPlatform="linux-x64"' not in manifest:
                    fail("the .vsix manifest has no TargetPlatform=linux-x64")
                pkg = json.loads(z.read("extension/package.json"))
                for key in ("loopwarden.enable", "loopwarden.path", "loopwarden.logLevel"):
                    if key not in pkg["contributes"]["configuration"]["properties"]:
                        fail(f"the extension declares no {key} setting")

    precommit(offline, env, venv)
    print(f"\n{len(failures)} failed" if failures else "\nall package checks passed")
    return 1 if failures else 0


def precommit(offline, env, venv):
    print("== pre-commit ==")
    if not shutil.which("pre-commit"):
        fail("Debian's pre-commit is not installed (scripts/setup.sh installs it)")
        return
    hooks = SOURCE / ".pre-commit-hooks.yaml"
    # pre-commit clones the hook repository at `rev`: this checkout at HEAD when HEAD has the
    # hooks file as it is on disk, else (uncommitted changes, no .git) a repository of a copy.
    hook_repo, rev = SOURCE, None
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    if (SOURCE / ".git").exists():
        same = subprocess.run(["git", "-C", SOURCE, "diff", "--quiet", "HEAD", "--", ".pre-commit-hooks.yaml"]).returncode == 0
        tracked = subprocess.run(["git", "-C", SOURCE, "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"], capture_output=True).returncode == 0
        if same and tracked:
            rev = run(["git", "-C", SOURCE, "rev-parse", "HEAD"]).stdout.strip()
    if rev is None:
        hook_repo = WORK / "hook-repo"
        hook_repo.mkdir()
        shutil.copy(hooks, hook_repo)
        run(["git", "init", "-q", hook_repo])
        run(git + ["-C", hook_repo, "add", "."])
        run(git + ["-C", hook_repo, "commit", "-qm", "hooks"])
        rev = run(["git", "-C", hook_repo, "rev-parse", "HEAD"]).stdout.strip()
        print("note: .pre-commit-hooks.yaml differs from HEAD (or no .git): using a repository of the working copy")
    print(f"hook repository: {hook_repo} at {rev[:12]}")

    repo = WORK / "user-repo"
    shutil.copytree(SOURCE / "tests/dist/project", repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: loopwarden\n      - id: loopwarden-fix\n        stages: [manual]\n"
    )
    run(["git", "init", "-q", repo])
    # Everything but app.py is committed: the hook gets app.py alone.
    run(git + ["-C", repo, "add", "--", ".pre-commit-config.yaml", "helpers.py", "pyproject.toml"])
    run(git + ["-C", repo, "commit", "-qm", "base"])
    run(git + ["-C", repo, "add", "app.py"])
    pc_env = dict(env, PATH=f"{venv / 'bin'}:{env['PATH']}", PRE_COMMIT_HOME=str(WORK / "pre-commit-home"),
                  PRE_COMMIT_COLOR="never", SKIP="")

    def pre_commit(*args):
        r = run(offline + ["pre-commit", "run", *args], cwd=repo, env=pc_env, check=False)
        return r.returncode, r.stdout + r.stderr

    rc, out = pre_commit("loopwarden")  # the staged files: app.py only
    print(out.strip())
    if rc != 1 or "app.py" not in out or "LW102" not in out:
        fail(f"the loopwarden hook should fail with LW102 in app.py (exit {rc})")
    if "LW201" not in out:
        fail("the loopwarden hook on app.py alone misses LW201 (`notify` is a coroutine of helpers.py)")
    if "helpers.py:" in out:
        fail("the loopwarden hook reported helpers.py, which was not passed to it")

    # The fix hook on the staged file alone: the cross-module LW201 fix needs helpers.py,
    # which a partial run reads as its project (never writes).
    helpers_before = (repo / "helpers.py").read_text()
    rc, out = pre_commit("loopwarden-fix", "--hook-stage", "manual")
    print(out.strip())
    fixed = (repo / "app.py").read_text()
    if rc != 1 or "files were modified by this hook" not in out:
        fail(f"the loopwarden-fix hook should modify app.py (exit {rc})")
    if "await asyncio.sleep(1)" not in fixed or "await notify(user)" not in fixed:
        fail(f"app.py after the fix hook:\n{fixed}")
    if (repo / "helpers.py").read_text() != helpers_before:
        fail("the fix hook on app.py changed helpers.py")
    run(git + ["-C", repo, "add", "app.py"])
    rc, out = pre_commit("loopwarden", "--all-files")
    print(out.strip())
    if rc != 0 or "Passed" not in out:
        fail(f"the loopwarden hook should pass after the fixes (exit {rc})")

    # docs/install.md's recipe for pre-commit installing the wheel itself (no loopwarden on PATH).
    wheel = next((WORK / "dist").glob("loopwarden-*.whl"))
    local = WORK / "local-repo"
    shutil.copytree(SOURCE / "tests/dist/project", local)
    (local / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: loopwarden\n        name: loopwarden\n"
        "        entry: loopwarden check\n        language: python\n        types_or: [python, jupyter]\n"
        f"        require_serial: true\n        additional_dependencies: ['{wheel}']\n"
    )
    run(["git", "init", "-q", local])
    run(git + ["-C", local, "add", "."])
    r = run(offline + ["pre-commit", "run", "--all-files"], cwd=local, check=False,
            env=dict(pc_env, PATH=env["PATH"], PRE_COMMIT_HOME=str(WORK / "pre-commit-home-local")))
    out = r.stdout + r.stderr
    print(out.strip())
    if r.returncode != 1 or "LW102" not in out or "LW201" not in out:
        fail(f"the language: python hook with the wheel should report LW102 and LW201 (exit {r.returncode})")


if __name__ == "__main__":
    try:
        sys.exit(main() or (1 if failures else 0))
    except Exception as error:  # a step that could not run at all
        print("FAILED:", error)
        sys.exit(1)
