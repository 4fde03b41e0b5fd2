#pragma once
// Suppression comments (RULES.md "Suppressions"): `# noqa`, `# noqa: LW101, ASYNC251`,
// `# loopwarden: ignore`, `# loopwarden: ignore[LW101]`, `# loopwarden: ignore-file`.
// A diagnostic is silenced by a comment on the line where it starts.
#include <cstdint>
#include <string_view>
#include <vector>

#include "analysis/rules/catalog.h"
#include "analysis/semantic/model.h"

namespace lw::analysis {

// What one comment says.
struct SuppressionDirective {
  bool all = false;           // blanket `# noqa` / `# loopwarden: ignore`
  bool file = false;          // `# loopwarden: ignore-file`
  std::vector<RuleId> rules;  // codes named (LW codes and their peer equivalents)
};

SuppressionDirective parse_suppression_comment(std::string_view comment);

class Suppressions {
 public:
  explicit Suppressions(const semantic::SemanticModel& model);

  bool file_ignored() const { return file_ignored_; }
  bool suppresses(RuleId rule, std::uint32_t start_byte) const;

 private:
  struct Entry {
    std::uint32_t start;
    SuppressionDirective directive;
  };
  std::string_view source_;
  std::vector<Entry> entries_;  // comments with a directive, by position
  bool file_ignored_ = false;
};

}  // namespace lw::analysis
