#include "server/cli/check_pipeline.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <unordered_map>

#include "analysis/engine.h"
#include "analysis/rules/syntax_error.h"
#include "server/cli/check_cache.h"
#include "server/cli/check_file_state.h"
#include "server/cli/cross_file_reach.h"
#include "server/cli/import_order.h"
#include "server/cli/import_scan.h"
#include "server/cli/on_demand_index.h"
#include "server/cli/parallel_for.h"
#include "server/cli/prefilter.h"
#include "server/cli/source_text.h"
#include "server/config/path_utils.h"
#include "server/workspace/library_summary.h"

namespace lw::server::cli {
namespace {

// Reads and decodes the input unless that was done already.
void ensure_text(const CheckInput& input, FileState& file, std::string& error) {
  if (file.has_text) return;
  SourceText source =
      input.bytes ? decode_source(*input.bytes, input.path) : read_source(input.path);
  if (!source.ok()) {
    error = std::move(source.error);
    file.unreadable = true;
    return;
  }
  file.text = std::move(source.text);
  file.has_text = true;
}

// LW003 for a file that could not be read or decoded: at 1:1, whatever the selection (there
// is nothing to select from; RULES.md: it cannot be suppressed). Never cached.
void report_unreadable(const CheckInput& input, const FileState& file, CheckOutcome& outcome) {
  if (!file.unreadable || outcome.error.empty()) return;
  OutputDiagnostic d;
  d.rule = analysis::RuleId::LW003;
  d.severity = analysis::rule_info(analysis::RuleId::LW003).default_severity;
  d.message = "File cannot be checked: " + outcome.error;
  d.filename = input.display;
  outcome.diagnostics = {std::move(d)};
  outcome.unreadable = true;
}

// Drops the parse of a file whose result is final.
void release(FileState& file) {
  file.prepared.reset();
  file.document.reset();
  file.own_summary.reset();
}

void analyse(const CheckInput& input, const analysis::index::WorkspaceIndex& index,
             FileState& file) {
  LookupRecording recording;
  ++file.analyses;
  const PhaseTimer timer(file.timer(&PipelineMetrics::analysis_ns));
  const auto* own = file.own_summary ? &*file.own_summary : &*file.summary;
  file.diagnostics = analysis::analyze(*file.prepared, file.options,
                                       analysis::FileContext{input.identity, &index}, own);
  file.looked_up = recording.take();
}

std::vector<analysis::index::ModuleIdentity> identities_of(const std::vector<CheckInput>& inputs) {
  std::vector<analysis::index::ModuleIdentity> identities;
  identities.reserve(inputs.size());
  for (const CheckInput& input : inputs) identities.push_back(input.identity);
  return identities;
}

// Whether a file the prefilter skips, parsed anyway for LW001, is summarised with that parse.
// LW208's reverse query (index/usage.h) reads every module of the index (the lookup `*`),
// so when any input has it enabled, practically every named module is summarised on demand
// at the end of the first wave that meets an `async def` without await: summarising a
// skipped file right away saves that second parse. Either way the result is the same (the
// index only gains a module earlier); a file without a module name is never looked up.
struct SkippedSummaries {
  bool every_module = false;
  bool summarise_now(const CheckInput& input) const {
    return every_module && !input.identity.module.empty();
  }
};

// A file that passes the prefilter (or `force`) is parsed and summarised; its tree is kept for
// its analysis. False when there is nothing to analyse.
bool prepare_first(const CheckInput& input, const PipelineOptions& pipeline, FileState& file,
                   std::string& error, const SkippedSummaries& skipped, bool force = false) {
  ensure_text(input, file, error);
  if (!error.empty()) return false;
  file.analysed = force || !pipeline.prefilter || may_have_findings(file.text, file.options);
  if (file.analysed) {
    const PhaseTimer timer(file.timer(&PipelineMetrics::parse_ns));
    file.document = std::make_unique<analysis::Document>(file.text);
  } else {
    // LW001 can report in any file and needs only the tree: a file the bytes do not clear is
    // parsed, and analysed only when its tree has an error or nests deep enough for the
    // semantic model to stop (prefilter.h). The parse is kept for that analysis.
    if (!file.options.rules.contains(analysis::RuleId::LW001)) return false;
    // Summarised on demand already: that parse answered the question.
    if (file.syntax_suspect && !*file.syntax_suspect) return false;
    std::unique_ptr<analysis::Document> document;
    {
      const PhaseTimer timer(file.timer(&PipelineMetrics::parse_ns));
      document = std::make_unique<analysis::Document>(file.text);
    }
    file.syntax_suspect = analysis::may_have_syntax_errors(*document);
    if (!*file.syntax_suspect) {
      // The one parse of this file: when LW208's reverse query will load every module
      // anyway, summarise it now instead of parsing it a second time for that.
      if (skipped.summarise_now(input)) {
        const PhaseTimer timer(file.timer(&PipelineMetrics::index_ns));
        file.summary = analysis::summarize(*document, file.options, input.identity);
      }
      return false;
    }
    file.analysed = true;
    file.document = std::move(document);
  }
  const PhaseTimer timer(file.timer(&PipelineMetrics::index_ns));
  file.prepared = std::make_unique<analysis::PreparedDocument>(*file.document);
  file.summary = analysis::summarize(*file.prepared, file.options, input.identity);
  for (const auto& f : file.summary->functions) {
    if (f.is_coroutine) file.coroutine_heads.push_back(f.name.substr(0, f.name.find('.')));
  }
  return true;
}

// Parses a deferred file again for its last analysis (its summary is in the index already).
void reprepare(const CheckInput& input, FileState& file) {
  file.deferred = false;
  {
    const PhaseTimer timer(file.timer(&PipelineMetrics::parse_ns));
    file.document = std::make_unique<analysis::Document>(file.text);
  }
  const PhaseTimer timer(file.timer(&PipelineMetrics::index_ns));
  file.prepared = std::make_unique<analysis::PreparedDocument>(*file.document);
  file.own_summary = analysis::summarize(*file.prepared, file.options, input.identity);
}

// Moves a file's summary into the index. A file still holding its parse (to be analysed, or
// analysed again) keeps a copy for that analysis; one analysed right after its parse reads
// `summary` before it moves, so it needs none.
void publish_summary(std::size_t input, FileState& file, OnDemandIndex& workspace) {
  if (!file.summary) return;
  if (file.prepared) file.own_summary = *file.summary;
  workspace.add(input, std::move(*file.summary));
  file.summary.reset();
}

// Which missing modules hold a file's result back. In the first pass, `Named`: the modules
// its analysis looked up by name. A file that read every module (`*`: LW208's reverse query,
// framework state) drops its parse and is `deferred` to the end of the run, when the index
// has every module the run summarises anyway: loading every module at once in the first wave
// would parse most files twice (a summary now, their own analysis in their wave). `Every`: the
// last pass, where nothing is deferred.
enum class Waiting { Named, Every };

// Drops the parse unless the file waits for `complete`. True when the parse was dropped.
bool settle(const OnDemandIndex& workspace, Waiting waiting, FileState& file) {
  if (!workspace.missing(file.looked_up, waiting == Waiting::Every).empty()) return false;
  if (workspace.misses_libraries(file.looked_up)) return false;  // installed modules it named
  file.deferred = waiting == Waiting::Named && !workspace.missing(file.looked_up, true).empty();
  release(file);
  return true;
}

// Analyses a prepared file against the index as it is. The result is final, and the parse is
// dropped, unless the analysis looked up a module that some input claims and that is not
// loaded yet: then the file waits, with its parse, for `complete` (or, for `*`, is deferred).
void analyse_prepared(const CheckInput& input, const OnDemandIndex& workspace, FileState& file) {
  analyse(input, workspace.index(), file);
  settle(workspace, Waiting::Named, file);
}

// Summarises inputs an analysis needs but that were not analysed themselves.
void load_summaries(const std::vector<std::size_t>& which, const std::vector<CheckInput>& inputs,
                    std::vector<FileState>& files, OnDemandIndex& workspace, unsigned threads) {
  parallel_for(which.size(), threads, [&](std::size_t k) {
    const std::size_t i = which[k];
    std::string error;
    guarded(error, [&] {
      ensure_text(inputs[i], files[i], error);
      if (!error.empty()) return;
      std::optional<PhaseTimer> parse_timer(std::in_place,
                                            files[i].timer(&PipelineMetrics::parse_ns));
      const analysis::Document document(files[i].text);
      parse_timer.reset();
      const PhaseTimer index_timer(files[i].timer(&PipelineMetrics::index_ns));
      files[i].summary = analysis::summarize(document, files[i].options, inputs[i].identity);
      // What prepare_first needs of this parse when the file's wave comes (LW001).
      if (!files[i].syntax_suspect) {
        files[i].syntax_suspect = analysis::may_have_syntax_errors(document);
      }
    });
  });
  for (std::size_t i : which) {
    if (files[i].summary) {
      publish_summary(i, files[i], workspace);
    } else {
      workspace.mark_failed(i);
    }
  }
}

// Analyses again, against the index, every file whose analysis looked up a claimed module,
// loading the claimed modules not summarised yet, until no analysis misses one.
void complete(std::vector<std::size_t> pending, const std::vector<CheckInput>& inputs,
              std::vector<FileState>& files, std::vector<CheckOutcome>& outcomes,
              OnDemandIndex& workspace, unsigned threads, Waiting waiting) {
  const bool every = waiting == Waiting::Every;
  while (!pending.empty()) {
    std::vector<std::size_t> need;
    std::vector<std::string> libraries;
    for (std::size_t i : pending) {
      for (std::size_t m : workspace.missing(files[i].looked_up, every)) need.push_back(m);
      libraries.insert(libraries.end(), files[i].looked_up.begin(), files[i].looked_up.end());
    }
    workspace.load_libraries(libraries, threads);
    std::sort(need.begin(), need.end());
    need.erase(std::unique(need.begin(), need.end()), need.end());
    load_summaries(need, inputs, files, workspace, threads);
    parallel_for(pending.size(), threads, [&](std::size_t k) {
      const std::size_t i = pending[k];
      guarded(outcomes[i].error, [&] { analyse(inputs[i], workspace.index(), files[i]); });
    });
    std::vector<std::size_t> again;
    for (std::size_t i : pending) {
      if (!outcomes[i].error.empty()) {
        release(files[i]);
      } else if (!settle(workspace, waiting, files[i])) {
        again.push_back(i);
      }
    }
    pending = std::move(again);
  }
}

ModuleFacts facts_of(const FileState& file, bool failed,
                     const std::optional<ScannedImports>& scanned) {
  ModuleFacts facts;
  if (failed) {
    facts.known = true;  // not in the index: nothing is reached through it
  } else if (file.from_cache) {
    facts = file.entry->facts;
  } else if (file.has_text) {
    facts.known = true;
    facts.imports = scanned ? *scanned : scan_imports(file.text);
    facts.coroutine_heads = file.coroutine_heads;
  }
  return facts;
}

// The prefilter's cross-file part (cross_file_reach.h): a skipped file whose imports may lead
// to a coroutine function of another file is analysed after all; the others keep the module
// names their verdict read, for the cache.
void analyse_cross_file(const std::vector<CheckInput>& inputs, const PipelineOptions& pipeline,
                        std::vector<FileState>& files, std::vector<CheckOutcome>& outcomes,
                        const std::vector<ModuleFacts>& facts, const OnDemandIndex& workspace,
                        unsigned threads) {
  const std::vector<analysis::index::ModuleIdentity> identities = identities_of(inputs);
  const CrossFileReach reach(identities, facts);  // keeps a reference to `identities`
  parallel_for(inputs.size(), threads, [&](std::size_t i) {
    FileState& file = files[i];
    if (!outcomes[i].error.empty() || file.from_cache || file.analysed) return;
    guarded(outcomes[i].error, [&] {
      std::vector<std::string> looked_at;
      if (reach.may_reach_coroutine(i, file.text, looked_at)) {
        file.cross_file = true;
        if (prepare_first(inputs[i], pipeline, file, outcomes[i].error, SkippedSummaries{}, true)) {
          analyse_prepared(inputs[i], workspace, file);
        }
        return;
      }
      std::sort(looked_at.begin(), looked_at.end());
      looked_at.erase(std::unique(looked_at.begin(), looked_at.end()), looked_at.end());
      file.looked_up = std::move(looked_at);
    });
  });
}

void convert(const std::vector<CheckInput>& inputs, std::vector<FileState>& files,
             std::vector<CheckOutcome>& outcomes, unsigned threads) {
  // Related locations point into other files by their identity path (the displayed name):
  // those being checked are in memory; anything else is read from disk.
  std::unordered_map<std::string, std::size_t> by_display;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (outcomes[i].error.empty()) by_display.emplace(inputs[i].display, i);
  }
  const OtherFileReader read_other = [&](const std::string& path) -> std::optional<OtherFile> {
    if (auto it = by_display.find(path); it != by_display.end() && files[it->second].has_text) {
      return OtherFile{files[it->second].text, path};
    }
    SourceText source = read_source(path);
    if (!source.ok()) return std::nullopt;
    return OtherFile{std::move(source.text), config::display_path(config::normalize_path(path))};
  };
  parallel_for(inputs.size(), threads, [&](std::size_t i) {
    if (!outcomes[i].error.empty() || files[i].diagnostics.empty()) return;
    guarded(outcomes[i].error, [&] {
      outcomes[i].diagnostics =
          to_output(inputs[i].display, files[i].text, files[i].diagnostics, read_other);
    });
  });
}

// LOOPWARDEN_STATS=1: how much work the run did, on stderr (bench/ reads it).
void print_stats(const std::vector<FileState>& files, const std::vector<CheckOutcome>& outcomes,
                 const OnDemandIndex& workspace) {
  std::size_t cached = 0, analysed = 0, summarised = 0, failed = 0, analyses = 0, cross = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    cross += files[i].cross_file;
    analyses += files[i].analyses;
    cached += files[i].from_cache;
    analysed += files[i].analysed;
    summarised += workspace.is_loaded(i) && !files[i].analysed && outcomes[i].error.empty();
    failed += !outcomes[i].error.empty();
  }
  std::fprintf(stderr,
               "loopwarden stats: files=%zu cached=%zu analysed=%zu (cross-file %zu) "
               "summarised_on_demand=%zu errors=%zu analyses=%zu libraries=%zu\n",
               files.size(), cached, analysed, cross, summarised, failed, analyses,
               workspace.library_count());
}

}  // namespace

