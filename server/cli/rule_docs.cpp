#include "server/cli/rule_docs.h"

#include "server/cli/embedded_rule_docs.h"

namespace lw::server::cli {

std::optional<std::string_view> embedded_rule_doc(std::string_view code) {
  for (std::size_t i = 0; i < generated::kRuleDocCount; ++i) {
    if (generated::kRuleDocs[i].code == code) return generated::kRuleDocs[i].markdown;
  }
  return std::nullopt;
}

std::string rule_markdown(const analysis::RuleInfo& rule) {
  if (auto doc = embedded_rule_doc(rule.code)) return std::string(*doc);
  std::string text = "# " + std::string(rule.code) + " (" + std::string(rule.name) + ")\n\n" +
                     std::string(rule.summary);
  if (!text.ends_with('.')) text += '.';
  text +=
      "\n\nDefault severity: " + std::string(analysis::to_string(rule.default_severity)) + ".\n";
  if (!rule.equivalents.empty()) {
    text +=
        "\nEquivalent codes (also honoured in `# noqa`): " + std::string(rule.equivalents) + ".\n";
  }
  return text;
}

}  // namespace lw::server::cli
