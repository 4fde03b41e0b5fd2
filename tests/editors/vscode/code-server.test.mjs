// The VS Code test, for real: code-server (the VS Code 1.100 server, extension host and web
// workbench, installed by scripts/editors/install-code-server.sh) with the packaged loopwarden
// .vsix and a test-only extension (e2e-extension/), driven by Debian's headless Chromium.
// The test extension opens a Python file with `time.sleep` in an `async def`, waits for
// loopwarden's diagnostic in VS Code's diagnostics model, applies the quick fix that VS Code's
// code action providers return, runs "loopwarden: Fix all", and writes what it saw to a file
// that this script checks.
//
//   node code-server.test.mjs --loopwarden BIN --vsix FILE [--work DIR] [--timeout SECONDS]
//   node code-server.test.mjs --bundled 1 --vsix PLATFORM_VSIX [--work DIR] [--timeout SECONDS]
// --bundled: the .vsix of scripts/package.sh that carries the server; no `loopwarden.path`, and
// no `loopwarden` on PATH (folders holding one are removed from it): the extension must start
// the binary it carries (checked in its output channel's log).
//
// Exit status: 0 passed, 1 failed (with the reason and the logs), 77 the quick-fix steps were
// skipped because the server announces no code actions (the diagnostics part passed).
// Both process groups (code-server, Chromium) are started with setsid and killed at the end.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const SKIP = 77;

function parseArgs(argv) {
  const opts = { timeout: 120 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "");
    if (!(key in { loopwarden: 1, vsix: 1, work: 1, timeout: 1, bundled: 1 }) || argv[i + 1] === undefined) {
      throw new Error(
        `usage: code-server.test.mjs (--loopwarden BIN | --bundled 1) --vsix FILE [--work DIR] [--timeout S] (bad: ${argv[i]})`,
      );
    }
    opts[key] = argv[i + 1];
  }
  opts.bundled = opts.bundled === "1";
  if ((!opts.loopwarden && !opts.bundled) || !opts.vsix) throw new Error("--loopwarden (or --bundled 1) and --vsix are required");
  opts.timeout = Number(opts.timeout);
  return opts;
}

