// textDocument/publishDiagnostics: analysis of an open document, pushed with its version.
#include <spdlog/spdlog.h>

#include <chrono>

#include "analysis/engine.h"
#include "protocol/types/diagnostics.h"
#include "server/lsp/convert.h"
#include "server/lsp/lsp_server.h"

namespace lw::server {

analysis::AnalysisOptions LspServer::analysis_options_for(const std::string& /*uri*/) const {
  return analysis::AnalysisOptions{};
}

void LspServer::schedule_diagnostics(const std::string& uri) {
  scheduler_.schedule(uri, [this, uri] { publish_diagnostics(uri); });
}

void LspServer::publish_diagnostics(const std::string& uri) {
  if (state_ != State::Running) return;
  const OpenDocument* doc = documents_.find(uri);
  if (doc == nullptr) return;  // closed meanwhile

  const auto started = std::chrono::steady_clock::now();
  const auto diagnostics = analysis::analyze(doc->document, analysis_options_for(uri));
  const SourceView source{uri, doc->text(), doc->lines, encoding_};
  protocol::PublishDiagnosticsParams params{uri, doc->version,
                                            to_lsp_diagnostics(diagnostics, source)};
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  spdlog::debug("{} v{}: {} diagnostics in {} us", uri, doc->version, params.diagnostics.size(),
                elapsed.count());
  notify("textDocument/publishDiagnostics", params);
}

void LspServer::publish_empty_diagnostics(const std::string& uri) {
  notify("textDocument/publishDiagnostics",
         protocol::PublishDiagnosticsParams{uri, std::nullopt, {}});
}

}  // namespace lw::server
