// Test-only VS Code extension, run inside code-server by tests/editors/vscode/code-server.test.mjs.
// With LW_E2E_RESULT set it opens LW_E2E_FILE, waits for loopwarden's diagnostics in VS Code's
// diagnostics model, asks VS Code for the code actions on the diagnostic (through every
// registered provider, as the light bulb does), applies loopwarden's quick fix, then runs the
// "loopwarden: Fix all" command on LW_E2E_FIXALL_FILE, then opens the notebook LW_E2E_NOTEBOOK
// and waits for a diagnostic in its cell. After every step it rewrites the result
// file (JSON: steps, diagnostics, actions, texts, error, done) so a failure shows how far it got.
"use strict";
const vscode = require("vscode");
const fs = require("fs");

const result = { steps: [], done: false };
let resultFile;

function write() {
  const tmp = `${resultFile}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(result, null, 2));
  fs.renameSync(tmp, resultFile);
}

function step(name, data) {
  result.steps.push({ name, at: new Date().toISOString(), ...(data ? { data } : {}) });
  write();
}

function plainDiagnostic(uri, d) {
  return {
    uri: uri.toString(),
    source: d.source,
    code: d.code && typeof d.code === "object" ? { value: d.code.value, target: String(d.code.target) } : d.code,
    message: d.message,
    severity: d.severity,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  };
}

function codeOf(d) {
  return d.code && typeof d.code === "object" ? d.code.value : d.code;
}

// Resolves with loopwarden's diagnostics for `uri` once `accept` likes them; rejects on timeout.
function waitForDiagnostics(uri, accept, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === "loopwarden");
      if (accept(ours)) {
        cleanup();
        resolve(ours);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(check);
    const poll = setInterval(check, 250);
    const timer = setTimeout(() => {
      cleanup();
      const all = vscode.languages.getDiagnostics().flatMap(([u, ds]) => ds.map((d) => plainDiagnostic(u, d)));
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; VS Code's diagnostics: ${JSON.stringify(all)}`));
    }, timeoutMs);
    function cleanup() {
      sub.dispose();
      clearInterval(poll);
      clearTimeout(timer);
    }
    check();
  });
}

