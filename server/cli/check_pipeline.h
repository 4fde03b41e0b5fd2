#pragma once
// The analysis part of `check`. (1) In parallel, every file is read and decoded; a file that
// passes the byte prefilter is parsed once, summarised and analysed against an empty index.
// (2) The summaries go into a workspace index (server/cli/on_demand_index.h); files whose
// analysis looked up a module that some input claims are analysed again against it, after
// the claimed modules not yet summarised are parsed and summarised, until no analysis looks
// up a claimed module that is missing. The result is the one of analysing every file against
// the index of every file, so that cross-file rules (LW109) follow calls into the other files
// being checked. Files that cannot be read or decoded get an error instead of diagnostics;
// nothing throws.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analysis/index/summary.h"
#include "server/cli/output_diagnostic.h"
#include "server/config/configuration.h"
#include "server/workspace/library_cache.h"
#include "server/workspace/python_environment.h"

namespace lw::server::cli {

struct PipelineMetrics;

struct CheckInput {
  std::string display;                       // the name shown in output
  std::filesystem::path path;                // absolute; configuration and globs use it
  config::ConfigurationPtr config;           // never null
  analysis::index::ModuleIdentity identity;  // module name; identity.path == display
  std::optional<std::string> bytes;          // the contents when already read (stdin)
  // Part of the project around the inputs (server/cli/project_context.h): checked like an
  // input so that the others see it, never reported.
  bool context = false;
};

struct CheckOutcome {
  std::vector<OutputDiagnostic> diagnostics;  // in analysis order
  std::string error;                          // why the file could not be checked
  // `error` says why the file cannot be read or decoded, and `diagnostics` holds the LW003
  // diagnostic at 1:1 saying so: the report shows it as a finding, not as a run error.
  bool unreadable = false;
};

class ResultCache;

struct PipelineOptions {
  // Skip the analysis of files without any prefilter token (server/cli/prefilter.h) and
  // summarise them only when an analysis looks their module up. Never changes the output.
  bool prefilter = true;
  // Reuse and store results (server/cli/result_cache.h); null: no cache.
  const ResultCache* cache = nullptr;
  // The project's installed libraries, summarised when an analysis looks one of their
  // modules up (server/workspace/python_environment.h); null: none.
  const workspace::PythonEnvironment* environment = nullptr;
  // Library summaries kept between runs (server/workspace/library_cache.h); null: none.
  const workspace::LibraryCache* library_cache = nullptr;
  // Timings and progress of the run (server/cli/pipeline_metrics.h); null: not measured.
  PipelineMetrics* metrics = nullptr;
};

// One outcome per input, in input order. Identical for any thread count and options.
std::vector<CheckOutcome> check_files(const std::vector<CheckInput>& inputs,
                                      const config::RuleSelection& overrides, unsigned threads,
                                      const PipelineOptions& pipeline = {});

}  // namespace lw::server::cli
