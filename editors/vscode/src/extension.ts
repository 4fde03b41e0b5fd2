// The loopwarden VS Code extension: starts `loopwarden server` for Python documents through
// vscode-languageclient, keeps the server's settings (section `loopwarden`) in sync, and adds
// the "Restart server", "Show output" and "Fix all" commands. The server is `loopwarden.path`,
// else the binary a platform-specific .vsix carries (bundled/bin/loopwarden), else `loopwarden`
// on PATH. The logic that needs no VS Code lives in settings.ts (unit-tested with plain Node).
import * as vscode from "vscode";
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerCapabilities,
  type ServerOptions,
  State,
} from "vscode-languageclient/node";

import {
  BUNDLED_BINARY,
  FIX_ALL_KIND,
  INSTALL_DOCS_URL,
  type LoopwardenSettings,
  SECTION,
  initializationOptions,
  needsRestart,
  readSettings,
  resolveServer,
  serverSettings,
} from "./settings";

let client: LanguageClient | undefined;
let outputChannel: vscode.OutputChannel | undefined;
let traceChannel: vscode.OutputChannel | undefined;
let current: LoopwardenSettings | undefined;
let extensionPath: string | undefined;
// Serialises start/stop/restart so that quick configuration changes cannot interleave them.
let lifecycle: Promise<void> = Promise.resolve();

function settingsFor(scope?: vscode.ConfigurationScope): LoopwardenSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return readSettings((key) => config.get(key));
}

function workspaceFolderPath(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file");
  return folder?.uri.fsPath;
}

async function showMissingBinary(message: string): Promise<void> {
  const openSettings = "Open Settings";
  const openGuide = "Installation Guide";
  const choice = await vscode.window.showErrorMessage(message, openGuide, openSettings);
  if (choice === openSettings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "loopwarden.path");
  } else if (choice === openGuide) {
    await vscode.env.openExternal(vscode.Uri.parse(INSTALL_DOCS_URL));
  }
}

/** The binary this .vsix carries, if it is a platform-specific one. */
function bundledBinary(): string | undefined {
  if (!extensionPath) return undefined;
  const exe = process.platform === "win32" ? ".exe" : "";
  const parts = [...BUNDLED_BINARY];
  parts[parts.length - 1] += exe;
  return vscode.Uri.joinPath(vscode.Uri.file(extensionPath), ...parts).fsPath;
}

async function startClient(): Promise<void> {
  const settings = settingsFor();
  current = settings;
  if (!settings.enable) {
    outputChannel?.appendLine("loopwarden.enable is false: the server is not started");
    return;
  }
  const resolution = resolveServer(settings, {
    PATH: process.env.PATH,
    PATHEXT: process.env.PATHEXT,
    HOME: process.env.HOME ?? process.env.USERPROFILE,
    platform: process.platform,
    workspaceFolder: workspaceFolderPath(),
    bundled: bundledBinary(),
  });
  if (!resolution.ok) {
    outputChannel?.appendLine(resolution.message);
    void showMissingBinary(resolution.message);
    return;
  }
  const { command, args } = resolution.launch;
  outputChannel?.appendLine(`starting ${command} ${args.join(" ")}`);
  // No `transport`: the server speaks LSP on stdin/stdout by default (with
  // TransportKind.stdio the client would append `--stdio`, which the server also accepts).
  const serverOptions: ServerOptions = {
    run: { command, args },
    debug: { command, args: args.includes("--log-level") ? args : [...args, "--log-level", "debug"] },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
      // The Python cells of Jupyter notebooks: their text goes to the server through
      // notebookDocument/* (the server's notebookDocumentSync); this entry routes the cells'
      // code action requests to it as well.
      { notebook: "jupyter-notebook", language: "python" },
    ],
    initializationOptions: initializationOptions(settings),
    outputChannel,
    traceOutputChannel: traceChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      workspace: {
        // The server asks for section `loopwarden` (per file): answer with the server's keys
        // only (path/args/trace are the extension's own and are not loopwarden settings).
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) => {
            if (item.section !== SECTION) return answers[i];
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return serverSettings(settingsFor(scope));
          });
        },
      },
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => ({
        action: CloseAction.DoNotRestart,
        message:
          'loopwarden: the language server stopped. Run "loopwarden: Restart server" to start it ' +
          'again; "loopwarden: Show output" has its log.',
      }),
    },
  };
  const newClient = new LanguageClient(SECTION, "loopwarden", serverOptions, clientOptions);
  client = newClient;
  try {
    await newClient.start();
  } catch (error) {
    client = undefined;
    const message = `loopwarden: the language server could not be started (${command}): ${String(error)}`;
    outputChannel?.appendLine(message);
    void vscode.window.showErrorMessage(message);
    return;
  }
  // Push the settings once (servers that use the push model get them right away) and on change.
  sendSettings(newClient, settings);
}

