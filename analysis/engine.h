#pragma once
// The entry point of the analysis: one semantic model and one walk over the tree per call,
// all enabled rules, suppression comments applied, diagnostics sorted by position.
#include <cstdint>
#include <memory>
#include <optional>
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
struct ValueExplanation;  // explain_value.h

struct FileContext {
  index::ModuleIdentity identity;
  const index::WorkspaceIndex* index = nullptr;  // read-only during the call
};

std::vector<Diagnostic> analyze(const Document& doc, const AnalysisOptions& options,
                                const FileContext& file = {});

// The per-function summary of the document for the workspace index (no rules run).
index::ModuleSummary summarize(const Document& doc, const AnalysisOptions& options,
                               const index::ModuleIdentity& identity);

// What analyze() and summarize() both build first from a parsed document (the semantic model,
// one cursor walk; receiver types; framework facts; references), built once for a caller that
// needs both or analyses the same text more than once (`check`: summary, then diagnostics,
// then diagnostics again against a fuller index). `doc` must outlive it and stay unchanged.
class PreparedDocument {
 public:
  explicit PreparedDocument(const Document& doc);
  ~PreparedDocument();
  PreparedDocument(const PreparedDocument&) = delete;
  PreparedDocument& operator=(const PreparedDocument&) = delete;

 private:
  friend std::vector<Diagnostic> analyze(const PreparedDocument&, const AnalysisOptions&,
                                         const FileContext&, const index::ModuleSummary*);
  friend index::ModuleSummary summarize(const PreparedDocument&, const AnalysisOptions&,
                                        const index::ModuleIdentity&);
  friend std::optional<ValueExplanation> explain_value_at(const Document&, const AnalysisOptions&,
                                                          const FileContext&, std::uint32_t);
  struct State;
  std::unique_ptr<State> state_;  // null for a document without a tree
};

// As above. `own_summary`, when given, must be summarize(doc, options, file.identity): it is
// used instead of computing the file's summary again.
std::vector<Diagnostic> analyze(const PreparedDocument& doc, const AnalysisOptions& options,
                                const FileContext& file,
                                const index::ModuleSummary* own_summary = nullptr);
index::ModuleSummary summarize(const PreparedDocument& doc, const AnalysisOptions& options,
                               const index::ModuleIdentity& identity);

}  // namespace lw::analysis
