#!/usr/bin/env python3
"""Findings through installed libraries (INTERFACES.md, "The project's environment").

    check_libraries.py LOOPWARDEN

Builds a project in a temporary folder: the application of tests/libraries/app and, in its
own `.venv`, the library of tests/libraries/site (a vendor SDK whose client method reaches
`requests` through a private helper, a pure method, an `async def` method, an async-only and
a sync-only context manager, and blocking calls on paths that rarely run: an error branch, a
memoised loader, a lazy session, a chain deeper than `library-depth`). Then checks, through
the real binary, that:

- the `.venv` is found at the project root, and every `# expect:` line of the application is
  reported and nothing else (LW109 with the library frames as related locations into the
  installed files, the library's name and version in the message; LW201; LW203; LW209);
- `exclude-libraries`, `python = "none"` and `LOOPWARDEN_PYTHON=none` turn the library off;
- `VIRTUAL_ENV` and `python = "<folder>"` find it elsewhere; `library-depth` is honoured;
- a warm run (results cache) gives the same findings, and a new version of the library
  (its dist-info and file changed) is noticed.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")


def expected(app):
    out = set()
    for folder, _, names in os.walk(app):
        for name in sorted(names):
            if not name.endswith(".py"):
                continue
            path = os.path.relpath(os.path.join(folder, name), app)
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                for row, line in enumerate(fh, 1):
                    m = EXPECT.search(line)
                    if m:
                        for code in m.group(1).replace(" ", "").split(","):
                            out.add((path, row, code))
    return out


def run(binary, project, extra=(), env_update=None, cache=None, stderr=None):
    """The findings; with `stderr` (a list), the run is verbose and its stderr appended."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "LOOPWARDEN_PYTHON")}
    env.update(env_update or {})
    args = [binary, "check", "--output-format", "json", "--exit-zero", "--ignore", "LW208", *extra]
    if stderr is not None:
        args.append("-v")
    if cache is None:
        args.append("--no-cache")
    else:
        env["LOOPWARDEN_CACHE_DIR"] = cache
    out = subprocess.run(args + ["app"], cwd=project, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"check exited {out.returncode}:\n{out.stderr}")
    if stderr is not None:
        stderr.append(out.stderr)
    return json.loads(out.stdout)


LIBRARY_LINE = re.compile(r"libraries: (\d+) modules from the cache, (\d+) summarised")


def library_counts(stderr):
    m = LIBRARY_LINE.search(stderr)
    if not m:
        fail("no library line in the verbose output:\n" + stderr)
    return int(m.group(1)), int(m.group(2))