const started = Date.now();
const log = (msg) => console.log(`[code-server test +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

const groups = []; // process group leaders we started (setsid)
function killGroups(signal) {
  for (const child of groups) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}
process.on("exit", () => killGroups("SIGKILL"));
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    killGroups("SIGKILL");
    process.exit(1);
  });
}

async function stopGroups() {
  killGroups("SIGTERM");
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && groups.some((c) => c.exitCode === null && c.signalCode === null)) {
    await sleep(100);
  }
  killGroups("SIGKILL");
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function startGroup(name, command, args, env, logFile) {
  const fd = fs.openSync(logFile, "a");
  const child = spawn(command, args, { detached: true, stdio: ["ignore", fd, fd], env });
  fs.closeSync(fd);
  groups.push(child);
  child.once("error", (e) => log(`${name} failed to start: ${e.message}`));
  return child;
}

async function waitFor(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(missing)";
  }
}

function findFiles(dir, test, out = []) {
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, test, out);
    else if (test(p)) out.push(p);
  }
  return out;
}

function run(command, args, env, what, cwd = undefined) {
  const r = spawnSync(command, args, { env, cwd, encoding: "utf8", timeout: 120000 });
  if (r.status !== 0) {
    throw new Error(`${what} failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const loopwarden = opts.bundled ? undefined : path.resolve(opts.loopwarden);
  const vsix = path.resolve(opts.vsix);
  for (const [what, file] of [["loopwarden binary", loopwarden ?? vsix], ["loopwarden .vsix", vsix]]) {
    if (!fs.existsSync(file)) throw new Error(`${what} not found: ${file}`);
  }
  const csPath = spawnSync(path.join(root, "scripts/editors/code-server-path.sh"), { encoding: "utf8" });
  if (csPath.status !== 0) throw new Error(csPath.stderr.trim());
  const codeServer = csPath.stdout.trim();
  const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
  if (!chromium) throw new Error("Debian's chromium is not installed: run scripts/setup-editors.sh");
  const vsce = path.join(root, "editors/vscode/node_modules/.bin/vsce");
  if (!fs.existsSync(vsce)) throw new Error("vsce is missing: run scripts/editors/install-vscode-deps.sh");

  const work = opts.work ? path.resolve(opts.work) : fs.mkdtempSync(path.join(os.tmpdir(), "lw-code-server-"));
  fs.rmSync(work, { recursive: true, force: true });
  const dirs = Object.fromEntries(
    ["home", "user-data", "extensions", "workspace", "chromium", "e2e-ext"].map((d) => [d, path.join(work, d)]),
  );
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const resultFile = path.join(work, "result.json");
  const appPy = path.join(dirs.workspace, "app.py");
  const fixAllPy = path.join(dirs.workspace, "fixall.py");
  const original = fs.readFileSync(path.join(here, "../fixtures/blocking.py"), "utf8");
  const fixAllOriginal = fs.readFileSync(path.join(here, "../fixtures/fixall.py"), "utf8");
  fs.writeFileSync(appPy, original);
  fs.writeFileSync(fixAllPy, fixAllOriginal);
  const notebook = path.join(dirs.workspace, "notebook.ipynb");
  fs.copyFileSync(path.join(here, "../fixtures/notebook.ipynb"), notebook);
  fs.mkdirSync(path.join(dirs["user-data"], "User"), { recursive: true });
  fs.writeFileSync(
    path.join(dirs["user-data"], "User", "settings.json"),
    JSON.stringify(
      {
        ...(opts.bundled ? {} : { "loopwarden.path": loopwarden }),
        "loopwarden.trace.server": "verbose",
        // Sent to the server as the `loopwarden` section (checked in the trace below); the
        // default severity of LW102, so the diagnostics do not depend on the server using it.
        "loopwarden.severity": { LW102: "warning" },
        "security.workspace.trust.enabled": false,
        "workbench.startupEditor": "none",
        "workbench.enableExperiments": false,
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "extensions.ignoreRecommendations": true,
        "telemetry.telemetryLevel": "off",
        "update.mode": "none",
      },
      null,
      2,
    ),
  );
  // --bundled: no folder of PATH may hold a `loopwarden` (a wheel's venv, /usr/local/bin, ...).
  const pathDirs = (process.env.PATH ?? "").split(":").filter((d) => d !== "");
  const searchPath = opts.bundled
    ? pathDirs.filter((d) => {
        try {
          fs.accessSync(path.join(d, "loopwarden"), fs.constants.X_OK);
          log(`--bundled: ${d} holds a loopwarden: removed from PATH`);
          return false;
        } catch {
          return true;
        }
      })
    : pathDirs;
  const env = {
    ...process.env,
    PATH: searchPath.join(":"),
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(dirs.home, ".config"),
    XDG_DATA_HOME: path.join(dirs.home, ".local/share"),
    XDG_CACHE_HOME: path.join(dirs.home, ".cache"),
  };
  const csArgs = ["--user-data-dir", dirs["user-data"], "--extensions-dir", dirs.extensions];

  // The test extension is packaged like any extension (outside the source tree).
  fs.cpSync(path.join(here, "e2e-extension"), dirs["e2e-ext"], { recursive: true });
  const e2eVsix = path.join(work, "loopwarden-e2e.vsix");
  run(vsce, ["package", "--no-dependencies", "--skip-license", "--allow-missing-repository", "--out", e2eVsix], env,
    "packaging the test extension", dirs["e2e-ext"]);
  log("installing the extensions into code-server");
  for (const file of [vsix, e2eVsix]) {
    run(codeServer, [...csArgs, "--install-extension", file, "--force"], env, `code-server --install-extension ${path.basename(file)}`);
  }
  const listed = run(codeServer, [...csArgs, "--list-extensions", "--show-versions"], env, "code-server --list-extensions");
  if (!/^loopwarden\.loopwarden@/m.test(listed) || !/^loopwarden-test\.loopwarden-e2e@/m.test(listed)) {
    throw new Error(`the extensions are not installed; code-server lists:\n${listed}`);
  }
  log(`installed: ${listed.trim().split("\n").join(", ")}`);

  const port = await freePort();
  const csLog = path.join(work, "code-server.log");
  const timeoutMs = opts.timeout * 1000;
  const e2eEnv = {
    ...env,
    LW_E2E_RESULT: resultFile,
    LW_E2E_FILE: appPy,
    LW_E2E_FIXALL_FILE: fixAllPy,
    LW_E2E_NOTEBOOK: notebook,
    LW_E2E_TIMEOUT_MS: String(Math.min(30000, timeoutMs / 2)),
  };
  const cs = startGroup(
    "code-server",
    codeServer,
    [
      ...csArgs,
      "--auth", "none",
      "--bind-addr", `127.0.0.1:${port}`,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--ignore-last-opened",
      dirs.workspace,
    ],
    e2eEnv,
    csLog,
  );
  const dump = () => {
    const extLogs = findFiles(path.join(dirs["user-data"], "logs"), (p) => /exthost\.log$|loopwarden.*\.log$|remoteexthost\.log$/.test(p));
    return [
      `--- code-server log (${csLog}) ---\n${tail(csLog)}`,
      ...extLogs.map((f) => `--- ${path.relative(work, f)} ---\n${tail(f, 60)}`),
      `--- result file ---\n${tail(resultFile, 200)}`,
      `(everything is kept in ${work})`,
    ].join("\n");
  };
  try {
    await waitFor("code-server to answer on /healthz (see the log below)", 30000, async () => {
      if (cs.exitCode !== null) throw new Error(`code-server exited with ${cs.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
        return res.ok;
      } catch {
        return false;
      }
    });
    log(`code-server is up on 127.0.0.1:${port}; opening the workbench in headless Chromium`);
    const chromiumLog = path.join(work, "chromium.log");
    startGroup(
      "chromium",
      chromium,
      [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--window-size=1280,900",
        `--user-data-dir=${dirs.chromium}`,
        `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`,
      ],
      env,
      chromiumLog,
    );

    let lastSteps = 0;
    const result = await waitFor("the test extension to finish (see its steps in the result file below)", timeoutMs, async () => {
      let r;
      try {
        r = JSON.parse(fs.readFileSync(resultFile, "utf8"));
      } catch {
        return null;
      }
      for (const s of r.steps.slice(lastSteps)) log(`extension: ${s.name}${s.data ? ` ${JSON.stringify(s.data)}` : ""}`);
      lastSteps = r.steps.length;
      return r.done ? r : null;
    });
    const status = check(result, { original, fixAllOriginal });
    if (opts.bundled) {
      const started = await waitFor("the loopwarden output channel's log naming the server it started", 15000, async () =>
        findFiles(path.join(dirs["user-data"], "logs"), (p) => /\bloopwarden\.log$/.test(p))
          .map((f) => fs.readFileSync(f, "utf8"))
          .map((text) => /^starting (.*) server\b/m.exec(text))
          .find((m) => m),
      );
      const bundled = started[1];
      if (!bundled.startsWith(dirs.extensions + path.sep) || !bundled.endsWith(path.join("bundled", "bin", "loopwarden"))) {
        throw new Error(`the extension started ${bundled}, not the binary it carries (under ${dirs.extensions})`);
      }
      log(`PASS the extension started the binary it carries: ${path.relative(work, bundled)} (no loopwarden.path, none on PATH)`);
    }
    // The `initialize` request vscode-languageclient really sent, from the verbose trace (VS Code
    // writes output channels to its log folder a moment later).
    const trace = await waitFor("the verbose trace of the initialize request in the logs", 15000, async () =>
      findFiles(path.join(dirs["user-data"], "logs"), (p) => /loopwarden \(trace\)\.log$/.test(p))
        .map((f) => fs.readFileSync(f, "utf8"))
        .find((text) => initializeFromTrace(text) && allParamsFromTrace(text, "notification", "workspace/didChangeConfiguration").length >= 2),
    );
    const initialize = initializeFromTrace(trace);
    checkCapabilities(initialize, work);
    checkSettings(initialize, allParamsFromTrace(trace, "notification", "workspace/didChangeConfiguration"));
    const starts = allParamsFromTrace(trace, "request", "initialize").length;
    if (starts !== 1) throw new Error(`the server was started ${starts} times: a settings change must not restart it`);
    await stopGroups();
    if (status === 0 || status === SKIP) fs.rmSync(work, { recursive: true, force: true });
    return status;
  } catch (error) {
    console.error(`FAILED: ${error.message}\n${dump()}`);
    await stopGroups();
    return 1;
  }
}

// The params of the first message sent of `kind` ("request"/"notification") and `method` in a
// verbose vscode-jsonrpc trace, or null.
function allParamsFromTrace(text, kind, method) {
  const escaped = method.replace(/[/$]/g, "\\$&");
  const re = new RegExp(`Sending ${kind} '${escaped}(?: - \\(\\d+\\))?'\\.\\r?\\nParams: ([\\s\\S]*?)\\r?\\n\\r?\\n\\r?\\n`, "g");
  const out = [];
  for (const m of text.matchAll(re)) {
    try {
      out.push(JSON.parse(m[1]));
    } catch {
      // an incomplete entry at the end of the file
    }
  }
  return out;
}
const paramsFromTrace = (text, kind, method) => allParamsFromTrace(text, kind, method)[0] ?? null;
const initializeFromTrace = (text) => paramsFromTrace(text, "request", "initialize");

// The extension sends the `loopwarden` section (the server's keys only) both ways.
// At the start: initializationOptions and a didChangeConfiguration with the user settings;
// after the test extension set loopwarden.ignore: a didChangeConfiguration with both.
function checkSettings(initialize, changes) {
  const expected = { severity: { LW102: "warning" } };
  const changed = { ...expected, ignore: ["LW208"] };
  const same = (a, b) => isDeepStrictEqual(a, b);
  const problems = [];
  if (!same(initialize.initializationOptions, expected)) {
    problems.push(`initializationOptions ${JSON.stringify(initialize.initializationOptions)}`);
  }
  if (!same(changes[0], { settings: { loopwarden: expected } })) {
    problems.push(`the first workspace/didChangeConfiguration ${JSON.stringify(changes[0])}`);
  }
  if (!changes.some((c) => same(c, { settings: { loopwarden: changed } }))) {
    problems.push(`no workspace/didChangeConfiguration with ${JSON.stringify(changed)} after the change: ${JSON.stringify(changes)}`);
  }
  if (problems.length) {
    throw new Error(`the settings did not reach the server as the loopwarden section: ${problems.join("; ")}`);
  }
  log(`PASS settings: sent at start (${JSON.stringify(expected)}) and forwarded on change (${JSON.stringify(changed)})`);
}

// The fast protocol test (vscode-protocol.test.mjs) replays these capabilities: they must be
// what the pinned vscode-languageclient really sends. LW_UPDATE_FIXTURES=1 rewrites the file.
const capabilitiesFixture = path.join(here, "../fixtures/vscode-languageclient-initialize.json");
function checkCapabilities(initialize, work) {
  const captured = {
    "//": "The initialize params vscode-languageclient (editors/vscode/package-lock.json) sends from VS Code " +
      "1.100 (code-server), captured by tests/editors/vscode/code-server.test.mjs; machine-specific fields removed.",
    clientInfo: initialize.clientInfo,
    locale: initialize.locale,
    capabilities: initialize.capabilities,
    initializationOptions: initialize.initializationOptions,
    trace: initialize.trace,
  };
  const text = JSON.stringify(captured, null, 2) + "\n";
  if (process.env.LW_UPDATE_FIXTURES === "1") {
    fs.writeFileSync(capabilitiesFixture, text);
    log(`wrote ${path.relative(root, capabilitiesFixture)}`);
    return;
  }
  let fixture = null;
  try {
    fixture = JSON.parse(fs.readFileSync(capabilitiesFixture, "utf8"));
  } catch {
    // reported below
  }
  if (!fixture || JSON.stringify(fixture.capabilities) !== JSON.stringify(captured.capabilities)) {
    const saved = path.join(work, "initialize.captured.json");
    fs.writeFileSync(saved, text);
    throw new Error(
      `the client capabilities VS Code sent differ from ${path.relative(root, capabilitiesFixture)}, which the fast ` +
        `protocol test replays (was vscode-languageclient upgraded?). Captured: ${saved}; rerun with ` +
        "LW_UPDATE_FIXTURES=1 to update the fixture.",
    );
  }
  log(`PASS the client capabilities VS Code sent match ${path.relative(root, capabilitiesFixture)}`);
}

function check(result, { original, fixAllOriginal }) {
  if (result.error) throw new Error(`the test extension failed: ${result.error}`);
  const lw102 = (result.diagnostics ?? []).find((d) => (d.code && typeof d.code === "object" ? d.code.value : d.code) === "LW102");
  if (!lw102) throw new Error(`no LW102 diagnostic in VS Code's model: ${JSON.stringify(result.diagnostics)}`);
  const expectMessage = "`time.sleep` blocks the event loop in async function `handler`";
  const problems = [];
  if (lw102.source !== "loopwarden") problems.push(`source is ${lw102.source}`);
  if (JSON.stringify(lw102.range) !== JSON.stringify([5, 4, 5, 17])) problems.push(`range is ${JSON.stringify(lw102.range)}, expected [5,4,5,17] (line 6, \`time.sleep(1)\`)`);
  if (!lw102.message.includes(expectMessage)) problems.push(`message is ${JSON.stringify(lw102.message)}`);
  if (lw102.severity !== 1) problems.push(`severity is ${lw102.severity}, expected 1 (Warning)`);
  if (typeof lw102.code !== "object" || !/LW102/.test(lw102.code.target)) problems.push(`code has no rule link: ${JSON.stringify(lw102.code)}`);
  if (problems.length) throw new Error(`LW102 reached VS Code but is wrong: ${problems.join("; ")}`);
  log(`PASS diagnostics: LW102 on line 6 in VS Code's diagnostics model: ${JSON.stringify(lw102.message)}`);

  if (result.codeActions === "unsupported") {
    log(
      "SKIPPED quick fix and Fix all: the server announces no codeActionProvider " +
        "(textDocument/codeAction is not implemented in loopwarden server yet)",
    );
    return SKIP;
  }
  const expected = original.replace("time.sleep(1)", "await asyncio.sleep(1)");
  if (result.textAfterQuickfix !== expected) {
    throw new Error(
      `the quick fix (${result.quickfixTitle}) produced:\n${result.textAfterQuickfix}\nexpected:\n${expected}\n` +
        `code actions offered: ${JSON.stringify(result.codeActions)}`,
    );
  }
  log(`PASS quick fix "${result.quickfixTitle}" edited the document: line 6 is now \`await asyncio.sleep(1)\``);
  const fixAllExpected = fixAllOriginal.replace("time.sleep(1)", "await asyncio.sleep(1)").replace("time.sleep(0.5)", "await asyncio.sleep(0.5)");
  if (result.textAfterFixAll !== fixAllExpected) {
    throw new Error(`"loopwarden: Fix all" produced:\n${result.textAfterFixAll}\nexpected:\n${fixAllExpected}`);
  }
  log('PASS "loopwarden: Fix all" fixed both calls');
  checkNotebook(result);
  return 0;
}

// fixtures/notebook.ipynb: cell 3 (a code cell after a markdown cell and `import time`) has
// `time.sleep(1)` on its second line; the notebook goes to the server through
// notebookDocument/* and the diagnostic comes back for the cell's own document.
function checkNotebook(result) {
  const cellCode = (result.notebookCells ?? [])[2];
  const lw102 = (result.notebookDiagnostics ?? []).find((d) => (d.code && typeof d.code === "object" ? d.code.value : d.code) === "LW102");
  if (!lw102) throw new Error(`no LW102 in the notebook cell: ${JSON.stringify(result.notebookDiagnostics)}; cells ${JSON.stringify(result.notebookCells)}`);
  if (!cellCode || lw102.uri !== cellCode.uri || !lw102.uri.startsWith("vscode-notebook-cell:")) {
    throw new Error(`LW102 is not on the third cell's document: ${lw102.uri}; cells ${JSON.stringify(result.notebookCells)}`);
  }
  if (JSON.stringify(lw102.range) !== JSON.stringify([1, 4, 1, 17])) {
    throw new Error(`LW102's range in the cell is ${JSON.stringify(lw102.range)}, expected [1,4,1,17] (the cell's line 2)`);
  }
  log(`PASS notebook: LW102 on line 2 of cell 3 (${lw102.uri})`);
  const fix = (result.notebookCodeActions ?? []).find((a) => a.kind === "quickfix" && /asyncio\.sleep/.test(a.title));
  if (!fix || !fix.cells.every((u) => u.startsWith("vscode-notebook-cell:"))) {
    throw new Error(`no quick fix editing the notebook's cells: ${JSON.stringify(result.notebookCodeActions)}`);
  }
  log(`PASS notebook: quick fix "${fix.title}" offered in the cell, editing ${fix.cells.length} cell(s)`);
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    console.error(`FAILED: ${error.message}`);
    await stopGroups();
    process.exit(1);
  },
);
