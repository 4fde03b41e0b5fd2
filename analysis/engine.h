#pragma once
// The entry point of the analysis: one semantic model and one walk over the tree per call,
// all enabled rules, suppression comments applied, diagnostics sorted by position.
#include <vector>

#include "analysis/config.h"
#include "analysis/diagnostics/diagnostic.h"
#include "analysis/document.h"
#include "analysis/index/summary.h"

namespace lw::analysis {

namespace index {
class WorkspaceIndex;
}

// Where the document sits in the workspace. The default (no module name, no index) analyses
// the file on its own: cross-file rules then follow only this file's functions.
struct FileContext {
  index::ModuleIdentity identity;
  const index::WorkspaceIndex* index = nullptr;  // read-only during the call
};

std::vector<Diagnostic> analyze(const Document& doc, const AnalysisOptions& options,
                                const FileContext& file = {});

// The per-function summary of the document for the workspace index (no rules run).
index::ModuleSummary summarize(const Document& doc, const AnalysisOptions& options,
                               const index::ModuleIdentity& identity);

}  // namespace lw::analysis
