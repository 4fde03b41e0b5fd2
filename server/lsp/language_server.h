#pragma once
// The language server entry point used by `loopwarden server` (and `loopwarden --stdio`):
// LSP over stdin/stdout until `exit` or the end of input. Logs go to stderr or `log_file`,
// never to stdout.
#include <string>

namespace lw::server {

struct ServerOptions {
  std::string log_file;
  std::string log_level = "info";
  // Milliseconds between a didChange and the analysis it starts (edits meanwhile restart it).
  int debounce_ms = 50;
  // Without an explicit --debounce-ms, a document whose last analysis was quick is analysed at
  // once after an edit (LspServerOptions::instant_analysis); a given --debounce-ms is kept.
  bool adaptive_debounce = true;
};

// Returns the process exit code: 0 after `shutdown` then `exit` (or end of input after
// `shutdown`), 1 otherwise.
int run_language_server(const ServerOptions&);

}  // namespace lw::server
