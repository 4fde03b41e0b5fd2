// Analysis of open documents: scheduling (debounced after edits), running on a worker with a
// snapshot, accepting only the newest result for the current version, pushing it with
// textDocument/publishDiagnostics (or answering pulls, pull_diagnostics.cpp).
#include <spdlog/spdlog.h>

#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>

#include "protocol/types/diagnostics.h"
#include "protocol/uri.h"
#include "server/config/read_file.h"
#include "server/lsp/convert.h"
#include "server/lsp/lsp_server.h"

namespace lw::server {
namespace {

// Changes exactly when the diagnostics as sent change, so a pull can answer `unchanged`.
std::string result_id_of(const protocol::json& diagnostics) {
  return std::to_string(std::hash<std::string>{}(diagnostics.dump()));
}

}  // namespace

void LspServer::schedule_analysis(const std::string& uri, std::chrono::milliseconds delay) {
  scheduler_.schedule(
      uri, [this, uri] { start_analysis(uri); }, delay);
}

std::chrono::milliseconds LspServer::debounce_for(const std::string& uri) const {
  const auto it = timing_.find(uri);
  if (it != timing_.end() && it->second.running == 0 && it->second.last &&
      *it->second.last < options_.instant_analysis) {
    return std::chrono::milliseconds{0};
  }
  return options_.debounce;
}

void LspServer::reanalyze_all_open_documents() {
  for (const std::string& uri : documents_.uris()) {
    schedule_analysis(uri, std::chrono::milliseconds{0});
  }
}

std::shared_ptr<AnalysisJob> LspServer::make_analysis_job(const std::string& uri,
                                                          const OpenDocument& doc) {
  auto job = std::make_shared<AnalysisJob>(AnalysisJob{
      .uri = uri,
      .version = doc.version,
      .sequence = 0,
      .revision = doc.revision,
      .document = doc.document.snapshot(),
      .options = analysis_options_for(uri),
      .identity = identity_for(uri),
      .index = index_,
      .excluded = is_excluded(uri),
  });
  if (notebooks_.contains(uri)) job->options.notebook = true;  // untitled notebooks too
  return job;
}

void LspServer::start_analysis(const std::string& uri) {
  if (state_ != State::Running) return;
  const OpenDocument* doc = documents_.find(uri);
  if (doc == nullptr) return;  // closed meanwhile
  if (too_large(*doc)) {
    skip_large_document(uri, *doc);
    return;
  }
  skipped_large_.erase(uri);

  auto job = make_analysis_job(uri, *doc);
  job->sequence = ++next_analysis_;
  latest_analysis_[uri] = job->sequence;
  ++timing_[uri].running;
  scheduler_.background([this, job] {
    auto result = std::make_shared<AnalysisResult>(run_analysis(*job));
    scheduler_.post([this, result] { on_analysis_done(std::move(*result)); });
  });
}

void LspServer::on_analysis_done(AnalysisResult result) {
  if (state_ != State::Running) return;
  const std::string& uri = result.uri;
  if (auto it = timing_.find(uri); it != timing_.end()) {  // gone when the document closed
    if (it->second.running > 0) --it->second.running;
    it->second.last = result.elapsed;
  }
  if (result.parsed) documents_.adopt_parse(uri, result.revision, std::move(*result.parsed));
  const auto latest = latest_analysis_.find(uri);
  const OpenDocument* doc = documents_.find(uri);
  if (latest == latest_analysis_.end() || latest->second != result.sequence || doc == nullptr ||
      doc->version != result.version) {
    spdlog::debug("{} v{}: result dropped (superseded)", uri, result.version);
    return;
  }

  update_index(result.summary, uri);

  DocumentResults& results = results_[uri];
  results.version = result.version;
  results.diagnostics = std::move(result.diagnostics);
  results.summary = std::move(result.summary);
  results.looked_up = std::move(result.looked_up);
  load_libraries(results.looked_up);

  const SourceView source{uri, doc->text(), doc->lines, encoding_};
  results.lsp = to_lsp_diagnostics(results.diagnostics, source, related_locator());
  const std::string previous_id = std::exchange(results.result_id, result_id_of(results.lsp));

  spdlog::debug("{} v{}: {} diagnostics in {} us ({} us parsing)", uri, result.version,
                results.diagnostics.size(), result.elapsed.count(), result.parse_elapsed.count());
  log_trace("analysed " + uri + " (version " + std::to_string(result.version) + ")",
            std::to_string(results.diagnostics.size()) + " diagnostics in " +
                std::to_string(result.elapsed.count()) + " us");
  deliver_results(uri, previous_id);
}

LocateInFile LspServer::related_locator() {
  auto disk_files = std::make_shared<std::unordered_map<
      std::string, std::optional<std::pair<std::string, protocol::LineIndex>>>>();
  return [this, disk_files](const std::string& path,
                            const analysis::ByteRange& range) -> std::optional<protocol::Location> {
    const std::string other_uri = protocol::path_to_uri(path);
    if (const OpenDocument* other = documents_.find(other_uri)) {
      const SourceView view{other_uri, other->text(), other->lines, encoding_};
      return protocol::Location{other_uri, to_lsp_range(range, view)};
    }
    auto [it, inserted] = disk_files->try_emplace(path);
    if (inserted) {
      auto contents = config::read_file(path);
      if (contents.ok()) {
        protocol::LineIndex lines(contents.bytes);
        it->second.emplace(std::move(contents.bytes), std::move(lines));
      }
    }
    if (!it->second) return std::nullopt;
    const SourceView view{other_uri, it->second->first, it->second->second, encoding_};
    return protocol::Location{other_uri, to_lsp_range(range, view)};
  };
}

void LspServer::skip_large_document(const std::string& uri, const OpenDocument& doc) {
  constexpr int kMessageWarning = 2;
  constexpr double kMiB = 1024.0 * 1024.0;
  if (skipped_large_.insert(uri).second) {
    show_message(kMessageWarning,
                 fmt::format("loopwarden: {} is {:.1f} MB, over the {:.1f} MB limit: it is not "
                             "analysed (setting `max-document-size`, in bytes)",
                             uri, static_cast<double>(doc.text().size()) / kMiB,
                             static_cast<double>(max_document_size_) / kMiB));
  }
  latest_analysis_[uri] = ++next_analysis_;  // an analysis still running is dropped
  DocumentResults& results = results_[uri];
  results.version = doc.version;
  results.diagnostics.clear();
  results.lsp = protocol::json::array();
  const std::string previous_id = std::exchange(results.result_id, result_id_of(results.lsp));
  deliver_results(uri, previous_id);
}

void LspServer::deliver_results(const std::string& uri, const std::string& previous_result_id) {
  if (notebooks_.contains(uri)) {  // always pushed, per cell (clients pull text documents only)
    publish_notebook_diagnostics(uri);
    return;
  }
  if (pull_diagnostics()) {
    // Nobody waits for a result that changed by itself (a file it depends on changed): the
    // client is asked to pull again.
    const bool awaited = pending_pulls_.contains(uri);
    answer_pending_pulls(uri);
    const auto& results = results_.at(uri);
    if (!awaited && !previous_result_id.empty() && previous_result_id != results.result_id) {
      request_diagnostic_refresh();
    }
  } else {
    publish_diagnostics(uri);
  }
}

void LspServer::publish_diagnostics(const std::string& uri) {
  const auto it = results_.find(uri);
  if (it == results_.end()) return;
  notify("textDocument/publishDiagnostics",
         protocol::json{
             {"uri", uri}, {"version", it->second.version}, {"diagnostics", it->second.lsp}});
}

void LspServer::publish_empty_diagnostics(const std::string& uri) {
  notify("textDocument/publishDiagnostics",
         protocol::PublishDiagnosticsParams{uri, std::nullopt, {}});
}

}  // namespace lw::server
