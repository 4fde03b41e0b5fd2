#!/usr/bin/env python3
"""The configurations and recipes of docs/install.md and the README's "shortest way in" are
well-formed and say what loopwarden accepts:

    check_docs.py LOOPWARDEN SOURCE_DIR

- every ```toml / ```json / ```yaml block parses (tomllib, json, PyYAML);
- Helix, Sublime Text LSP and Kate start `loopwarden server` for Python (their documented keys:
  Helix's [language-server.X] command/args and [[language]] language-servers, LSP's
  clients.X.command/selector, Kate's servers.X.command/highlightingModeRegex);
- pre-commit configurations name hooks that .pre-commit-hooks.yaml defines (or are local hooks
  with an entry that runs loopwarden);
- every `loopwarden check ...` command of a CI recipe (GitHub Actions `run:`, GitLab `script:`)
  runs with the real binary on a small project: exit 0 or 1 (never a usage error), and the
  files it names with --output-file are written as JSON.
"""

import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import yaml

BINARY, SOURCE = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
failures = []


def fail(message):
    failures.append(message)
    print("FAILED:", message)


def blocks(path):
    text = path.read_text(encoding="utf-8")
    for m in re.finditer(r"^( *)```(\w+)\n(.*?)^\1```", text, re.M | re.S):
        indent, lang, body = m.group(1), m.group(2), m.group(3)
        body = "\n".join(line[len(indent):] for line in body.splitlines())
        line = text[: m.start()].count("\n") + 1
        yield lang, body, f"{path.relative_to(SOURCE)}:{line}"


def main():
    hook_ids = {h["id"] for h in yaml.safe_load((SOURCE / ".pre-commit-hooks.yaml").read_text())}
    commands = []
    seen = {"helix": False, "sublime": False, "kate": False, "precommit": 0, "ci": 0}
    for doc in (SOURCE / "docs/install.md", SOURCE / "README.md"):
        for lang, body, where in blocks(doc):
            try:
                if lang == "toml":
                    data = tomllib.loads(body)
                elif lang == "json":
                    data = json.loads(body)
                elif lang == "yaml":
                    data = yaml.safe_load(body)
                else:
                    continue
            except Exception as error:  # noqa: BLE001 - any parse error is the finding
                fail(f"{where}: the {lang} block does not parse: {error}")
                continue
            if lang == "toml" and "language-server" in data:
                seen["helix"] = True
                server = data["language-server"].get("loopwarden", {})
                if server.get("command") != "loopwarden" or server.get("args") != ["server"]:
                    fail(f"{where}: Helix's language-server.loopwarden is not `loopwarden server`")
                python = [lang_ for lang_ in data.get("language", []) if lang_.get("name") == "python"]
                if not python or "loopwarden" not in python[0].get("language-servers", []):
                    fail(f"{where}: Helix's python language does not list loopwarden")
            if lang == "json" and isinstance(data, dict) and "clients" in data:
                seen["sublime"] = True
                client = data["clients"].get("loopwarden", {})
                if client.get("command") != ["loopwarden", "server"] or client.get("selector") != "source.python":
                    fail(f"{where}: Sublime LSP's clients.loopwarden does not start `loopwarden server` for source.python")
            if lang == "json" and isinstance(data, dict) and "servers" in data:
                seen["kate"] = True
                server = data["servers"].get("python", {})
                if server.get("command") != ["loopwarden", "server"] or "Python" not in server.get("highlightingModeRegex", ""):
                    fail(f"{where}: Kate's servers.python does not start `loopwarden server` for Python")
            if lang == "yaml" and isinstance(data, dict) and "repos" in data:
                seen["precommit"] += 1
                for repo in data["repos"]:
                    for hook in repo["hooks"]:
                        if repo["repo"] == "local":
                            if not hook.get("entry", "").startswith("loopwarden "):
                                fail(f"{where}: local hook {hook['id']} does not run loopwarden")
                        elif hook["id"] not in hook_ids:
                            fail(f"{where}: hook {hook['id']} is not in .pre-commit-hooks.yaml ({sorted(hook_ids)})")
            if lang == "yaml":
                for line in body.splitlines():
                    m = re.search(r"(?:run:|^\s*-)\s+(loopwarden check .*)$", line)
                    if m:
                        commands.append((m.group(1), where))
    for key, value in seen.items():
        if key in ("helix", "sublime", "kate") and not value:
            fail(f"docs/install.md has no {key} configuration")
    if seen["precommit"] < 2:
        fail("docs/install.md and the README should show the pre-commit configurations")
    if len(commands) < 3:
        fail(f"expected the GitHub (github, sarif) and GitLab (gitlab) recipes, found {commands}")

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(SOURCE / "tests/dist/project", project)
        for command, where in commands:
            args = shlex.split(command)[1:]
            r = subprocess.run([BINARY, *args], cwd=project, capture_output=True, text=True, timeout=120,
                               env={"PATH": "/usr/bin:/bin", "CI_PROJECT_DIR": str(project)})
            print(f"{where}: `{command}` -> exit {r.returncode}")
            if r.returncode not in (0, 1):
                fail(f"{where}: `{command}` exited with {r.returncode}: {r.stderr.strip()}")
                continue
            if "--output-file" in args:
                out = project / args[args.index("--output-file") + 1]
                try:
                    json.loads(out.read_text())
                except Exception as error:  # noqa: BLE001
                    fail(f"{where}: `{command}` did not write JSON to {out.name}: {error}")
            elif "--output-format" in args and args[args.index("--output-format") + 1] == "github":
                if not re.search(r"^::(error|warning|notice) ", r.stdout, re.M):
                    fail(f"{where}: `{command}` printed no GitHub annotation:\n{r.stdout}")
    print(f"{len(failures)} failed" if failures else "docs: every configuration parses and every recipe runs")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
