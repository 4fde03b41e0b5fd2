#pragma once
// One analysis of one open document, self-contained so that it runs on a worker thread: a
// snapshot of the document (text + tree copy, the tree possibly not reparsed since the last
// edits: the worker does it), the options and the workspace index as they were when it
// started. The result goes back to the main thread, which publishes it only if
// the document is still at that version and no newer analysis of it has started.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/config.h"
#include "analysis/diagnostics/diagnostic.h"
#include "analysis/document.h"
#include "analysis/index/summary.h"
#include "analysis/index/workspace_index.h"

namespace lw::server {

struct AnalysisJob {
  std::string uri;
  std::int32_t version = 0;
  std::uint64_t sequence = 0;  // per server: which start of an analysis this is
  std::uint64_t revision = 0;  // OpenDocument::revision of the snapshot
  analysis::Document document;
  analysis::AnalysisOptions options;
  analysis::index::ModuleIdentity identity;
  std::shared_ptr<const analysis::index::WorkspaceIndex> index;  // never null
  bool excluded = false;  // the configuration's `exclude` matches: no diagnostics
};

struct AnalysisResult {
  std::string uri;
  std::int32_t version = 0;
  std::uint64_t sequence = 0;
  std::vector<analysis::Diagnostic> diagnostics;
  analysis::index::ModuleSummary summary;  // for the workspace index
  std::vector<std::string> looked_up;      // the modules the analysis looked up (sorted)
  std::chrono::microseconds elapsed{0};
  std::chrono::microseconds parse_elapsed{0};
  // The job's document when this analysis parsed it: its tree, for DocumentStore::adopt_parse
  // at `revision`, so the next parse starts from it.
  std::uint64_t revision = 0;
  std::optional<analysis::Document> parsed;
};

// Parses the snapshot when its tree is out of date (the job's document then moves into the
// result), then the summary, then diagnostics against the index with that summary as the
// freshest view of the document's own module (one semantic model for both).
AnalysisResult run_analysis(AnalysisJob& job);

}  // namespace lw::server
