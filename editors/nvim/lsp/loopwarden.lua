-- loopwarden for Neovim 0.11+: with `editors/nvim` on the runtime path,
--   vim.lsp.enable("loopwarden")
-- starts `loopwarden server` for Python buffers (one per project root). Override any key with
-- vim.lsp.config("loopwarden", { settings = { loopwarden = { ignore = { "LW208" } } } }).
-- Neovim 0.7-0.10: require("loopwarden").setup({}) (lua/loopwarden/init.lua) instead.
return {
  cmd = { "loopwarden", "server" },
  filetypes = { "python" },
  root_markers = { "pyproject.toml", "loopwarden.toml", "setup.py", "setup.cfg", ".git" },
  -- The `loopwarden` section (the keys of [tool.loopwarden]): answered to
  -- workspace/configuration and sent with workspace/didChangeConfiguration.
  settings = { loopwarden = vim.empty_dict() },
}
