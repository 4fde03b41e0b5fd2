#include "server/cli/rule_command.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "analysis/rules/catalog.h"
#include "server/cli/exit_status.h"
#include "server/cli/rule_docs.h"

namespace lw::server::cli {
namespace {

std::vector<std::string> split_codes(std::string_view list) {
  std::vector<std::string> codes;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view code = list.substr(0, comma);
    while (code.starts_with(' ')) code.remove_prefix(1);
    while (code.ends_with(' ')) code.remove_suffix(1);
    if (!code.empty()) codes.emplace_back(code);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return codes;
}

}  // namespace

int run_rule(std::string_view code, std::ostream& out, std::ostream& err) {
  std::string upper(code);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  const auto id = analysis::find_rule(upper);
  if (!id) {
    err << "loopwarden: error: unknown rule code `" << code << "` (see `loopwarden rules`)\n";
    return kExitError;
  }
  std::string text = rule_markdown(analysis::rule_info(*id));
  if (!text.ends_with('\n')) text += '\n';
  out << text;
  return kExitClean;
}

int run_rules(ListFormat format, std::ostream& out) {
  const auto rules = analysis::all_rules();
  if (format == ListFormat::Json) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const analysis::RuleInfo& rule : rules) {
      array.push_back({{"code", rule.code},
                       {"name", rule.name},
                       {"severity", analysis::to_string(rule.default_severity)},
                       {"summary", rule.summary},
                       {"equivalents", split_codes(rule.equivalents)},
                       {"url", analysis::rule_docs_url(rule.code)}});
    }
    out << array.dump(2) << '\n';
    return kExitClean;
  }
  std::size_t name_width = 0;
  std::size_t severity_width = 0;
  for (const analysis::RuleInfo& rule : rules) {
    name_width = std::max(name_width, rule.name.size());
    severity_width = std::max(severity_width, analysis::to_string(rule.default_severity).size());
  }
  for (const analysis::RuleInfo& rule : rules) {
    const std::string_view severity = analysis::to_string(rule.default_severity);
    out << rule.code << "  " << rule.name << std::string(name_width - rule.name.size() + 2, ' ')
        << severity << std::string(severity_width - severity.size() + 2, ' ') << rule.summary
        << '\n';
  }
  return kExitClean;
}

}  // namespace lw::server::cli
