#include "analysis/rules/catalog.h"

#include <array>

namespace lw::analysis {
namespace {

constexpr RuleInfo kRules[] = {
#define LW_RULE(id, code, name, severity, equivalents, summary) \
  {RuleId::id, code, name, Severity::severity, equivalents, summary},
#include "analysis/rules/catalog.inc"
#undef LW_RULE
};

}  // namespace

std::span<const RuleInfo> all_rules() { return kRules; }

const RuleInfo& rule_info(RuleId id) { return kRules[static_cast<std::size_t>(id)]; }

std::optional<RuleId> find_rule(std::string_view code) {
  for (const auto& r : kRules) {
    if (r.code == code) return r.id;
  }
  return std::nullopt;
}

std::optional<RuleId> rule_for_equivalent(std::string_view peer_code) {
  if (peer_code.empty()) return std::nullopt;
  for (const auto& r : kRules) {
    std::string_view list = r.equivalents;
    while (!list.empty()) {
      auto comma = list.find(',');
      std::string_view item = list.substr(0, comma);
      if (item == peer_code) return r.id;
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
  return std::nullopt;
}

}  // namespace lw::analysis
