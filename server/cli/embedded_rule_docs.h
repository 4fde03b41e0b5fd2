#pragma once
// The table generated from docs/rules/*.md (see embed_rule_docs.cmake); internal to
// rule_docs.cpp.
#include <cstddef>
#include <string_view>

namespace lw::server::cli::generated {

struct EmbeddedDoc {
  std::string_view code;
  std::string_view markdown;
};

extern const EmbeddedDoc kRuleDocs[];
extern const std::size_t kRuleDocCount;

}  // namespace lw::server::cli::generated
