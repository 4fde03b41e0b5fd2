#include "analysis/fixes/fix_all.h"

#include "analysis/document.h"
#include "analysis/fixes/apply.h"

namespace lw::analysis {

bool FixPolicy::allows(const Fix& fix) const {
  bool allowed = false;
  switch (fix.applicability) {
    case Applicability::Safe:
      allowed = safe;
      break;
    case Applicability::Unsafe:
      allowed = unsafe;
      break;
    case Applicability::Manual:
      allowed = manual;
      break;
    case Applicability::DisplayOnly:
      break;
  }
  if (!allowed || fix.edits.empty()) return false;
  return title_filter.empty() || fix.title.find(title_filter) != std::string::npos;
}

const Fix* select_fix(const Diagnostic& d, const FixPolicy& policy) {
  if (!policy.rules.contains(d.rule)) return nullptr;
  for (const Fix& fix : d.fixes) {
    if (policy.allows(fix)) return &fix;
  }
  return nullptr;
}

FixAllResult fix_all(std::string text, const AnalysisOptions& options, const FileContext& file,
                     const FixPolicy& policy, unsigned max_rounds) {
  FixAllResult result;
  while (true) {
    Document doc(text);
    std::vector<Diagnostic> diagnostics = analyze(doc, options, file);
    std::vector<const Fix*> selected;
    for (const Diagnostic& d : diagnostics) {
      if (const Fix* fix = select_fix(d, policy)) selected.push_back(fix);
    }
    if (selected.empty() || result.rounds == max_rounds) {
      result.converged = selected.empty();
      result.remaining = std::move(diagnostics);
      break;
    }
    AppliedFixes applied = apply_fixes(text, selected);
    if (applied.applied.empty() || applied.text == text) {
      result.converged = false;  // fixes that cannot be applied (or change nothing)
      result.remaining = std::move(diagnostics);
      break;
    }
    result.fixed += applied.applied.size();
    ++result.rounds;
    text = std::move(applied.text);
  }
  result.text = std::move(text);
  return result;
}

}  // namespace lw::analysis
