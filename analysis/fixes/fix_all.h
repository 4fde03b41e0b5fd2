#pragma once
// "Fix all": which fix of a diagnostic to apply, and applying them until nothing changes.
// Shared by `check --fix` / `--diff`, an editor's source.fixAll and the golden tests. Pure:
// analyses and rewrites text in memory.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/config.h"
#include "analysis/diagnostics/diagnostic.h"
#include "analysis/engine.h"

namespace lw::analysis {

struct FixPolicy {
  bool safe = true;     // Safe fixes (`--fix`)
  bool unsafe = false;  // Unsafe fixes too (`--unsafe-fixes`)
  bool manual = false;  // Manual fixes too (tests of "Disable LWxxx for this line")
  // Only fixes whose title contains this (tests that exercise a non-preferred fix).
  std::string title_filter;
  // The rules whose fixes may be applied (ruff's `fixable` / `unfixable`).
  RuleSet rules = RuleSet::all();

  bool allows(const Fix& fix) const;
};

// The fix to apply for `d`: the first (most preferred) fix that the policy allows and that
// has edits; null when there is none.
const Fix* select_fix(const Diagnostic& d, const FixPolicy& policy);

struct FixAllResult {
  std::string text;                   // the fixed text
  std::size_t fixed = 0;              // diagnostics whose fix was applied, over all rounds
  unsigned rounds = 0;                // passes that changed the text
  bool converged = true;              // false: stopped at the round limit with fixes left
  std::vector<Diagnostic> remaining;  // the analysis of `text`
};

// Analyses `text`, applies one non-conflicting set of selected fixes (apply_fixes), and
// repeats on the result until no fix applies or `max_rounds` passes changed the text.
FixAllResult fix_all(std::string text, const AnalysisOptions& options, const FileContext& file,
                     const FixPolicy& policy, unsigned max_rounds = 10);

}  // namespace lw::analysis
