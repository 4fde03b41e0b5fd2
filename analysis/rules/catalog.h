#pragma once
// Rule identities and metadata, generated from catalog.inc.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/diagnostics/severity.h"

namespace lw::analysis {

enum class RuleId : std::uint16_t {
#define LW_RULE(id, code, name, severity, equivalents, summary) id,
#include "analysis/rules/catalog.inc"
#undef LW_RULE
};

struct RuleInfo {
  RuleId id;
  std::string_view code;  // "LW102"
  std::string_view name;  // "blocking-sleep"
  Severity default_severity;
  std::string_view equivalents;  // "ASYNC251" (comma separated, may be empty)
  std::string_view summary;      // one line
};

// The project's home page, and where a rule's documentation is published (docs/rules/<CODE>.md):
// JSON `url`, SARIF `helpUri`, the LSP diagnostic's codeDescription.
inline constexpr std::string_view kProjectUrl = "https://github.com/loopwarden/loopwarden";
std::string rule_docs_url(std::string_view code);

// Every rule, in catalog order.
std::span<const RuleInfo> all_rules();
const RuleInfo& rule_info(RuleId id);
// Exact code ("LW102"), case-sensitive. Prefix matching lives in RuleSet.
std::optional<RuleId> find_rule(std::string_view code);
// The rule an equivalent peer code ("ASYNC251", "RUF006") stands for, if any.
std::optional<RuleId> rule_for_equivalent(std::string_view peer_code);
// Every rule an equivalent peer code stands for, in catalog order (ASYNC119: LW502, LW505).
std::vector<RuleId> rules_for_equivalent(std::string_view peer_code);

}  // namespace lw::analysis
