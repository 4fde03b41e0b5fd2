#include "analysis/config.h"

namespace lw::analysis {
namespace {

bool apply(std::array<bool, kRuleCount>& enabled, std::string_view prefix, bool on) {
  if (prefix.empty()) return false;
  bool matched = false;
  for (const auto& r : all_rules()) {
    if (r.code.starts_with(prefix)) {
      enabled[static_cast<std::size_t>(r.id)] = on;
      matched = true;
    }
  }
  return matched;
}

}  // namespace

bool is_off_by_default(RuleId id) { return id == RuleId::LW002; }

RuleSet RuleSet::defaults() {
  RuleSet s = all();
  for (const auto& r : all_rules()) {
    if (is_off_by_default(r.id)) s.set(r.id, false);
  }
  return s;
}

RuleSet RuleSet::all() {
  RuleSet s;
  s.enabled_.fill(true);
  return s;
}

RuleSet RuleSet::none() { return RuleSet{}; }

bool RuleSet::select(std::string_view prefix) { return apply(enabled_, prefix, true); }
bool RuleSet::ignore(std::string_view prefix) { return apply(enabled_, prefix, false); }

}  // namespace lw::analysis
