#pragma once
// What textDocument/codeAction decides the same way for text documents (code_actions.cpp)
// and notebook cells (notebook_code_actions.cpp).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/diagnostics/diagnostic.h"
#include "analysis/engine.h"
#include "analysis/fixes/apply.h"
#include "analysis/fixes/fix_all.h"
#include "analysis/rules/catalog.h"
#include "protocol/types/diagnostics.h"

namespace lw::server {

inline constexpr std::string_view kFixAllTitle = "Fix all auto-fixable loopwarden problems";

// A fix becomes an action when it changes something.
inline bool offered(const analysis::Fix& fix) {
  return !fix.edits.empty() && fix.applicability != analysis::Applicability::DisplayOnly;
}

// A rewrite (analysis::Fix::rewrite), offered as a refactoring as well as a quick fix.
inline bool is_rewrite(const analysis::Fix& fix) {
  return fix.rewrite && fix.applicability != analysis::Applicability::Manual;
}

inline bool same_diagnostic(const protocol::Diagnostic& a, const protocol::Diagnostic& b) {
  return a.range == b.range && a.code == b.code && a.message == b.message && a.source == b.source;
}

// The text with every safe fix applied (analysis::fix_all, the rounds of `check --fix`).
// `file` places the document in the workspace (its module, the index) like its analysis.
inline std::string fix_all_text(const std::string& text, const analysis::AnalysisOptions& options,
                                const analysis::FileContext& file) {
  return analysis::fix_all(text, options, file, analysis::FixPolicy{}).text;
}

// Every safe fix of the document, as one edit (empty when nothing changes).
inline std::vector<analysis::TextEdit> fix_all_edits(const std::string& text,
                                                     const analysis::AnalysisOptions& options,
                                                     const analysis::FileContext& file) {
  const std::string fixed = fix_all_text(text, options, file);
  if (fixed == text) return {};
  return {analysis::whole_change(text, fixed)};
}

inline bool has_safe_fix(const std::vector<analysis::Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const analysis::Diagnostic& d) {
    return analysis::select_fix(d, analysis::FixPolicy{}) != nullptr;
  });
}

}  // namespace lw::server
