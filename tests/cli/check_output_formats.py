#!/usr/bin/env python3
"""Every `check --output-format` against what its consumer requires.

Runs the built binary over tests/server/fixtures/cli/project (diagnostics with safe, unsafe and
display-only fixes, related locations in other files) and over a clean folder, and checks:
  junit      parses with xml.etree; <testsuites>/<testsuite>/<testcase>/<failure> carry the
             attributes the JUnit XML schema (Jenkins' junit-10.xsd) requires, counts agree;
  gitlab     GitLab Code Quality: description, check_name, fingerprint (unique), severity in
             GitLab's five, location.path relative, location.lines.begin;
  rdjson     reviewdog's DiagnosticResult (a JSON schema transcribing rdf/reviewdog.proto);
  sarif      SARIF 2.1.0's required properties (a JSON schema transcribing the spec's
             required sets, fixes and partialFingerprints included), ruleIndex consistent;
  json / json-lines   the documented keys, one object per line, identical to json;
  pylint, azure, github, concise, grouped, full   line grammars; full's headers are concise.
Usage: check_output_formats.py LOOPWARDEN FIXTURE_PROJECT
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import jsonschema

FAILURES = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)


def run(binary, cwd, *args, env=None):
    full_env = dict(os.environ)
    for key in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "COLUMNS", "CI_PROJECT_DIR"):
        full_env.pop(key, None)
    full_env.update(env or {})
    p = subprocess.run([binary, "check", "--no-cache", *args], cwd=cwd, capture_output=True,
                       text=True, env=full_env)
    return p.returncode, p.stdout, p.stderr


POSITION = {"type": "object", "required": ["line"],
            "properties": {"line": {"type": "integer", "minimum": 1},
                           "column": {"type": "integer", "minimum": 1}}}
RANGE = {"type": "object", "required": ["start"],
         "properties": {"start": POSITION, "end": POSITION}}
RDJSON_SCHEMA = {
    "type": "object",
    "properties": {
        "source": {"type": "object", "required": ["name"],
                   "properties": {"name": {"type": "string"}, "url": {"type": "string"}}},
        "severity": {"enum": ["UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"]},
        "diagnostics": {"type": "array", "items": {
            "type": "object", "required": ["message", "location"],
            "properties": {
                "message": {"type": "string"},
                "location": {"type": "object", "required": ["path"],
                             "properties": {"path": {"type": "string"}, "range": RANGE}},
                "severity": {"enum": ["UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"]},
                "code": {"type": "object", "required": ["value"],
                         "properties": {"value": {"type": "string"}, "url": {"type": "string"}}},
                "suggestions": {"type": "array", "items": {
                    "type": "object", "required": ["range", "text"],
                    "properties": {"range": RANGE, "text": {"type": "string"}}}},
            }}},
    },
}

REGION = {"type": "object", "required": ["startLine"],
          "properties": {k: {"type": "integer", "minimum": 1}
                         for k in ("startLine", "startColumn", "endLine", "endColumn")}}
ARTIFACT = {"type": "object", "required": ["uri"], "properties": {"uri": {"type": "string"}}}
MESSAGE = {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}]}
LOCATION = {"type": "object", "properties": {
    "id": {"type": "integer", "minimum": 0},
    "message": MESSAGE,
    "physicalLocation": {"type": "object", "required": ["artifactLocation"],
                         "properties": {"artifactLocation": ARTIFACT, "region": REGION}}}}
SARIF_SCHEMA = {
    "type": "object", "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "items": {
            "type": "object", "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name"],
                    "properties": {"name": {"type": "string"}, "rules": {"type": "array", "items": {
                        "type": "object", "required": ["id"]}}}}}},
                "invocations": {"type": "array", "items": {
                    "type": "object", "required": ["executionSuccessful"]}},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["message"],
                    "properties": {
                        "ruleId": {"type": "string"},
                        "ruleIndex": {"type": "integer", "minimum": 0},
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "message": MESSAGE,
                        "locations": {"type": "array", "items": LOCATION},
                        "relatedLocations": {"type": "array", "items": LOCATION},
                        "partialFingerprints": {"type": "object",
                                                "additionalProperties": {"type": "string"}},
                        "fixes": {"type": "array", "items": {
                            "type": "object", "required": ["artifactChanges"],
                            "properties": {
                                "description": MESSAGE,
                                "artifactChanges": {"type": "array", "minItems": 1, "items": {
                                    "type": "object",
                                    "required": ["artifactLocation", "replacements"],
                                    "properties": {
                                        "artifactLocation": ARTIFACT,
                                        "replacements": {"type": "array", "minItems": 1, "items": {
                                            "type": "object", "required": ["deletedRegion"],
                                            "properties": {
                                                "deletedRegion": REGION,
                                                "insertedContent": {
                                                    "type": "object", "required": ["text"]}}}}}}}}}},
                    }}},
            }}},
    },
}

GITLAB_SCHEMA = {
    "type": "array", "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {"type": "object", "required": ["path", "lines"], "properties": {
                "path": {"type": "string", "pattern": "^[^/]"},
                "lines": {"type": "object", "required": ["begin"],
                          "properties": {"begin": {"type": "integer", "minimum": 1}}}}},
        }}}


def check_junit(text, expected_failures):
    root = ET.fromstring(text)
    check(root.tag == "testsuites", "junit: root is <testsuites>")
    total = 0
    failures = 0
    for suite in root:
        check(suite.tag == "testsuite", "junit: children of <testsuites> are <testsuite>")
        for attribute in ("name", "tests", "failures", "errors"):
            check(attribute in suite.attrib, f"junit: <testsuite> has @{attribute}")
        cases = list(suite)
        check(int(suite.get("tests")) == len(cases), "junit: testsuite@tests counts its cases")
        suite_failures = 0
        for case in cases:
            check(case.tag == "testcase", "junit: <testsuite> holds <testcase>")
            check("name" in case.attrib and "classname" in case.attrib,
                  "junit: <testcase> has @name and @classname")
            for failure in case:
                check(failure.tag == "failure", "junit: a <testcase> holds <failure>")
                check("message" in failure.attrib, "junit: <failure> has @message")
                suite_failures += 1
        check(int(suite.get("failures")) == suite_failures, "junit: testsuite@failures")
        total += len(cases)
        failures += suite_failures
    check(int(root.get("tests")) == total, "junit: testsuites@tests")
    check(int(root.get("failures")) == failures == expected_failures, "junit: testsuites@failures")


def main():
    binary, project = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    status, out, err = run(binary, project, "--output-format", "json")
    check(status == 1, f"json: exit status 1 ({status}, {err})")
    diagnostics = json.loads(out)
    n = len(diagnostics)
    check(n > 0, "the fixture project has diagnostics")
    for d in diagnostics:
        check(d["noqa_row"] == d["location"]["row"], "json: noqa_row is the start row")
        check("cell" in d and d["cell"] is None, "json: cell is null outside notebooks")
    check(any(d["related"] for d in diagnostics), "the fixture has a related location")

    _, out, _ = run(binary, project, "--output-format", "json-lines")
    lines = out.splitlines()
    check([json.loads(line) for line in lines] == diagnostics, "json-lines: the json objects")

    _, out, _ = run(binary, project, "--output-format", "junit")
    check_junit(out, n)
    with tempfile.TemporaryDirectory() as clean:
        with open(os.path.join(clean, "ok.py"), "w") as f:
            f.write("import asyncio\n\n\nasync def main():\n    await asyncio.sleep(1)\n")
        status, out, _ = run(binary, clean, "--output-format", "junit")
        check(status == 0, "junit: a clean run exits 0")
        check_junit(out, 0)
        status, out, err = run(binary, clean)
        check((status, out) == (0, "All checks passed!\n"), f"full: clean run ({out!r})")
        os.remove(os.path.join(clean, "ok.py"))
        status, out, err = run(binary, clean)
        check(status == 0 and "warning: No Python files found under the given path(s)" in err,
              f"no files: warned ({status}, {err!r})")

    _, out, _ = run(binary, project, "--output-format", "gitlab")
    issues = json.loads(out)
    jsonschema.validate(issues, GITLAB_SCHEMA)
    check(len(issues) == n, "gitlab: one issue per diagnostic")
    check(len({i["fingerprint"] for i in issues}) == n, "gitlab: fingerprints are unique")
    _, out, _ = run(binary, project, "--output-format", "gitlab",
                    env={"CI_PROJECT_DIR": os.path.dirname(project)})
    check(all(i["location"]["path"].startswith("project/") for i in json.loads(out)),
          "gitlab: paths relative to CI_PROJECT_DIR")

    _, out, _ = run(binary, project, "--output-format", "rdjson")
    rd = json.loads(out)
    jsonschema.validate(rd, RDJSON_SCHEMA)
    check(len(rd["diagnostics"]) == n, "rdjson: one diagnostic each")
    check(any("suggestions" in d for d in rd["diagnostics"]), "rdjson: fixes as suggestions")

    _, out, _ = run(binary, project, "--output-format", "sarif")
    sarif = json.loads(out)
    jsonschema.validate(sarif, SARIF_SCHEMA)
    # ... and against the official SARIF 2.1.0 schema (draft-04), pinned in cmake/deps.lock.
    deps = os.environ.get("LW_DEPS_DIR") or os.path.join(os.path.dirname(__file__), "..", "..", ".deps")
    official = os.path.join(deps, "@microsoft", "jest-sarif-1.0.0-beta.0", "lib", "schemas",
                            "sarif-2.1.0-rtm.5.json")
    check(os.path.isfile(official),
          f"the official SARIF schema is missing ({official}): run scripts/fetch-npm-sources.sh")
    if os.path.isfile(official):
        with open(official, encoding="utf-8") as f:
            schema = json.load(f)
        check(sarif["version"] == "2.1.0" and "2.1.0" in schema["title"], "sarif: version 2.1.0")
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(sarif), key=str)
        check(not errors, "sarif: valid against the official 2.1.0 schema"
              + "".join(f"\n  {list(e.absolute_path)}: {e.message}" for e in errors[:10]))
    run0 = sarif["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    for r in run0["results"]:
        check(rules[r["ruleIndex"]]["id"] == r["ruleId"], "sarif: ruleIndex points at ruleId")
    check(len(run0["results"]) == n, "sarif: one result each")
    check(any("fixes" in r for r in run0["results"]), "sarif: fixes present")
    check(all("partialFingerprints" in r for r in run0["results"]), "sarif: fingerprints")

    grammars = {
        "pylint": r"^[^:]+\.py:\d+: \[LW\d{3}\] .+$",
        "azure": r"^##vso\[task\.logissue type=(error|warning);sourcepath=[^;]+;linenumber=\d+;"
                 r"columnnumber=\d+;code=LW\d{3};\].+$",
        "github": r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,"
                  r"endColumn=\d+,title=LW\d{3}::.+$",
        "concise": r"^[^:]+\.py:\d+:\d+: LW\d{3}( \[\*\])? .+$",
    }
    for fmt, grammar in grammars.items():
        _, out, _ = run(binary, project, "--output-format", fmt, "--quiet")
        got = out.splitlines()
        check(len(got) == n, f"{fmt}: one line each ({len(got)} != {n})")
        for line in got:
            check(re.match(grammar, line) is not None, f"{fmt}: {line!r}")

    _, concise, _ = run(binary, project, "--output-format", "concise")
    _, full, _ = run(binary, project)
    headers = [line for line in full.splitlines() if re.match(r"^[^ |:]+\.py:\d+:\d+: LW", line)]
    check(headers == concise.splitlines()[:n], "full: the headers are the concise lines")
    check(full.count("\nhelp: ") >= 1 and "(safe fix)" in full, "full: help with applicability")
    check("\nnote: " in full, "full: related locations as notes")
    check(re.search(r"\n +\| +\^+ LW\d{3} \((warning|error|information|hint)\)\n", full)
          is not None, "full: underline labelled with code and severity")
    check(full.endswith(concise[concise.index("Found "):]), "full: the summary of concise")
    check("\x1b[" not in full, "full: no colours when not a terminal")
    _, colored, _ = run(binary, project, env={"FORCE_COLOR": "1"})
    check("\x1b[" in colored, "FORCE_COLOR: colours")
    _, colored, _ = run(binary, project, env={"CLICOLOR_FORCE": "1", "NO_COLOR": "1"})
    check("\x1b[" in colored, "CLICOLOR_FORCE wins over NO_COLOR")

    _, grouped, _ = run(binary, project, "--output-format", "grouped", "--quiet")
    groups = [g for g in grouped.split("\n\n") if g.strip()]
    check(len(groups) == len({d["filename"] for d in diagnostics}), "grouped: one group per file")
    for g in groups:
        first, *rest = g.splitlines()
        check(first.endswith(":") and all(re.match(r"^  +\d+:\d+ +LW\d{3}", r) for r in rest),
              f"grouped: {g!r}")

    # Paths relative to the current folder, whatever was named.
    _, out, _ = run(binary, project, "--output-format", "json", os.path.join(project, "app"))
    check(all(not d["filename"].startswith("/") and d["filename"].startswith("app/")
              for d in json.loads(out)), "absolute paths below the folder print relative")

    for failure in FAILURES:
        print("FAIL:", failure)
    print(f"{len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
