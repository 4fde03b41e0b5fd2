// The ruff-WASM anchor of bench/run.sh: ruff's WebAssembly build (npm
// @astral-sh/ruff-wasm-nodejs, pinned with its integrity in package-lock.json) lints the files
// named on standard input, one path a line (`loopwarden check --show-files`: the same files),
// one after the other on one thread, with ruff's default rules. All files are read first; only
// the linting is timed. Prints one JSON object: files, diagnostics, lint seconds, CPU seconds.
"use strict";
const fs = require("fs");
const { Workspace, PositionEncoding } = require("@astral-sh/ruff-wasm-nodejs");

const paths = fs.readFileSync(0, "utf8").split("\n").filter((p) => p.length > 0);
const texts = [];
for (const p of paths) {
  try {
    texts.push(fs.readFileSync(p, "utf8"));
  } catch (e) {
    // unreadable: skipped, as loopwarden reports it without linting it
  }
}
const workspace = new Workspace(Workspace.defaultSettings(), PositionEncoding.Utf8);
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
let diagnostics = 0;
for (const text of texts) diagnostics += workspace.check(text).length;
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({
  files: texts.length,
  diagnostics,
  lint_seconds: seconds,
  lint_cpu_seconds: (cpu.user + cpu.system) / 1e6,
  ruff_version: Workspace.version(),
}) + "\n");
