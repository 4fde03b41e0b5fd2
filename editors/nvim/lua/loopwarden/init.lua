-- loopwarden for Neovim 0.7+: starts `loopwarden server` and attaches it to Python buffers.
--
--   require("loopwarden").setup({
--     cmd = { "loopwarden", "server" },           -- the default
--     settings = { ignore = { "LW208" } },         -- the `loopwarden` settings section
--   })
--
-- Uses `vim.lsp.start` where it exists (0.8+), else `vim.lsp.start_client` +
-- `vim.lsp.buf_attach_client` (0.7, Debian bookworm's Neovim). One server per project root.
-- Any other key of the table given to setup() (on_attach, capabilities, handlers, flags,
-- on_exit, ...) is passed on to the client configuration unchanged.
local M = {}

local defaults = {
  cmd = { "loopwarden", "server" },
  filetypes = { "python" },
  root_markers = { "pyproject.toml", "loopwarden.toml", "setup.py", "setup.cfg", ".git" },
  -- The `loopwarden` settings section: the same keys as [tool.loopwarden] in pyproject.toml
  -- (select, ignore, severity, extend-blocking-calls, ...). Sent as initializationOptions,
  -- with workspace/didChangeConfiguration and in answer to workspace/configuration.
  settings = {},
}

local own_keys = { cmd = true, filetypes = true, root_markers = true, settings = true }

M.config = nil
local clients = {} -- root_dir -> client id (Neovim 0.7 path)
local warned_missing = false

-- Client methods: `client:m(...)` from 0.11 on (the dot form is deprecated there), `client.m(...)` before.
local colon_methods = vim.fn.has("nvim-0.11") == 1
local function call(client, name, ...)
  if colon_methods then
    return client[name](client, ...)
  end
  return client[name](...)
end
M.call = call

local function notify(msg, level)
  vim.notify("loopwarden: " .. msg, level or vim.log.levels.INFO)
end

-- Tables that must be JSON objects even when empty (an empty Lua table encodes as []).
local object_keys = { severity = true, ["per-file-ignores"] = true }

local function as_json_settings(settings)
  local out = {}
  for key, value in pairs(settings or {}) do
    if object_keys[key] and type(value) == "table" and next(value) == nil then
      out[key] = vim.empty_dict()
    else
      out[key] = value
    end
  end
  if next(out) == nil then
    return vim.empty_dict()
  end
  return out
end

-- The message shown when the binary is missing: what was looked for and how to fix it.
function M.missing_binary_message(cmd)
  return string.format(
    "the language server `%s` was not found (not executable, not on PATH). "
      .. "Build loopwarden (`cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build`) "
      .. "and put `build/loopwarden` on PATH (`sudo install build/loopwarden /usr/local/bin/`), "
      .. 'or pass its path: require("loopwarden").setup({ cmd = { "/path/to/loopwarden", "server" } })',
    cmd[1]
  )
end

local function dirname(path)
  return vim.fn.fnamemodify(path, ":h")
end

-- The nearest folder above `path` that holds one of the markers, else the file's folder.
function M.find_root(path, markers)
  local start = dirname(path)
  local dir = start
  while true do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = dirname(dir)
    if parent == dir then
      return start
    end
    dir = parent
  end
end

local function client_config(root_dir)
  local c = M.config
  local cfg = {}
  for key, value in pairs(c) do
    if not own_keys[key] then
      cfg[key] = value
    end
  end
  local settings = as_json_settings(c.settings)
  cfg.name = "loopwarden"
  cfg.cmd = c.cmd
  cfg.root_dir = root_dir
  cfg.workspace_folders = { { uri = vim.uri_from_fname(root_dir), name = root_dir } }
  cfg.settings = { loopwarden = settings }
  if cfg.init_options == nil then
    cfg.init_options = settings
  end
  local user_on_init = c.on_init
  cfg.on_init = function(client, result)
    -- Neovim 0.7 does not push settings by itself.
    call(client, "notify", "workspace/didChangeConfiguration", { settings = client.config.settings })
    if user_on_init then
      return user_on_init(client, result)
    end
  end
  return cfg
end

local function is_active(id)
  local client = id and vim.lsp.get_client_by_id(id)
  return client ~= nil and not call(client, "is_stopped")
end

-- Starts (or reuses) the server for the buffer's project and attaches it to the buffer.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not M.config then
    M.setup({})
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  if vim.fn.executable(M.config.cmd[1]) ~= 1 then
    if not warned_missing then
      warned_missing = true
      notify(M.missing_binary_message(M.config.cmd), vim.log.levels.ERROR)
    end
    return nil
  end
  local root_dir = name ~= "" and M.find_root(name, M.config.root_markers) or vim.loop.cwd()
  local cfg = client_config(root_dir)
  if vim.lsp.start then
    return vim.lsp.start(cfg, { bufnr = bufnr })
  end
  local id = clients[root_dir]
  if not is_active(id) then
    id = vim.lsp.start_client(cfg)
    if not id then
      notify("could not start " .. table.concat(M.config.cmd, " "), vim.log.levels.ERROR)
      return nil
    end
    clients[root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

-- The loopwarden clients (optionally only those attached to `bufnr`).
function M.clients(bufnr)
  local out = {}
  local list = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
  for _, client in pairs(list) do
    if client.name == "loopwarden" and (bufnr == nil or vim.lsp.buf_is_attached(bufnr, client.id)) then
      table.insert(out, client)
    end
  end
  return out
end

-- :LoopwardenRestart: stops every loopwarden server and attaches the Python buffers again.
function M.restart()
  local buffers = {}
  for _, client in ipairs(M.clients()) do
    for bufnr in pairs(vim.lsp.get_buffers_by_client_id and vim.lsp.get_buffers_by_client_id(client.id) or {}) do
      buffers[bufnr] = true
    end
    call(client, "stop")
  end
  clients = {}
  vim.wait(2000, function()
    return #M.clients() == 0
  end, 50)
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

local function apply_action(client, action, bufnr, timeout_ms)
  local caps = client.server_capabilities or {}
  local provider = caps.codeActionProvider
  if not action.edit and type(provider) == "table" and provider.resolveProvider then
    local response = call(client, "request_sync", "codeAction/resolve", action, timeout_ms, bufnr)
    if response and response.result then
      action = response.result
    end
  end
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
  end
  if action.command then
    local command = type(action.command) == "table" and action.command or action
    call(client, "request_sync", "workspace/executeCommand", { command = command.command, arguments = command.arguments }, timeout_ms, bufnr)
  end
  return action.edit ~= nil or action.command ~= nil
end

-- :LoopwardenFixAll: applies the `source.fixAll.loopwarden` code action to the buffer.
-- Returns true when something was applied.
function M.fix_all(bufnr, timeout_ms)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  timeout_ms = timeout_ms or 3000
  local client = M.clients(bufnr)[1]
  if not client then
    notify("no loopwarden server is attached to this buffer", vim.log.levels.WARN)
    return false
  end
  local last = vim.api.nvim_buf_line_count(bufnr)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = 0, character = 0 }, ["end"] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { "source.fixAll.loopwarden" } },
  }
  local response = call(client, "request_sync", "textDocument/codeAction", params, timeout_ms, bufnr)
  if not response or response.err then
    notify("fix all failed: " .. vim.inspect(response and response.err or "timeout"), vim.log.levels.ERROR)
    return false
  end
  for _, action in ipairs(response.result or {}) do
    if action.kind == "source.fixAll.loopwarden" then
      return apply_action(client, action, bufnr, timeout_ms)
    end
  end
  notify("nothing to fix automatically in this buffer")
  return false
end

function M.setup(opts)
  opts = opts or {}
  local config = vim.tbl_extend("force", {}, defaults, opts)
  if type(config.cmd) == "string" then
    config.cmd = { config.cmd, "server" }
  end
  M.config = config
  warned_missing = false

  local group = vim.api.nvim_create_augroup("loopwarden", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  vim.api.nvim_create_user_command("LoopwardenRestart", M.restart, { desc = "Restart the loopwarden server" })
  vim.api.nvim_create_user_command("LoopwardenFixAll", function()
    M.fix_all(0)
  end, { desc = "Apply every safe loopwarden fix in this buffer" })
  -- Buffers that were already open.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

return M