async function run() {
  const timeoutMs = Number(process.env.LW_E2E_TIMEOUT_MS || 30000);
  const file = process.env.LW_E2E_FILE;
  const ext = vscode.extensions.getExtension("loopwarden.loopwarden");
  step("started", { vscodeVersion: vscode.version, loopwardenInstalled: Boolean(ext) });
  if (!ext) throw new Error("the loopwarden extension (loopwarden.loopwarden) is not installed");

  const uri = vscode.Uri.file(file);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  step("opened", { languageId: doc.languageId, file });

  // Opening a Python document activates the extension (onLanguage:python).
  const api = await ext.activate();
  await api.ready();
  const capabilities = api.serverCapabilities();
  result.serverCapabilities = capabilities ?? null;
  step("extension active", { serverRunning: Boolean(capabilities) });

  const diagnostics = await waitForDiagnostics(uri, (ds) => ds.length > 0, timeoutMs, "loopwarden's diagnostics");
  result.diagnostics = diagnostics.map((d) => plainDiagnostic(uri, d));
  step("diagnostics");

  if (!capabilities || !capabilities.codeActionProvider) {
    result.codeActions = "unsupported";
    step("code actions skipped: the server announces no codeActionProvider");
    await vscode.workspace.getConfiguration("loopwarden").update("ignore", ["LW208"], vscode.ConfigurationTarget.Global);
    step("setting changed", { "loopwarden.ignore": ["LW208"] });
    result.done = true;
    write();
    return;
  }

  const target = diagnostics.find((d) => codeOf(d) === "LW102") ?? diagnostics[0];
  const actions =
    (await vscode.commands.executeCommand("vscode.executeCodeActionProvider", uri, target.range, undefined, 10)) ?? [];
  result.codeActions = actions.map((a) => ({
    title: a.title,
    kind: a.kind ? a.kind.value : null,
    isPreferred: Boolean(a.isPreferred),
    hasEdit: Boolean(a.edit),
    command: a.command ? a.command.command : null,
    diagnostics: (a.diagnostics ?? []).map(codeOf),
  }));
  step("code actions");
  // VS Code's executeCodeActionProvider does not hand back `diagnostics`: the actions asked for
  // the diagnostic's range are loopwarden's; its safe fix is the preferred quick fix.
  const quickfixes = actions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
  const quickfix =
    quickfixes.find((a) => (a.diagnostics ?? []).some((d) => codeOf(d) === codeOf(target))) ??
    quickfixes.find((a) => a.isPreferred);
  if (!quickfix) throw new Error(`no quick fix for ${codeOf(target)} among ${JSON.stringify(result.codeActions)}`);
  if (quickfix.edit && !(await vscode.workspace.applyEdit(quickfix.edit))) throw new Error("applyEdit refused the quick fix");
  if (quickfix.command) await vscode.commands.executeCommand(quickfix.command.command, ...(quickfix.command.arguments ?? []));
  result.quickfixTitle = quickfix.title;
  result.textAfterQuickfix = doc.getText();
  step("quick fix applied");

  const remaining = await waitForDiagnostics(
    uri,
    (ds) => !ds.some((d) => codeOf(d) === codeOf(target)),
    timeoutMs,
    `${codeOf(target)} to disappear after the quick fix`,
  );
  result.diagnosticsAfterQuickfix = remaining.map((d) => plainDiagnostic(uri, d));
  step("diagnostics after the quick fix");

  const fixAllFile = process.env.LW_E2E_FIXALL_FILE;
  if (fixAllFile) {
    const fixAllUri = vscode.Uri.file(fixAllFile);
    const fixAllDoc = await vscode.workspace.openTextDocument(fixAllUri);
    await vscode.window.showTextDocument(fixAllDoc);
    await waitForDiagnostics(fixAllUri, (ds) => ds.length > 0, timeoutMs, `diagnostics for ${fixAllFile}`);
    await vscode.commands.executeCommand("loopwarden.fixAll");
    result.textAfterFixAll = fixAllDoc.getText();
    step("fix all");
  }
  const notebookFile = process.env.LW_E2E_NOTEBOOK;
  if (notebookFile) await notebookSteps(vscode.Uri.file(notebookFile), timeoutMs);
  // A settings change is forwarded to the running server (checked in the trace by the driver).
  await vscode.workspace.getConfiguration("loopwarden").update("ignore", ["LW208"], vscode.ConfigurationTarget.Global);
  step("setting changed", { "loopwarden.ignore": ["LW208"] });
  result.done = true;
  write();
}

// Opens the notebook in VS Code's notebook editor (the built-in ipynb serializer, type
// `jupyter-notebook`), waits for loopwarden's LW102 in the cell holding `time.sleep`, and asks
// for the code actions there.
async function notebookSteps(uri, timeoutMs) {
  const notebook = await vscode.workspace.openNotebookDocument(uri);
  await vscode.window.showNotebookDocument(notebook);
  result.notebookCells = notebook.getCells().map((c) => ({
    kind: c.kind,
    language: c.document.languageId,
    uri: c.document.uri.toString(),
  }));
  step("notebook opened", { notebookType: notebook.notebookType });
  const cell = notebook.getCells().find((c) => c.document.getText().includes("time.sleep"));
  if (!cell) throw new Error("the test notebook has no cell with time.sleep");
  const found = await waitForDiagnostics(
    cell.document.uri,
    (ds) => ds.some((d) => codeOf(d) === "LW102"),
    timeoutMs,
    "LW102 in the notebook cell",
  );
  result.notebookDiagnostics = found.map((d) => plainDiagnostic(cell.document.uri, d));
  step("notebook diagnostics");
  const lw102 = found.find((d) => codeOf(d) === "LW102");
  const actions =
    (await vscode.commands.executeCommand("vscode.executeCodeActionProvider", cell.document.uri, lw102.range, undefined, 10)) ??
    [];
  result.notebookCodeActions = actions.map((a) => ({
    title: a.title,
    kind: a.kind ? a.kind.value : null,
    cells: a.edit ? a.edit.entries().map(([u]) => u.toString()) : [],
  }));
  step("notebook code actions");
}

function activate() {
  resultFile = process.env.LW_E2E_RESULT;
  if (!resultFile) return;
  run().catch((error) => {
    result.error = String((error && error.stack) || error);
    result.done = true;
    write();
  });
}

module.exports = { activate, deactivate() {} };