std::vector<CheckOutcome> check_files(const std::vector<CheckInput>& inputs,
                                      const config::RuleSelection& overrides, unsigned threads,
                                      const PipelineOptions& pipeline) {
  const std::size_t n = inputs.size();
  std::vector<CheckOutcome> outcomes(n);
  std::vector<FileState> files(n);
  std::vector<std::string> modules;
  modules.reserve(n);
  for (const CheckInput& input : inputs) modules.push_back(input.identity.module);
  OnDemandIndex workspace(modules);
  workspace.set_environment(pipeline.environment, workspace::kLibraryBudget,
                            pipeline.library_cache);

  // Options, and the cached entry of each file (its contents are read only when needed).
  if (pipeline.metrics != nullptr) pipeline.metrics->files_total = n;
  parallel_for(n, threads, [&](std::size_t i) {
    files[i].metrics = pipeline.metrics;
    guarded(outcomes[i].error, [&] {
      files[i].options = inputs[i].config->options_for(inputs[i].path, &overrides);
      if (pipeline.cache != nullptr && !inputs[i].bytes) {
        look_up_cached(*pipeline.cache, inputs[i], files[i], outcomes[i].error);
      }
    });
  });
  SkippedSummaries skipped;
  for (std::size_t i = 0; i < n && !skipped.every_module; ++i) {
    skipped.every_module =
        outcomes[i].error.empty() && files[i].options.rules.contains(analysis::RuleId::LW208);
  }
  std::optional<ModuleDigests> digests;
  if (pipeline.cache != nullptr) {
    digests.emplace(inputs, files, outcomes, pipeline.environment);
    for (std::size_t i = 0; i < n; ++i) {
      if (!outcomes[i].error.empty() || !files[i].entry) continue;
      if (!dependencies_hold(*files[i].entry, *digests)) continue;
      files[i].from_cache = true;
      outcomes[i].diagnostics = files[i].entry->diagnostics;
    }
  }

  // The texts and their imports, then the first pass in import order, wave by wave: a module
  // outside import cycles is parsed, summarised and analysed at once (what it imports is in
  // the index already); the modules of a cycle are parsed and summarised, their summaries
  // enter the index, then they are analysed. Either way the analysis is usually final and
  // the parse dropped right after it: at most the largest cycle's parses are held together.
  std::vector<std::optional<ScannedImports>> scanned(n);
  parallel_for(n, threads, [&](std::size_t i) {
    if (!outcomes[i].error.empty() || files[i].from_cache) return;
    guarded(outcomes[i].error, [&] {
      ensure_text(inputs[i], files[i], outcomes[i].error);
      if (outcomes[i].error.empty()) scanned[i] = scan_imports(files[i].text);
    });
  });
  const auto settle_failures = [&](const std::vector<std::size_t>& which) {
    for (std::size_t i : which) {
      if (outcomes[i].error.empty()) continue;
      workspace.mark_failed(i);
      release(files[i]);
    }
  };
  std::vector<bool> in_cycle;
  for (std::vector<std::size_t>& wave : import_waves(identities_of(inputs), scanned, &in_cycle)) {
    settle_failures(wave);
    std::stable_sort(wave.begin(), wave.end(), [&](std::size_t a, std::size_t b) {
      return files[a].text.size() > files[b].text.size();  // the largest first: less idling
    });
    parallel_for(wave.size(), threads, [&](std::size_t k) {
      const std::size_t i = wave[k];
      struct Done {  // the file's first pass is over, however it ends
        PipelineMetrics* metrics;
        ~Done() {
          if (metrics != nullptr) metrics->files_done.fetch_add(1);
        }
      } done{pipeline.metrics};
      if (!outcomes[i].error.empty() || files[i].from_cache) return;
      guarded(outcomes[i].error, [&] {
        if (prepare_first(inputs[i], pipeline, files[i], outcomes[i].error, skipped) &&
            !in_cycle[i]) {
          analyse_prepared(inputs[i], workspace, files[i]);
        }
      });
    });
    settle_failures(wave);
    for (std::size_t i : wave) publish_summary(i, files[i], workspace);
    std::vector<std::size_t> cyclic;  // prepared, waiting for their cycle's summaries
    for (std::size_t i : wave) {
      if (outcomes[i].error.empty() && files[i].prepared && in_cycle[i]) cyclic.push_back(i);
    }
    parallel_for(cyclic.size(), threads, [&](std::size_t k) {
      const std::size_t i = cyclic[k];
      guarded(outcomes[i].error, [&] { analyse_prepared(inputs[i], workspace, files[i]); });
    });
    settle_failures(wave);
    // What the wave's analyses still miss is mostly modules the prefilter skipped (loaded on
    // demand now, instead of holding these parses until the end).
    std::vector<std::size_t> waiting;
    for (std::size_t i : wave) {
      if (outcomes[i].error.empty() && files[i].document) waiting.push_back(i);
    }
    complete(std::move(waiting), inputs, files, outcomes, workspace, threads, Waiting::Named);
  }
  std::vector<ModuleFacts> facts(n);
  if (pipeline.prefilter || pipeline.cache != nullptr) {
    parallel_for(n, threads, [&](std::size_t i) {
      guarded(outcomes[i].error,
              [&] { facts[i] = facts_of(files[i], !outcomes[i].error.empty(), scanned[i]); });
    });
  }
  if (pipeline.prefilter) {
    analyse_cross_file(inputs, pipeline, files, outcomes, facts, workspace, threads);
  }
  std::vector<std::size_t> pending;   // analysed against a partial index: not final yet
  std::vector<std::size_t> deferred;  // read every module before all were loaded
  for (std::size_t i = 0; i < n; ++i) {
    if (!outcomes[i].error.empty()) {
      workspace.mark_failed(i);
      release(files[i]);
      continue;
    }
    publish_summary(i, files[i], workspace);
    if (files[i].document) {
      pending.push_back(i);
    } else if (files[i].deferred) {
      deferred.push_back(i);
    }
  }
  std::size_t pending_bytes = 0;
  for (std::size_t i : pending) pending_bytes += files[i].text.size();
  const std::size_t pending_files = pending.size();
  // The deferred files are parsed again, now that every analysed module is in the index.
  parallel_for(deferred.size(), threads, [&](std::size_t k) {
    const std::size_t i = deferred[k];
    guarded(outcomes[i].error, [&] { reprepare(inputs[i], files[i]); });
  });
  for (std::size_t i : deferred) {
    if (outcomes[i].error.empty()) pending.push_back(i);
  }
  complete(std::move(pending), inputs, files, outcomes, workspace, threads, Waiting::Every);
  convert(inputs, files, outcomes, threads);
  if (std::getenv("LOOPWARDEN_STATS") != nullptr) {
    print_stats(files, outcomes, workspace);
    std::fprintf(stderr,
                 "loopwarden stats: parses held after the first pass: %zu files, %zu bytes\n",
                 pending_files, pending_bytes);
  }
  if (pipeline.cache != nullptr) {
    store_results(*pipeline.cache, inputs, files, outcomes, facts, *digests, threads);
  }
  for (std::size_t i = 0; i < n; ++i) report_unreadable(inputs[i], files[i], outcomes[i]);
  return outcomes;
}

}  // namespace lw::server::cli
