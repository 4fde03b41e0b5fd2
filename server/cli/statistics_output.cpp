#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "server/cli/emitters.h"

namespace lw::server::cli {
namespace {

struct Row {
  const analysis::RuleInfo* rule = nullptr;
  std::size_t count = 0;
  std::size_t fixable = 0;
};

}  // namespace

void write_statistics(std::span<const OutputDiagnostic> diagnostics, std::ostream& out, bool json,
                      bool unsafe_fixes) {
  std::map<analysis::RuleId, Row> by_rule;
  for (const OutputDiagnostic& d : diagnostics) {
    Row& row = by_rule[d.rule];
    row.rule = &analysis::rule_info(d.rule);
    ++row.count;
    row.fixable += is_fixable(d, unsafe_fixes) ? 1 : 0;
  }
  std::vector<Row> rows;
  for (const auto& [id, row] : by_rule) rows.push_back(row);
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.count != b.count ? a.count > b.count : a.rule->code < b.rule->code;
  });

  if (json) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const Row& row : rows) {
      array.push_back({{"code", row.rule->code},
                       {"name", row.rule->name},
                       {"count", row.count},
                       {"fixable", row.fixable > 0}});
    }
    out << array.dump(2) << '\n';
    return;
  }
  std::size_t count_width = 1;
  bool any_fixable = false;
  for (const Row& row : rows) {
    count_width = std::max(count_width, std::to_string(row.count).size());
    any_fixable = any_fixable || row.fixable > 0;
  }
  for (const Row& row : rows) {
    const std::string count = std::to_string(row.count);
    out << std::string(count_width - count.size(), ' ') << count << '\t' << row.rule->code << '\t';
    if (any_fixable) out << (row.fixable > 0 ? "[*] " : "[ ] ");
    out << row.rule->name << '\n';
  }
}

}  // namespace lw::server::cli
