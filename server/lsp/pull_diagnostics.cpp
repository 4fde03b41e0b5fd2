// Pull diagnostics: textDocument/diagnostic and workspace/diagnostic (LSP 3.17), offered when
// the client announces textDocument.diagnostic. A pull for a document whose analysis of the
// current version is not done yet waits for it (cancellable with $/cancelRequest).
#include <spdlog/spdlog.h>

#include "server/lsp/lsp_server.h"

namespace lw::server {
namespace {

protocol::json document_report(const std::string& result_id, const protocol::json& items,
                               const std::optional<std::string>& previous_result_id) {
  if (previous_result_id && *previous_result_id == result_id) {
    return protocol::json{{"kind", "unchanged"}, {"resultId", result_id}};
  }
  return protocol::json{{"kind", "full"}, {"resultId", result_id}, {"items", items}};
}

protocol::json empty_report() {
  return protocol::json{{"kind", "full"}, {"items", protocol::json::array()}};
}

}  // namespace

void LspServer::on_document_diagnostic(const protocol::DocumentDiagnosticParams& params,
                                       const Reply& reply) {
  const std::string& uri = params.text_document.uri;
  const OpenDocument* doc = documents_.find(uri);
  if (doc == nullptr) {  // only open documents are analysed
    reply.result(empty_report());
    return;
  }
  const auto it = results_.find(uri);
  if (it != results_.end() && it->second.version == doc->version) {
    reply.result(document_report(it->second.result_id, it->second.lsp, params.previous_result_id));
    return;
  }
  const std::string key = protocol::to_string(reply.id());
  pending_pulls_[uri].push_back(PendingPull{reply, params.previous_result_id, key});
  cancellable_[key] = [this, uri, key] {
    auto& pending = pending_pulls_[uri];
    for (auto p = pending.begin(); p != pending.end(); ++p) {
      if (p->cancel_key != key) continue;
      p->reply.error(protocol::ErrorCode::RequestCancelled, "cancelled by the client");
      pending.erase(p);
      break;
    }
    if (pending.empty()) pending_pulls_.erase(uri);
  };
}

void LspServer::answer_pending_pulls(const std::string& uri) {
  const auto pending = pending_pulls_.find(uri);
  if (pending == pending_pulls_.end()) return;
  std::vector<PendingPull> waiting = std::move(pending->second);
  pending_pulls_.erase(pending);
  const OpenDocument* doc = documents_.find(uri);
  const auto results = results_.find(uri);
  for (const PendingPull& pull : waiting) {
    cancellable_.erase(pull.cancel_key);
    if (doc == nullptr || results == results_.end()) {
      pull.reply.result(empty_report());
    } else {
      pull.reply.result(
          document_report(results->second.result_id, results->second.lsp, pull.previous_result_id));
    }
  }
}

void LspServer::on_workspace_diagnostic(const protocol::WorkspaceDiagnosticParams& params,
                                        const Reply& reply) {
  // The open documents whose analysis of the current version is done; documents that are
  // not open are not analysed by the server (`loopwarden check` covers the workspace).
  protocol::json items = protocol::json::array();
  for (const std::string& uri : documents_.uris()) {
    const auto results = results_.find(uri);
    const OpenDocument* doc = documents_.find(uri);
    if (results == results_.end() || results->second.version != doc->version) continue;
    std::optional<std::string> previous;
    for (const auto& p : params.previous_result_ids) {
      if (p.uri == uri) previous = p.value;
    }
    protocol::json report =
        document_report(results->second.result_id, results->second.lsp, previous);
    report["uri"] = uri;
    report["version"] = doc->version;
    items.push_back(std::move(report));
  }
  reply.result(protocol::json{{"items", std::move(items)}});
}

void LspServer::request_diagnostic_refresh() {
  if (!client_capabilities_.supports("/workspace/diagnostics/refreshSupport")) return;
  // Coalesced: many results changing at once ask once.
  scheduler_.schedule("$/diagnostic-refresh", [this] {
    if (state_ != State::Running) return;
    send_request("workspace/diagnostic/refresh", nullptr,
                 [](const protocol::json*, const protocol::ResponseError*) {});
  });
}

}  // namespace lw::server
