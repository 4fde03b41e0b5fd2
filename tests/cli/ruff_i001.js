// ruff's own isort rule (I001, unsorted-imports) through its WebAssembly build (npm
// @astral-sh/ruff-wasm-nodejs, pinned with its integrity in bench/ruff-wasm/package-lock.json).
// argv[2]: the node_modules folder holding it. Standard input: a JSON array of Python sources.
// Prints a JSON array: for each source, the I001 diagnostics' messages and rows.
"use strict";
const fs = require("fs");
const path = require("path");
const { Workspace, PositionEncoding } = require(
  path.join(process.argv[2], "@astral-sh", "ruff-wasm-nodejs"));

const sources = JSON.parse(fs.readFileSync(0, "utf8"));
const workspace = new Workspace({ lint: { select: ["I001"] } }, PositionEncoding.Utf8);
const results = sources.map((text) =>
  workspace.check(text)
    .filter((d) => d.code === "I001")
    .map((d) => ({ row: d.start_location.row, message: d.message })));
process.stdout.write(JSON.stringify({ version: Workspace.version(), results }) + "\n");
