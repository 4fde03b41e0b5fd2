// Unit tests of the extension's own logic (src/settings.ts), with plain Node: no VS Code.
// The TypeScript module is compiled with the pinned esbuild into a temporary folder first.
//   node --test test/        (after ./build.sh --deps-only)
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const require = createRequire(import.meta.url);
let esbuild;
try {
  esbuild = require(path.join(root, "node_modules", "esbuild"));
} catch {
  throw new Error("esbuild is not installed: run editors/vscode/build.sh --deps-only first");
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lw-vscode-unit-"));
const outfile = path.join(tmp, "settings.cjs");
esbuild.buildSync({
  entryPoints: [path.join(root, "src", "settings.ts")],
  bundle: true,
  platform: "node",
  format: "cjs",
  outfile,
  logLevel: "warning",
});
const s = require(outfile);
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

const fromObject = (o) => (key) => o[key];

test("defaults: nothing is sent for settings left alone", () => {
  const settings = s.readSettings(fromObject({}));
  assert.deepEqual(settings, {
    enable: true,
    path: "",
    args: [],
    logLevel: "info",
    select: null,
    ignore: [],
    severity: {},
    trace: "off",
  });
  assert.deepEqual(s.serverSettings(settings), {});
  assert.deepEqual(s.initializationOptions(settings), {});
});

test("select/ignore/severity become the server's loopwarden section; path/args/trace never do", () => {
  const settings = s.readSettings(
    fromObject({
      path: " /opt/lw/loopwarden ",
      args: ["--log-level", "debug"],
      select: ["LW1", " LW201 ", ""],
      ignore: ["LW208"],
      severity: { LW103: "error", LW301: "hint", LW999: "loud" },
      "trace.server": "verbose",
    }),
  );
  assert.equal(settings.path, "/opt/lw/loopwarden");
  assert.equal(settings.trace, "verbose");
  const section = s.serverSettings(settings);
  assert.deepEqual(section, {
    select: ["LW1", "LW201"],
    ignore: ["LW208"],
    severity: { LW103: "error", LW301: "hint" },
  });
  assert.deepEqual(s.initializationOptions(settings), section);
  for (const key of ["enable", "path", "args", "logLevel", "trace"]) assert.ok(!(key in section), key);
});

test("an explicitly empty select is sent (it selects nothing), null is not", () => {
  assert.deepEqual(s.serverSettings(s.readSettings(fromObject({ select: [] }))), { select: [] });
  assert.deepEqual(s.serverSettings(s.readSettings(fromObject({ select: null }))), {});
});

test("wrong types fall back to the defaults instead of reaching the server", () => {
  const settings = s.readSettings(
    fromObject({
      enable: "no",
      path: 42,
      args: "--x",
      logLevel: "chatty",
      select: "LW1",
      ignore: [1, "LW2"],
      severity: ["error"],
      "trace.server": "loud",
    }),
  );
  assert.deepEqual(settings, {
    enable: true,
    path: "",
    args: [],
    logLevel: "info",
    select: null,
    ignore: ["LW2"],
    severity: {},
    trace: "off",
  });
});

test("server command: `server` then loopwarden.args, binary from PATH", () => {
  const seen = [];
  const env = {
    PATH: "/nope:/usr/local/bin:/usr/bin",
    platform: "linux",
    isExecutable: (f) => (seen.push(f), f === "/usr/local/bin/loopwarden"),
  };
  const r = s.resolveServer(s.readSettings(fromObject({ args: ["--log-level", "debug"] })), env);
  assert.deepEqual(r, { ok: true, launch: { command: "/usr/local/bin/loopwarden", args: ["server", "--log-level", "debug"] } });
  assert.deepEqual(seen, ["/nope/loopwarden", "/usr/local/bin/loopwarden"]);
});

test("loopwarden.path wins over PATH, with ~ and ${workspaceFolder} expanded", () => {
  const env = {
    PATH: "/usr/bin",
    HOME: "/home/ann",
    workspaceFolder: "/work/app",
    platform: "linux",
    isExecutable: (f) => ["/home/ann/bin/loopwarden", "/work/app/build/loopwarden", "/usr/bin/loopwarden"].includes(f),
  };
  const launch = (p) => s.resolveServer(s.readSettings(fromObject({ path: p })), env);
  assert.equal(launch("~/bin/loopwarden").launch.command, "/home/ann/bin/loopwarden");
  assert.equal(launch("${workspaceFolder}/build/loopwarden").launch.command, "/work/app/build/loopwarden");
  assert.equal(launch("build/loopwarden").launch.command, "/work/app/build/loopwarden");
  assert.equal(launch("").launch.command, "/usr/bin/loopwarden");
});

test("Windows: PATH is ;-separated and PATHEXT is tried", () => {
  const env = {
    PATH: "C:\\tools;C:\\lw\\bin",
    PATHEXT: ".COM;.EXE",
    platform: "win32",
    isExecutable: (f) => f === "C:\\lw\\bin\\loopwarden.EXE",
  };
  const r = s.resolveServer(s.readSettings(fromObject({})), env);
  assert.equal(r.ok, true);
  assert.equal(r.launch.command, "C:\\lw\\bin\\loopwarden.EXE");
});

test("missing binary on PATH: the message says what is missing and how to fix it", () => {
  const r = s.resolveServer(s.readSettings(fromObject({})), { PATH: "/usr/bin", platform: "linux", isExecutable: () => false });
  assert.equal(r.ok, false);
  assert.match(r.message, /no `loopwarden` executable on PATH/);
  assert.match(r.message, /cmake --build build/);
  assert.match(r.message, /set `loopwarden\.path`/);
  assert.match(r.message, /Restart server/);
  assert.match(r.message, /pip install loopwarden/);
  assert.ok(r.message.includes(s.INSTALL_DOCS_URL), "links the installation guide");
  assert.match(s.INSTALL_DOCS_URL, /^https:\/\/.*\/docs\/install\.md$/);
});

test("the binary a platform .vsix carries is used when loopwarden.path is empty, before PATH", () => {
  const bundled = "/ext/loopwarden.loopwarden-0.1.0-linux-x64/bundled/bin/loopwarden";
  const env = (executables) => ({ PATH: "/usr/bin", platform: "linux", bundled, isExecutable: (f) => executables.includes(f) });
  const resolve = (settings, executables) => s.resolveServer(s.readSettings(fromObject(settings)), env(executables));
  assert.equal(resolve({}, [bundled, "/usr/bin/loopwarden"]).launch.command, bundled);
  // no bundled binary (the platform-neutral .vsix, or it lost its mode): PATH
  assert.equal(resolve({}, ["/usr/bin/loopwarden"]).launch.command, "/usr/bin/loopwarden");
  // loopwarden.path wins, and a wrong one is an error, never a silent fallback
  assert.equal(resolve({ path: "/opt/lw" }, [bundled, "/opt/lw"]).launch.command, "/opt/lw");
  assert.equal(resolve({ path: "/opt/nope" }, [bundled]).ok, false);
  assert.deepEqual(s.BUNDLED_BINARY, ["bundled", "bin", "loopwarden"]);
});

test("loopwarden.logLevel becomes --log-level (the default adds nothing; args win)", () => {
  const args = (settings) => s.serverArgs(s.readSettings(fromObject(settings)));
  assert.deepEqual(args({}), ["server"]);
  assert.deepEqual(args({ logLevel: "info" }), ["server"]);
  assert.deepEqual(args({ logLevel: "debug" }), ["server", "--log-level", "debug"]);
  assert.deepEqual(args({ logLevel: "trace", args: ["--log-file", "/tmp/l"] }), [
    "server",
    "--log-level",
    "trace",
    "--log-file",
    "/tmp/l",
  ]);
  assert.deepEqual(args({ logLevel: "debug", args: ["--log-level", "warn"] }), ["server", "--log-level", "warn"]);
  assert.deepEqual(args({ logLevel: "debug", args: ["--log-level=warn"] }), ["server", "--log-level=warn"]);
});

test("missing binary at loopwarden.path: the message names the setting and its value", () => {
  const env = { PATH: "/usr/bin", HOME: "/home/ann", platform: "linux", isExecutable: (f) => f === "/usr/bin/loopwarden" };
  const r = s.resolveServer(s.readSettings(fromObject({ path: "~/lw/build/loopwarden" })), env);
  assert.equal(r.ok, false, "a wrong loopwarden.path must not silently fall back to PATH");
  assert.match(r.message, /`loopwarden\.path` is set to "~\/lw\/build\/loopwarden" \(\/home\/ann\/lw\/build\/loopwarden\)/);
  assert.match(r.message, /not an executable file/);
  assert.match(r.message, /clear it to use `loopwarden` from PATH/);
});

test("a bare name in loopwarden.path is looked up on PATH", () => {
  const env = { PATH: "/a:/b", platform: "linux", isExecutable: (f) => f === "/b/loopwarden-dev" };
  const r = s.resolveServer(s.readSettings(fromObject({ path: "loopwarden-dev" })), env);
  assert.equal(r.launch.command, "/b/loopwarden-dev");
});

test("the real file system: an executable file is found, a folder or a plain file is not", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-path-"));
  try {
    fs.mkdirSync(path.join(dir, "a", "loopwarden"), { recursive: true }); // a folder, not a binary
    fs.mkdirSync(path.join(dir, "b"));
    fs.writeFileSync(path.join(dir, "b", "loopwarden"), "#!/bin/sh\n", { mode: 0o644 }); // not executable
    fs.mkdirSync(path.join(dir, "c"));
    fs.writeFileSync(path.join(dir, "c", "loopwarden"), "#!/bin/sh\n", { mode: 0o755 });
    const PATH = ["a", "b", "c"].map((d) => path.join(dir, d)).join(":");
    const r = s.resolveServer(s.readSettings(fromObject({})), { PATH, platform: process.platform });
    assert.equal(r.launch.command, path.join(dir, "c", "loopwarden"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("only enable, path, logLevel and args need a new server process", () => {
  const base = s.readSettings(fromObject({}));
  assert.equal(s.needsRestart(base, s.readSettings(fromObject({ ignore: ["LW1"] }))), false);
  assert.equal(s.needsRestart(base, s.readSettings(fromObject({ "trace.server": "verbose" }))), false);
  assert.equal(s.needsRestart(base, s.readSettings(fromObject({ path: "/x" }))), true);
  assert.equal(s.needsRestart(base, s.readSettings(fromObject({ args: ["--log-level", "debug"] }))), true);
  assert.equal(s.needsRestart(base, s.readSettings(fromObject({ logLevel: "debug" }))), true);
  assert.equal(s.needsRestart(base, s.readSettings(fromObject({ enable: false }))), true);
});

test("package.json declares every setting the code reads, and the commands", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const props = Object.keys(manifest.contributes.configuration.properties).sort();
  assert.deepEqual(props, [
    "loopwarden.args",
    "loopwarden.enable",
    "loopwarden.ignore",
    "loopwarden.logLevel",
    "loopwarden.path",
    "loopwarden.select",
    "loopwarden.severity",
    "loopwarden.trace.server",
  ]);
  // `window`, not `machine-overridable`: in code-server (a remote window) a machine-overridable
  // value in the user settings disappears after any settings write, and the server would be
  // restarted without its path (seen in tests/editors/vscode/code-server.test.mjs).
  for (const key of ["loopwarden.enable", "loopwarden.path", "loopwarden.args", "loopwarden.logLevel"]) {
    assert.equal(manifest.contributes.configuration.properties[key].scope, "window", key);
  }
  const commands = manifest.contributes.commands.map((c) => c.command);
  assert.ok(commands.includes("loopwarden.restart"));
  assert.ok(commands.includes("loopwarden.fixAll"));
  assert.ok(commands.includes("loopwarden.showOutput"));
  assert.equal(s.FIX_ALL_KIND, "source.fixAll.loopwarden");
  assert.ok(manifest.activationEvents.includes("onLanguage:python"));
  assert.equal(manifest.dependencies["vscode-languageclient"].match(/^\d+\.\d+\.\d+$/) !== null, true, "pinned");
});
