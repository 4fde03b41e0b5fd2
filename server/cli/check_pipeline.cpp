#include "server/cli/check_pipeline.h"

#include <exception>
#include <unordered_map>

#include "analysis/engine.h"
#include "analysis/index/workspace_index.h"
#include "server/cli/parallel_for.h"
#include "server/cli/source_text.h"
#include "server/config/path_utils.h"

namespace lw::server::cli {
namespace {

// A file after the first pass.
struct Loaded {
  std::string text;  // decoded: UTF-8, without a byte-order mark
  analysis::AnalysisOptions options;
  std::optional<analysis::index::ModuleSummary> summary;
};

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

void load(const CheckInput& input, const config::RuleSelection& overrides, Loaded& loaded,
          std::string& error) {
  SourceText source = input.bytes ? decode_source(*input.bytes) : read_source(input.path);
  if (!source.ok()) {
    error = std::move(source.error);
    return;
  }
  loaded.text = std::move(source.text);
  loaded.options = input.config->options_for(input.path, &overrides);
  const analysis::Document document(loaded.text);
  loaded.summary = analysis::summarize(document, loaded.options, input.identity);
}

}  // namespace

std::vector<CheckOutcome> check_files(const std::vector<CheckInput>& inputs,
                                      const config::RuleSelection& overrides, unsigned threads) {
  std::vector<CheckOutcome> outcomes(inputs.size());
  std::vector<Loaded> loaded(inputs.size());
  parallel_for(inputs.size(), threads, [&](std::size_t i) {
    guarded(outcomes[i].error, [&] { load(inputs[i], overrides, loaded[i], outcomes[i].error); });
  });

  analysis::index::WorkspaceIndex index;
  std::unordered_map<std::string, std::size_t> by_display;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (!outcomes[i].error.empty() || !loaded[i].summary) continue;
    index.update(std::move(*loaded[i].summary));
    loaded[i].summary.reset();
    by_display.emplace(inputs[i].display, i);
  }

  // Related locations point into other files by their identity path (the displayed name):
  // those being checked are in memory; anything else is read from disk.
  const OtherFileReader read_other = [&](const std::string& path) -> std::optional<OtherFile> {
    if (auto it = by_display.find(path); it != by_display.end()) {
      return OtherFile{loaded[it->second].text, path};
    }
    SourceText source = read_source(path);
    if (!source.ok()) return std::nullopt;
    return OtherFile{std::move(source.text), config::display_path(config::normalize_path(path))};
  };

  parallel_for(inputs.size(), threads, [&](std::size_t i) {
    if (!outcomes[i].error.empty()) return;
    guarded(outcomes[i].error, [&] {
      const analysis::Document document(loaded[i].text);
      const analysis::FileContext context{inputs[i].identity, &index};
      const std::vector<analysis::Diagnostic> diagnostics =
          analysis::analyze(document, loaded[i].options, context);
      outcomes[i].diagnostics =
          to_output(inputs[i].display, loaded[i].text, diagnostics, read_other);
    });
  });
  return outcomes;
}

}  // namespace lw::server::cli
