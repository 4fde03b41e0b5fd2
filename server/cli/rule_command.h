#pragma once
// `loopwarden rule CODE` (the rule's documentation) and `loopwarden rules` (the catalog).
#include <iosfwd>
#include <string_view>

namespace lw::server::cli {

enum class ListFormat { Text, Json };

int run_rule(std::string_view code, std::ostream& out, std::ostream& err);
int run_rules(ListFormat format, std::ostream& out);

}  // namespace lw::server::cli
