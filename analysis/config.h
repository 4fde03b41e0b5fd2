#pragma once
// The per-file view of the user's configuration that the analysis needs. Loading TOML,
// path globs (exclude, per-file-ignores) and merging LSP settings happen outside analysis/:
// they produce one AnalysisOptions per file.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "analysis/diagnostics/severity.h"
#include "analysis/rules/catalog.h"

namespace lw::analysis {

inline constexpr std::size_t kRuleCount = []() {
  std::size_t n = 0;
#define LW_RULE(id, code, name, severity, equivalents, summary) ++n;
#include "analysis/rules/catalog.inc"
#undef LW_RULE
  return n;
}();

// Rules that only run when selected explicitly (RULES.md: LW002 unused-suppression).
bool is_off_by_default(RuleId id);

// Which rules run. Built from `select` / `ignore` lists of codes or prefixes ("LW1", "LW20").
class RuleSet {
 public:
  // What runs when the configuration selects nothing: every rule except those off by
  // default (is_off_by_default: LW002), which a `select` / `extend-select` naming them
  // (by code or prefix: "LW002", "LW0", "LW") turns on.
  static RuleSet defaults();
  static RuleSet all();
  static RuleSet none();
  bool contains(RuleId id) const { return enabled_[static_cast<std::size_t>(id)]; }
  void set(RuleId id, bool on) { enabled_[static_cast<std::size_t>(id)] = on; }
  // Enables/disables every rule whose code starts with `prefix` ("LW" = all).
  // Returns false when the prefix matches no rule (a configuration error for the caller).
  bool select(std::string_view prefix);
  bool ignore(std::string_view prefix);

 private:
  std::array<bool, kRuleCount> enabled_{};
};

struct AnalysisOptions {
  RuleSet rules = RuleSet::defaults();
  std::array<std::optional<Severity>, kRuleCount> severity_overrides{};
  std::vector<std::string> extend_blocking_calls;   // qualified names -> LW108
  std::vector<std::string> extend_async_functions;  // qualified names -> coroutine functions
  // LW109 through installed libraries: at most this many library frames between the call
  // and the blocking call (`library-depth`).
  int library_depth = 3;
  // The text is the module of a Jupyter notebook's code cells (INTERFACES.md "Notebooks"):
  // IPython's autoawait makes top-level `await` legal, and the kernel already runs a loop.
  bool notebook = false;
  // The oldest Python 3 minor version the code must run on (`target-version = "py38"`: 8), or
  // none. Fixes and suggestions never use an asyncio API newer than it (`asyncio.to_thread`
  // 3.9, `asyncio.TaskGroup` and `asyncio.timeout` 3.11).
  std::optional<int> target_minor;
  // Whether the target has Python 3.`minor`'s APIs (no target: every API).
  bool target_has(int minor) const { return !target_minor || *target_minor >= minor; }
};

}  // namespace lw::analysis
