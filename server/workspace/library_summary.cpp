#include "server/workspace/library_summary.h"

#include "analysis/engine.h"
#include "server/cli/source_text.h"

namespace lw::server::workspace {

std::optional<analysis::index::ModuleSummary> summarize_library(const LibraryModule& m) {
  try {
    cli::SourceText source = cli::read_source(m.path);
    if (!source.ok()) return std::nullopt;
    const analysis::Document document(source.text);
    const analysis::index::ModuleIdentity identity{m.module, m.path.string(), m.is_package,
                                                   m.distribution.label()};
    return analysis::summarize(document, analysis::AnalysisOptions{}, identity);
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace lw::server::workspace