function sendSettings(target: LanguageClient, settings: LoopwardenSettings): void {
  if (target.state !== State.Running) return;
  void target
    .sendNotification(DidChangeConfigurationNotification.type, {
      settings: { [SECTION]: serverSettings(settings) },
    })
    .catch((error: unknown) => outputChannel?.appendLine(`didChangeConfiguration failed: ${String(error)}`));
}

async function stopClient(): Promise<void> {
  const old = client;
  client = undefined;
  if (!old) return;
  try {
    if (old.state === State.Running || old.state === State.Starting) await old.stop(5000);
  } catch (error) {
    outputChannel?.appendLine(`stopping the server: ${String(error)}`);
  }
  await old.dispose().catch(() => undefined);
}

function queue(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "python") {
    void vscode.window.showInformationMessage("loopwarden: Fix all works on the active Python editor.");
    return;
  }
  if (!client || client.state !== State.Running) {
    void vscode.window.showWarningMessage('loopwarden: the server is not running ("loopwarden: Restart server").');
    return;
  }
  const document = editor.document;
  const whole = new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
  const kind = vscode.CodeActionKind.Empty.append("source").append("fixAll").append("loopwarden");
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      "vscode.executeCodeActionProvider",
      document.uri,
      whole,
      FIX_ALL_KIND,
      10, // resolve lazily computed edits
    )) ?? [];
  const fix = actions.find(
    (a): a is vscode.CodeAction => "kind" in a && a.kind !== undefined && kind.contains(a.kind),
  );
  if (!fix || (!fix.edit && !fix.command)) {
    void vscode.window.showInformationMessage("loopwarden: nothing to fix automatically in this file.");
    return;
  }
  if (fix.edit && !(await vscode.workspace.applyEdit(fix.edit))) {
    void vscode.window.showErrorMessage("loopwarden: the fixes could not be applied (the file changed?).");
    return;
  }
  if (fix.command) {
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  }
}

/** What `vscode.extensions.getExtension("loopwarden.loopwarden").exports` offers. */
export interface LoopwardenApi {
  /** The capabilities the running server announced, or undefined when it is not running. */
  serverCapabilities(): ServerCapabilities | undefined;
  /** Settles when pending starts/restarts have finished. */
  ready(): Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<LoopwardenApi> {
  extensionPath = context.extensionPath;
  outputChannel = vscode.window.createOutputChannel("loopwarden");
  traceChannel = vscode.window.createOutputChannel("loopwarden (trace)");
  context.subscriptions.push(outputChannel, traceChannel);

  context.subscriptions.push(
    vscode.commands.registerCommand("loopwarden.restart", () =>
      queue(async () => {
        await stopClient();
        await startClient();
      }),
    ),
    vscode.commands.registerCommand("loopwarden.fixAll", fixAll),
    vscode.commands.registerCommand("loopwarden.showOutput", () => outputChannel?.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      const next = settingsFor();
      if (!current || needsRestart(current, next)) {
        void queue(async () => {
          await stopClient();
          await startClient();
        });
        return;
      }
      current = next;
      if (client) sendSettings(client, next);
    }),
  );
  await queue(startClient);
  return {
    serverCapabilities: () => (client?.state === State.Running ? client.initializeResult?.capabilities : undefined),
    ready: () => lifecycle,
  };
}

export async function deactivate(): Promise<void> {
  await queue(stopClient);
}
