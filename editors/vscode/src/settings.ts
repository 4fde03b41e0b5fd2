// The extension's own logic, free of the `vscode` module so that it can be unit-tested with
// plain Node (test/settings.test.mjs): reading and normalising the `loopwarden.*` settings,
// the settings the server receives, where the server binary is and how it is started, and the
// message shown when it cannot be found.
import * as fs from "node:fs";
import * as nodePath from "node:path";

export type Trace = "off" | "messages" | "verbose";
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "off";
export type SeverityName = "error" | "warning" | "information" | "hint";

/** Everything under `loopwarden.*`, normalised (wrong types become the defaults). */
export interface LoopwardenSettings {
  /** `loopwarden.enable`: false stops the server (and starts none) in this window. */
  enable: boolean;
  /** `loopwarden.path`: the executable; empty means "look for `loopwarden` on PATH". */
  path: string;
  /** `loopwarden.args`: extra arguments after `server`. */
  args: string[];
  /** `loopwarden.logLevel`: the server's `--log-level` (its log is the output channel). */
  logLevel: LogLevel;
  /** `loopwarden.select`: null means "not set" (the file configuration decides). */
  select: string[] | null;
  ignore: string[];
  severity: Record<string, SeverityName>;
  trace: Trace;
}

/**
 * The settings the server reads (section `loopwarden`): the same keys as `[tool.loopwarden]`
 * in pyproject.toml. Only keys the user set are present; the client-side keys (`path`, `args`,
 * `trace`) are never sent.
 */
export interface ServerSettings {
  select?: string[];
  ignore?: string[];
  severity?: Record<string, SeverityName>;
}

export const SECTION = "loopwarden";
export const FIX_ALL_KIND = "source.fixAll.loopwarden";
const SEVERITIES: readonly string[] = ["error", "warning", "information", "hint"];
const TRACES: readonly string[] = ["off", "messages", "verbose"];
const LOG_LEVELS: readonly string[] = ["trace", "debug", "info", "warn", "error", "off"];
/** Where a platform-specific .vsix carries the server (editors/vscode/build.sh --target). */
export const BUNDLED_BINARY = ["bundled", "bin", "loopwarden"];
/** The installation guide linked from the "not found" message. */
export const INSTALL_DOCS_URL = "https://github.com/loopwarden/loopwarden/blob/main/docs/install.md";

function stringArray(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
}

/** Reads `loopwarden.*` through `get` (a WorkspaceConfiguration's `get`, or a plain lookup). */
export function readSettings(get: (key: string) => unknown): LoopwardenSettings {
  const path = get("path");
  const trace = get("trace.server");
  const enable = get("enable");
  const logLevel = get("logLevel");
  const severity: Record<string, SeverityName> = {};
  const rawSeverity = get("severity");
  if (rawSeverity && typeof rawSeverity === "object" && !Array.isArray(rawSeverity)) {
    for (const [code, level] of Object.entries(rawSeverity as Record<string, unknown>)) {
      if (typeof level === "string" && SEVERITIES.includes(level)) severity[code] = level as SeverityName;
    }
  }
  return {
    enable: typeof enable === "boolean" ? enable : true,
    path: typeof path === "string" ? path.trim() : "",
    args: stringArray(get("args")) ?? [],
    logLevel: typeof logLevel === "string" && LOG_LEVELS.includes(logLevel) ? (logLevel as LogLevel) : "info",
    select: stringArray(get("select")) ?? null,
    ignore: stringArray(get("ignore")) ?? [],
    severity,
    trace: typeof trace === "string" && TRACES.includes(trace) ? (trace as Trace) : "off",
  };
}

/** The `loopwarden` settings section as the server receives it. */
export function serverSettings(settings: LoopwardenSettings): ServerSettings {
  const out: ServerSettings = {};
  if (settings.select !== null) out.select = [...settings.select];
  if (settings.ignore.length > 0) out.ignore = [...settings.ignore];
  if (Object.keys(settings.severity).length > 0) out.severity = { ...settings.severity };
  return out;
}

/**
 * `initializationOptions` of the `initialize` request: the same object as the `loopwarden`
 * settings section, so a server can apply the settings before the first diagnostics.
 */
export function initializationOptions(settings: LoopwardenSettings): ServerSettings {
  return serverSettings(settings);
}

/** True when a change of these settings needs a new server process (not just new settings). */
export function needsRestart(before: LoopwardenSettings, after: LoopwardenSettings): boolean {
  return (
    before.enable !== after.enable ||
    before.path !== after.path ||
    before.logLevel !== after.logLevel ||
    JSON.stringify(before.args) !== JSON.stringify(after.args)
  );
}

