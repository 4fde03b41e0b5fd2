#pragma once
// What check_pipeline.cpp and check_cache.cpp know about one input during a `check` run.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/config.h"
#include "analysis/diagnostics/diagnostic.h"
#include "analysis/document.h"
#include "analysis/engine.h"
#include "analysis/index/summary.h"
#include "server/cli/content_hash.h"
#include "server/cli/pipeline_metrics.h"
#include "server/cli/result_cache.h"

namespace lw::server::cli {

struct FileState {
  analysis::AnalysisOptions options;
  bool has_text = false;  // `text` was read and decoded (a cached file may never be read)
  // Reading or decoding failed: the outcome's error says why, reported as LW003.
  bool unreadable = false;
  std::string text;       // decoded: UTF-8, without a byte-order mark
  bool analysed = false;  // passed the prefilter (or the prefilter is off) and was analysed
  // Kept while the result is provisional: the parse, its semantic model, its own summary.
  std::unique_ptr<analysis::Document> document;
  std::unique_ptr<analysis::PreparedDocument> prepared;
  std::optional<analysis::index::ModuleSummary> own_summary;
  std::optional<analysis::index::ModuleSummary> summary;  // until it moves into the index
  // Whether the tree may hold what LW001 reports (analysis::may_have_syntax_errors), once a
  // parse for other reasons (a summary on demand) answered it.
  std::optional<bool> syntax_suspect;
  std::vector<std::string> coroutine_heads;  // cross_file_reach.h, from its summary
  // Its analysis read every module (`*`) before all were loaded: analysed again at the end.
  bool deferred = false;
  unsigned analyses = 0;               // how often analysis::analyze ran on it
  bool cross_file = false;             // analysed for the prefilter's cross-file part
  std::vector<std::string> looked_up;  // module names the result depends on (the last
                                       // analysis's index lookups, or the prefilter's walk)
  std::vector<analysis::Diagnostic> diagnostics;

  // The results cache (unused without one).
  Hash128 key;                      // cache_key() of this run
  std::optional<Hash128> content;   // hash of the file's bytes, when known
  std::optional<FileStamp> stamp;   // taken before reading; nullopt: do not store
  std::optional<CacheEntry> entry;  // a matching entry (key and contents)
  bool from_cache = false;          // the outcome is the entry's diagnostics

  PipelineMetrics* metrics = nullptr;  // the run's timings (null: not measured)
  std::atomic<std::int64_t>* timer(std::atomic<std::int64_t> PipelineMetrics::*phase) const {
    return metrics != nullptr ? &(metrics->*phase) : nullptr;
  }
};

}  // namespace lw::server::cli
