// textDocument/didOpen, didChange, didClose, didSave.
#include <spdlog/spdlog.h>

#include "server/lsp/lsp_server.h"

namespace lw::server {

void LspServer::on_did_open(const protocol::DidOpenTextDocumentParams& params) {
  const auto& item = params.text_document;
  documents_.open(item);
  spdlog::debug("opened {} (version {}, {} bytes)", item.uri, item.version, item.text.size());
  schedule_diagnostics(item.uri);
}

void LspServer::on_did_change(const protocol::DidChangeTextDocumentParams& params) {
  const auto& id = params.text_document;
  if (const auto error = documents_.change(id, params.content_changes, encoding_)) {
    spdlog::error("didChange of {} (version {}) ignored: {}", id.uri, id.version, *error);
    return;
  }
  schedule_diagnostics(id.uri);
}

void LspServer::on_did_close(const protocol::DidCloseTextDocumentParams& params) {
  const std::string& uri = params.text_document.uri;
  scheduler_.cancel(uri);
  if (!documents_.close(uri)) {
    spdlog::warn("didClose of {}: not open", uri);
    return;
  }
  publish_empty_diagnostics(uri);
}

void LspServer::on_did_save(const protocol::DidSaveTextDocumentParams& params) {
  // The text is already known from didChange; saving matters once other files depend on it.
  spdlog::debug("saved {}", params.text_document.uri);
}

}  // namespace lw::server
