#include "server/cli/fix_files.h"

#include <exception>
#include <optional>

#include "analysis/document.h"
#include "analysis/engine.h"
#include "analysis/index/workspace_index.h"
#include "server/cli/parallel_for.h"
#include "server/cli/source_text.h"

namespace lw::server::cli {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Runs `work`, turning any exception into an error message (a bug must not end the run).
template <typename Work>
void guarded(std::string& error, Work&& work) {
  try {
    work();
  } catch (const std::exception& e) {
    error = std::string("internal error: ") + e.what();
  } catch (...) {
    error = "internal error";
  }
}

}  // namespace

std::string FixedFile::original_bytes() const {
  return had_bom ? std::string(kBom) + original : original;
}

std::string FixedFile::fixed_bytes() const { return had_bom ? std::string(kBom) + fixed : fixed; }

std::vector<FixedFile> fix_files(const std::vector<CheckInput>& inputs,
                                 const config::RuleSelection& overrides, unsigned threads,
                                 const analysis::FixPolicy& policy,
                                 const std::vector<bool>* fix_these) {
  std::vector<FixedFile> files(inputs.size());
  std::vector<analysis::AnalysisOptions> options(inputs.size());
  std::vector<std::optional<analysis::index::ModuleSummary>> summaries(inputs.size());
  parallel_for(inputs.size(), threads, [&](std::size_t i) {
    guarded(files[i].error, [&] {
      const CheckInput& input = inputs[i];
      SourceText source = input.bytes ? decode_source(*input.bytes) : read_source(input.path);
      if (!source.ok()) {
        files[i].error = std::move(source.error);
        return;
      }
      files[i].original = std::move(source.text);
      files[i].had_bom = source.had_bom;
      options[i] = input.config->options_for(input.path, &overrides);
      const analysis::Document document(files[i].original);
      summaries[i] = analysis::summarize(document, options[i], input.identity);
    });
  });

  analysis::index::WorkspaceIndex index;
  for (auto& summary : summaries) {
    if (summary) index.update(std::move(*summary));
  }

  parallel_for(inputs.size(), threads, [&](std::size_t i) {
    FixedFile& file = files[i];
    if (!file.error.empty()) return;
    file.fixed = file.original;
    if (fix_these != nullptr && !(*fix_these)[i]) return;
    guarded(file.error, [&] {
      const analysis::FileContext context{inputs[i].identity, &index};
      analysis::FixAllResult result = analysis::fix_all(file.original, options[i], context, policy);
      file.fixed = std::move(result.text);
      file.fixed_count = result.fixed;
    });
  });
  return files;
}

}  // namespace lw::server::cli
