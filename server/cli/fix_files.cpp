#include "server/cli/fix_files.h"

#include <algorithm>
#include <exception>
#include <optional>

#include "analysis/document.h"
#include "analysis/engine.h"
#include "server/cli/on_demand_index.h"
#include "server/cli/parallel_for.h"
#include "server/cli/source_text.h"
#include "server/workspace/library_summary.h"

namespace lw::server::cli {
namespace {

// Reads and decodes input i into `file` (error set when it cannot be).
void read_input(const CheckInput& input, FixedFile& file) {
  SourceText source =
      input.bytes ? decode_source(*input.bytes, input.path) : read_source(input.path);
  if (!source.ok()) {
    file.error = std::move(source.error);
    return;
  }
  file.original = std::move(source.text);
  file.had_bom = source.had_bom;
  file.notebook = std::move(source.notebook);
}

}  // namespace

std::string FixedFile::original_bytes() const {
  const std::string& text = notebook ? notebook->raw() : original;
  return had_bom ? std::string(kBom) + text : text;
}

std::string FixedFile::fixed_bytes() const {
  const std::string text = notebook ? notebook->with_module_text(fixed) : fixed;
  return had_bom ? std::string(kBom) + text : text;
}

std::vector<FixedFile> fix_files(const std::vector<CheckInput>& inputs,
                                 const config::RuleSelection& overrides, unsigned threads,
                                 const analysis::FixPolicy& policy,
                                 const std::vector<bool>* fix_these,
                                 const workspace::PythonEnvironment* environment,
                                 const workspace::LibraryCache* library_cache) {
  const std::size_t n = inputs.size();
  std::vector<FixedFile> files(n);
  std::vector<bool> read(n, false);
  std::vector<std::optional<analysis::AnalysisOptions>> options(n);
  const auto wanted = [&](std::size_t i) { return fix_these == nullptr || (*fix_these)[i]; };
  const auto options_of = [&](std::size_t i) -> const analysis::AnalysisOptions& {
    if (!options[i]) options[i] = inputs[i].config->options_for(inputs[i].path, &overrides);
    return *options[i];
  };

  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < n; ++i) {
    if (wanted(i)) pending.push_back(i);
  }
  parallel_for(pending.size(), threads, [&](std::size_t k) {
    const std::size_t i = pending[k];
    guarded(files[i].error, [&] {
      read_input(inputs[i], files[i]);
      options_of(i);
    });
  });
  for (std::size_t i : pending) read[i] = true;
  std::erase_if(pending, [&](std::size_t i) { return !files[i].error.empty(); });

  std::vector<std::string> modules;
  modules.reserve(n);
  for (const CheckInput& input : inputs) modules.push_back(input.identity.module);
  OnDemandIndex workspace(modules);
  workspace.set_environment(environment, workspace::kLibraryBudget, library_cache);
  std::vector<std::vector<std::string>> looked_up(n);
  std::vector<std::size_t> need;
  while (!pending.empty()) {
    // Summarise the inputs that claim a module some run looked up, then run again.
    std::vector<std::optional<analysis::index::ModuleSummary>> summaries(need.size());
    parallel_for(need.size(), threads, [&](std::size_t k) {
      const std::size_t i = need[k];
      std::string error;
      guarded(error, [&] {
        FixedFile scratch;
        const FixedFile* source = &files[i];
        if (!read[i]) {
          read_input(inputs[i], scratch);
          source = &scratch;
        }
        if (!source->error.empty()) return;
        const analysis::Document document(source->original);
        summaries[k] = analysis::summarize(document, options_of(i), inputs[i].identity);
      });
    });
    for (std::size_t k = 0; k < need.size(); ++k) {
      if (summaries[k]) {
        workspace.add(need[k], std::move(*summaries[k]));
      } else {
        workspace.mark_failed(need[k]);
      }
    }

    parallel_for(pending.size(), threads, [&](std::size_t k) {
      const std::size_t i = pending[k];
      FixedFile& file = files[i];
      guarded(file.error, [&] {
        LookupRecording recording;
        const analysis::FileContext context{inputs[i].identity, &workspace.index()};
        analysis::FixAllResult result =
            analysis::fix_all(file.original, *options[i], context, policy);
        file.fixed = std::move(result.text);
        file.fixed_count = result.fixed;
        looked_up[i] = recording.take();
      });
    });

    std::vector<std::size_t> again;
    need.clear();
    for (std::size_t i : pending) {
      if (!files[i].error.empty()) continue;
      const std::vector<std::size_t> missing = workspace.missing(looked_up[i]);
      if (missing.empty() && !workspace.misses_libraries(looked_up[i])) continue;
      workspace.load_libraries(looked_up[i], threads);
      again.push_back(i);
      need.insert(need.end(), missing.begin(), missing.end());
    }
    std::sort(need.begin(), need.end());
    need.erase(std::unique(need.begin(), need.end()), need.end());
    pending = std::move(again);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (files[i].error.empty() && !wanted(i)) files[i].fixed = files[i].original;
  }
  return files;
}

}  // namespace lw::server::cli
