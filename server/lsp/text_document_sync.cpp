// textDocument/didOpen, didChange, didClose, didSave.
#include <spdlog/spdlog.h>

#include "protocol/uri.h"
#include "server/lsp/lsp_server.h"

namespace lw::server {

void LspServer::on_did_open(const protocol::DidOpenTextDocumentParams& params) {
  const auto& item = params.text_document;
  documents_.open(item);
  spdlog::debug("opened {} (version {}, {} bytes)", item.uri, item.version, item.text.size());
  schedule_analysis(item.uri, std::chrono::milliseconds{0});
}

void LspServer::on_did_change(const protocol::DidChangeTextDocumentParams& params) {
  const auto& id = params.text_document;
  if (const auto error = documents_.change(id, params.content_changes, encoding_)) {
    spdlog::error("didChange of {} (version {}) ignored: {}", id.uri, id.version, *error);
    return;
  }
  schedule_analysis(id.uri, debounce_for(id.uri));
}

void LspServer::on_did_close(const protocol::DidCloseTextDocumentParams& params) {
  const std::string& uri = params.text_document.uri;
  scheduler_.cancel(uri);
  if (!documents_.close(uri)) {
    spdlog::warn("didClose of {}: not open", uri);
    return;
  }
  results_.erase(uri);
  latest_analysis_.erase(uri);
  timing_.erase(uri);
  skipped_large_.erase(uri);
  answer_pending_pulls(uri);  // with an empty report: the document is gone
  if (!pull_diagnostics()) publish_empty_diagnostics(uri);
  // The index had the editor's text; the file on disk is what counts from now on.
  if (const auto path = protocol::uri_to_path(uri)) refresh_from_disk(*path);
}

void LspServer::on_did_save(const protocol::DidSaveTextDocumentParams& params) {
  // The index already has the text (from the analysis of the open document).
  spdlog::debug("saved {}", params.text_document.uri);
}

}  // namespace lw::server
