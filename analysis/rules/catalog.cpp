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

std::string rule_docs_url(std::string_view code) {
  return std::string(kProjectUrl) + "/blob/main/docs/rules/" + std::string(code) + ".md";
}

std::span<const RuleInfo> all_rules() { return kRules; }

const RuleInfo& rule_info(RuleId id) { return kRules[static_cast<std::size_t>(id)]; }

std::optional<RuleId> find_rule(std::string_view code) {
  for (const auto& r : kRules) {
    if (r.code == code) return r.id;
  }
  return std::nullopt;
}

namespace {

bool lists(std::string_view equivalents, std::string_view peer_code) {
  while (!equivalents.empty()) {
    auto comma = equivalents.find(',');
    if (equivalents.substr(0, comma) == peer_code) return true;
    if (comma == std::string_view::npos) break;
    equivalents.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::optional<RuleId> rule_for_equivalent(std::string_view peer_code) {
  if (peer_code.empty()) return std::nullopt;
  for (const auto& r : kRules) {
    if (lists(r.equivalents, peer_code)) return r.id;
  }
  return std::nullopt;
}

std::vector<RuleId> rules_for_equivalent(std::string_view peer_code) {
  std::vector<RuleId> out;
  if (peer_code.empty()) return out;
  for (const auto& r : kRules) {
    if (lists(r.equivalents, peer_code)) out.push_back(r.id);
  }
  return out;
}

}  // namespace lw::analysis
