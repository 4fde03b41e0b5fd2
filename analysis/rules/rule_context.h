#pragma once
// What every rule gets from the engine: the source, the semantic model, receiver types, the
// options, and a sink that applies rule selection, severity overrides and suppressions.
#include <string_view>
#include <vector>

#include "analysis/config.h"
#include "analysis/diagnostics/diagnostic.h"
#include "analysis/diagnostics/suppression.h"
#include "analysis/index/summary.h"
#include "analysis/semantic/coroutines.h"
#include "analysis/semantic/framework.h"
#include "analysis/semantic/model.h"
#include "analysis/semantic/references.h"
#include "analysis/semantic/types.h"

namespace lw::analysis {

namespace index {
class WorkspaceIndex;
}

// The workspace around the file being analysed (cross-file rules: LW109, imported coroutines).
struct WorkspaceContext {
  index::ModuleIdentity identity;
  const index::WorkspaceIndex* index = nullptr;  // null: this file alone
  const index::ModuleSummary* module = nullptr;  // this file's fresh summary (overrides the index)
};

struct RuleContext {
  std::string_view source;
  const semantic::SemanticModel& model;
  const semantic::TypeResolver& types;
  const semantic::Framework& framework;
  const AnalysisOptions& options;
  const semantic::CoroutineRegistry& coroutines;
  const semantic::References& references;
  WorkspaceContext workspace{};

  // The user's own selection, when the engine runs more rules than selected (LW208 needs every
  // finding): what LW002 may judge. Null: `options.rules` is the user's selection.
  const RuleSet* selected = nullptr;

  bool enabled(RuleId id) const { return options.rules.contains(id); }
  bool user_selected(RuleId id) const {
    return selected != nullptr ? selected->contains(id) : options.rules.contains(id);
  }
  std::string_view text(TSNode node) const { return syntax::text(node, source); }
};

class DiagnosticSink {
 public:
  DiagnosticSink(const AnalysisOptions& options, const Suppressions& suppressions)
      : options_(options), suppressions_(suppressions) {}

  // Drops the diagnostic when its rule is disabled or a comment suppresses it; otherwise
  // applies the severity override.
  void report(Diagnostic d);
  std::vector<Diagnostic> take() { return std::move(out_); }

  // Every finding reported so far, including those a disabled rule or a suppression comment
  // dropped: what the engine's finalizers look at ("does this function already have a
  // finding?") must not depend on the user's selection.
  struct Finding {
    RuleId rule;
    ByteRange range;
  };
  const std::vector<Finding>& findings() const { return findings_; }
  // The findings of enabled rules that a suppression comment dropped (LW002 tells the
  // comments that dropped nothing).
  const std::vector<Finding>& suppressed() const { return suppressed_; }
  const Suppressions& suppressions() const { return suppressions_; }

 private:
  const AnalysisOptions& options_;
  const Suppressions& suppressions_;
  std::vector<Diagnostic> out_;
  std::vector<Finding> findings_;
  std::vector<Finding> suppressed_;
};

ByteRange range_of(TSNode node);

}  // namespace lw::analysis
