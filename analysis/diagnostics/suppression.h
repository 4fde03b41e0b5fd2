#pragma once
// Suppression comments (RULES.md "Suppressions"): `# noqa`, `# noqa: LW101, ASYNC251`,
// `# loopwarden: ignore`, `# loopwarden: ignore[LW101]`, `# loopwarden: ignore-file`,
// `# loopwarden: ignore-file[LW101]`, and ruff's file-level exemptions `# ruff: noqa`,
// `# ruff: noqa: LW101, ASYNC251` (`# flake8: noqa` too), which ruff honours only on a line
// of their own. A diagnostic is silenced by a line comment on the line where it starts.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "analysis/rules/catalog.h"
#include "analysis/semantic/model.h"

namespace lw::analysis {

// One code of a `# noqa: ...` / `# loopwarden: ignore[...]` list, as written.
struct SuppressionCode {
  std::uint32_t start = 0;  // offsets in the comment text
  std::uint32_t end = 0;
  std::vector<RuleId> rules;  // the LW code, or the LW codes a peer code stands for
  bool lw = false;            // spelled as an LW code ("LW999" too)
};

// One list of codes in a comment: from its `#` to its last code (`]` included).
struct SuppressionList {
  std::uint32_t start = 0;  // offsets in the comment text
  std::uint32_t end = 0;
  std::vector<SuppressionCode> codes;
};

// What one comment says.
struct SuppressionDirective {
  bool all = false;   // blanket `# noqa` / `# loopwarden: ignore`
  bool file = false;  // `# loopwarden: ignore-file`: nothing is analysed
  // `# ruff: noqa` / `# flake8: noqa` (blanket: every rule a comment can silence) or
  // `# ruff: noqa: CODES` / `# loopwarden: ignore-file[CODES]` (those rules), for the file.
  bool file_all = false;
  std::vector<RuleId> file_rules;
  // The exemption is ruff's (`# ruff:` / `# flake8:`), honoured on a line of its own only.
  bool file_needs_own_line = false;
  std::vector<RuleId> rules;           // codes named (LW codes and their peer equivalents)
  std::vector<SuppressionList> lists;  // where each list and code is (LW002)
};

SuppressionDirective parse_suppression_comment(std::string_view comment);

// False for the codes no line comment silences (RULES.md): LW001 syntax-error and LW003
// unreadable-file. Only
// `ignore`, `per-file-ignores` and `# loopwarden: ignore-file` turn them off.
bool can_be_suppressed(RuleId rule);

class Suppressions {
 public:
  explicit Suppressions(const semantic::SemanticModel& model);

  bool file_ignored() const { return file_ignored_; }
  // A file-level exemption silences `rule` everywhere in the file.
  bool file_exempts(RuleId rule) const;
  bool suppresses(RuleId rule, std::uint32_t start_byte) const;

  // A comment holding a directive (or a list of codes, even of codes no rule has).
  struct Entry {
    std::uint32_t start;  // the comment's first byte
    SuppressionDirective directive;
  };
  std::span<const Entry> entries() const { return entries_; }

 private:
  std::string_view source_;
  std::vector<Entry> entries_;  // comments with a directive, by position
  bool file_ignored_ = false;
  bool file_all_ = false;           // `# ruff: noqa`
  std::vector<RuleId> file_rules_;  // `# ruff: noqa: CODES`, `ignore-file[CODES]`
};

}  // namespace lw::analysis