export interface Environment {
  PATH?: string;
  PATHEXT?: string;
  HOME?: string;
  platform: NodeJS.Platform;
  /** The first workspace folder's path, for `${workspaceFolder}` in `loopwarden.path`. */
  workspaceFolder?: string;
  /** The binary a platform-specific .vsix carries (absent from the platform-neutral one). */
  bundled?: string;
  isExecutable?: (file: string) => boolean;
}

export function defaultIsExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === "win32") return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `~`, `${userHome}` and `${workspaceFolder}` expanded; relative paths against the workspace. */
export function expandPath(raw: string, env: Environment): string {
  let p = raw;
  if (env.HOME) {
    if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) p = env.HOME + p.slice(1);
    p = p.split("${userHome}").join(env.HOME);
  }
  if (env.workspaceFolder) p = p.split("${workspaceFolder}").join(env.workspaceFolder);
  const pathApi = env.platform === "win32" ? nodePath.win32 : nodePath.posix;
  if (!pathApi.isAbsolute(p) && env.workspaceFolder && (p.includes("/") || p.includes("\\"))) {
    p = pathApi.join(env.workspaceFolder, p);
  }
  return p;
}

/** The folders of PATH that were searched, and the first executable `name` found in them. */
export function findOnPath(name: string, env: Environment): { found?: string; searched: string[] } {
  const isWin = env.platform === "win32";
  const pathApi = isWin ? nodePath.win32 : nodePath.posix;
  const isExecutable = env.isExecutable ?? defaultIsExecutable;
  const dirs = (env.PATH ?? "").split(isWin ? ";" : ":").filter((d) => d !== "");
  const exts = isWin ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";").filter((e) => e !== "")] : [""];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = pathApi.join(dir, name + ext);
      if (isExecutable(candidate)) return { found: candidate, searched: dirs };
    }
  }
  return { searched: dirs };
}

export const BUILD_HINT =
  "Install the extension for your platform (its .vsix carries the server), or install the " +
  "server: `pip install loopwarden`, the Debian package, or build it from the loopwarden " +
  "checkout (`./scripts/setup.sh && cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && " +
  "cmake --build build`) and put it on PATH (`sudo install build/loopwarden /usr/local/bin/`)";

/** The error shown when the server binary cannot be found: what was looked for, and the fix. */
export function missingBinaryMessage(configuredPath: string | undefined, resolved?: string): string {
  if (configuredPath) {
    const where = resolved && resolved !== configuredPath ? ` (${resolved})` : "";
    return (
      `loopwarden: \`loopwarden.path\` is set to "${configuredPath}"${where}, but that is not an ` +
      `executable file. Fix the setting to point at the loopwarden binary (\`build/loopwarden\` ` +
      `in a loopwarden checkout), or clear it to use \`loopwarden\` from PATH.`
    );
  }
  return (
    "loopwarden: the language server was not found: this extension carries no binary for this " +
    "platform and there is no `loopwarden` executable on PATH. " +
    `${BUILD_HINT}, or set \`loopwarden.path\` to the binary, then run "loopwarden: Restart server". ` +
    `Installation guide: ${INSTALL_DOCS_URL}`
  );
}

export interface ServerLaunch {
  command: string;
  args: string[];
}

export type Resolution = { ok: true; launch: ServerLaunch } | { ok: false; message: string };

/**
 * `server`, then `--log-level` for a level other than the server's default (`info`) unless
 * `loopwarden.args` names one itself, then `loopwarden.args`.
 */
export function serverArgs(settings: LoopwardenSettings): string[] {
  const own = settings.args.some((a) => a === "--log-level" || a.startsWith("--log-level="));
  const level = own || settings.logLevel === "info" ? [] : ["--log-level", settings.logLevel];
  return ["server", ...level, ...settings.args];
}

/**
 * How the server is started: `loopwarden.path` when set (never silently replaced), else the
 * binary the extension carries, else `loopwarden` on PATH.
 */
export function resolveServer(settings: LoopwardenSettings, env: Environment): Resolution {
  const isExecutable = env.isExecutable ?? defaultIsExecutable;
  const args = serverArgs(settings);
  if (settings.path !== "") {
    const command = expandPath(settings.path, env);
    if (isExecutable(command)) return { ok: true, launch: { command, args } };
    // A bare name ("loopwarden-dev") is looked up on PATH like a shell would.
    if (!command.includes("/") && !command.includes("\\")) {
      const { found } = findOnPath(command, env);
      if (found) return { ok: true, launch: { command: found, args } };
    }
    return { ok: false, message: missingBinaryMessage(settings.path, command) };
  }
  if (env.bundled && isExecutable(env.bundled)) return { ok: true, launch: { command: env.bundled, args } };
  const { found } = findOnPath("loopwarden", env);
  if (found) return { ok: true, launch: { command: found, args } };
  return { ok: false, message: missingBinaryMessage(undefined) };
}
