#pragma once
// Rule documentation: docs/rules/<CODE>.md, embedded into the binary at build time
// (server/cli/embed_rule_docs.cmake generates the table).
#include <optional>
#include <string>
#include <string_view>

#include "analysis/rules/catalog.h"

namespace lw::server::cli {

// The page docs/rules/<code>.md, if there is one.
std::optional<std::string_view> embedded_rule_doc(std::string_view code);

// The rule's documentation in markdown: its page, or a short text built from the catalog
// when it has none yet.
std::string rule_markdown(const analysis::RuleInfo& rule);

}  // namespace lw::server::cli