def keyed(diagnostics):
    return {(os.path.relpath(d["filename"], "."), d["location"]["row"], d["code"])
            for d in diagnostics}


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "project")
        shutil.copytree(os.path.join(HERE, "app"), project)
        site = os.path.join(project, ".venv", "lib", "python3.11", "site-packages")
        shutil.copytree(os.path.join(HERE, "site"), site)
        with open(os.path.join(project, ".venv", "pyvenv.cfg"), "w") as fh:
            fh.write("home = /usr/bin\ninclude-system-site-packages = false\n")
        want = expected(project)
        library_codes = {code for _, _, code in want}

        found = run(binary, project)
        got = keyed(found)
        if got != want:
            fail(f"findings differ\n  missing: {sorted(want - got)}\n  extra: {sorted(got - want)}")
        lw109 = [d for d in found if d["code"] == "LW109"]
        message = lw109[0]["message"]
        if "library vendorsdk 1.4.2, 2 frames deep" not in message:
            fail(f"LW109 does not name the library and depth: {message}")
        related = [r["filename"] for r in lw109[0].get("related", [])]
        if not related or not all(".venv" in r and "vendorsdk" in r for r in related):
            fail(f"LW109's related locations are not the library frames: {related}")
        for code in ("LW203", "LW209"):
            text = [d["message"] for d in found if d["code"] == code][0]
            if "(library vendorsdk 1.4.2)" not in text:
                fail(f"{code} does not name the library: {text}")
        lw201 = [d["message"] for d in found if d["code"] == "LW201"][0]
        if "(an `async def` of library vendorsdk 1.4.2)" not in lw201:
            fail(f"LW201 does not name the library: {lw201}")
        print("ok: .venv at the project root:", len(found), "findings;", message, "|", lw201)

        for label, extra, env in [
            ("exclude-libraries", ["--config", 'exclude-libraries = ["VendorSDK"]'], None),
            ("python = none", ["--config", 'python = "none"'], None),
            ("LOOPWARDEN_PYTHON=none", [], {"LOOPWARDEN_PYTHON": "none"}),
        ]:
            off = keyed(run(binary, project, extra, env))
            if off & want:
                fail(f"{label}: library findings remain: {sorted(off & want)}")
            print("ok:", label, "turns the library off")

        # The silent routes are silent because of their guards: without them, each reports.
        guarded = {"settings", "config", "preview", "status"}
        contrast = os.path.join(tmp, "contrast")
        shutil.copytree(project, contrast, symlinks=True)
        lib = os.path.join(contrast, ".venv", "lib", "python3.11", "site-packages", "vendorsdk")
        for name, edits in {
            "client.py": [("@functools.cache\n", ""),
                          ("if self._config is None:", "if True:"),
                          ("_http.report_failure(status)\n            raise RuntimeError(status)",
                           "_http.report_failure(status)")],
            "_http.py": [("except TypeError as error:\n        report_failure(error)",
                          "finally:\n        report_failure(None)")],
        }.items():
            with open(os.path.join(lib, name), encoding="utf-8") as fh:
                text = fh.read()
            for old, new in edits:
                if old not in text:
                    fail(f"contrast edit not applicable in {name}: {old!r}")
                text = text.replace(old, new)
            with open(os.path.join(lib, name), "w", encoding="utf-8") as fh:
                fh.write(text)
        unguarded = run(binary, contrast)
        reported = {d["message"].split("async function `")[1].split("`")[0]
                    for d in unguarded if d["code"] == "LW109"}
        if not guarded <= reported:
            fail(f"without their guards these routes should report: {sorted(guarded - reported)}")
        print("ok: error branches, except clauses, lazy set-up and memoised loaders are guards")

        # The environment elsewhere: VIRTUAL_ENV, and the `python` key naming a folder.
        elsewhere = os.path.join(tmp, "envs", "vendor")
        os.makedirs(os.path.dirname(elsewhere))
        shutil.move(os.path.join(project, ".venv"), elsewhere)
        if keyed(run(binary, project, env_update={"LOOPWARDEN_PYTHON": "none"})) & want:
            fail("findings without any environment")
        if keyed(run(binary, project, env_update={"VIRTUAL_ENV": elsewhere})) != want:
            fail("VIRTUAL_ENV is not used")
        with open(os.path.join(project, "pyproject.toml"), "a") as fh:
            fh.write(f'\n[tool.loopwarden]\npython = "{os.path.relpath(elsewhere, project)}"\n')
        if keyed(run(binary, project)) != want:
            fail("the `python` key (a folder relative to pyproject.toml) is not used")
        print("ok: VIRTUAL_ENV and `python = <folder>`")

        # library-depth: the five-frame chain of `/deep` shows at 5, not at the default 3.
        deep = keyed(run(binary, project, ["--config", "library-depth = 5"])) - want
        if {code for _, _, code in deep} != {"LW109"} or len(deep) != 1:
            fail(f"library-depth = 5 should add exactly the deep chain: {sorted(deep)}")
        print("ok: library-depth")

        # The results cache: a warm run equals the cold one; a new library version is noticed.
        cache = os.path.join(tmp, "cache")
        cold = keyed(run(binary, project, cache=cache))
        warm = keyed(run(binary, project, cache=cache))
        if cold != want or warm != want:
            fail("the results cache changes the findings")

        # The library summary cache (server/workspace/library_cache.h): with the results
        # dropped, every file is analysed again and every library summary read back.
        shutil.rmtree(os.path.join(cache, "v2"))
        err = []
        again = keyed(run(binary, project, cache=cache, stderr=err))
        hits, misses = library_counts(err[0])
        if again != want or hits == 0 or misses != 0:
            fail(f"library cache: {hits} hits, {misses} summarised, findings equal: {again == want}")
        # A damaged cache file is no cache: summarised again, same findings.
        libraries = os.path.join(cache, "libraries")
        for name in os.listdir(libraries):
            with open(os.path.join(libraries, name), "w", encoding="utf-8") as fh:
                fh.write('{"format": 1, "modules": {"x": ')
        shutil.rmtree(os.path.join(cache, "v2"))
        err = []
        damaged = keyed(run(binary, project, cache=cache, stderr=err))
        hits, misses = library_counts(err[0])
        if damaged != want or hits != 0 or misses == 0:
            fail(f"damaged library cache: {hits} hits, {misses} summarised")
        print(f"ok: library summary cache ({misses} modules read back, damaged files ignored)")
        client = os.path.join(elsewhere, "lib", "python3.11", "site-packages", "vendorsdk",
                              "client.py")
        with open(client, encoding="utf-8") as fh:
            text = fh.read()
        with open(client, "w", encoding="utf-8") as fh:
            fh.write(text.replace('return _http.send("POST"', 'return ("POST"'))
        os.rename(os.path.join(os.path.dirname(client), "..", "vendorsdk-1.4.2.dist-info"),
                  os.path.join(os.path.dirname(client), "..", "vendorsdk-1.5.0.dist-info"))
        after = keyed(run(binary, project, cache=cache))
        if any(code == "LW109" for _, _, code in after):
            fail("a changed library is not noticed by the results cache")
        print("ok: results cache (warm run equal, a new library version noticed)")
    system_dist_packages(binary)
    print("libraries: all checks passed")


SYSTEM_APP = """\
import requests.utils
import yaml


async def credentials(url):
    return requests.utils.get_netrc_auth(url)  # expect: LW109


async def parse(text):
    return yaml.safe_load(text), requests.utils.quote(text)
"""


def system_dist_packages(binary):
    """Debian's interpreter and its dist-packages (python3-requests and python3-yaml, which
    scripts/setup.sh installs): `requests.utils.get_netrc_auth` looks for ~/.netrc on disk."""
    python = "/usr/bin/python3"
    probe = subprocess.run([python, "-c", "import requests, yaml; print(requests.__file__)"],
                           capture_output=True, text=True) if os.path.exists(python) else None
    if probe is None or probe.returncode != 0:
        print("skipped: Debian's python3 with python3-requests and python3-yaml is not installed")
        return
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "app"))
        with open(os.path.join(tmp, "app", "service.py"), "w", encoding="utf-8") as fh:
            fh.write(SYSTEM_APP)
        found = run(binary, tmp, env_update={"LOOPWARDEN_PYTHON": python})
        want = expected(tmp)
        if keyed(found) != want:
            fail(f"dist-packages: {sorted(keyed(found))} != {sorted(want)}")
        d = found[0]
        if "(library requests " not in d["message"]:
            fail(f"dist-packages: the message does not name the library: {d['message']}")
        related = [r["filename"] for r in d.get("related", [])]
        if not related or not all(r.startswith("/usr/lib/python3/dist-packages/requests/")
                                  for r in related):
            fail(f"dist-packages: related locations are not in requests: {related}")
        print("ok: Debian's dist-packages through /usr/bin/python3:", d["message"])


if __name__ == "__main__":
    main()
