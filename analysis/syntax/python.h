#pragma once
// tree-sitter-python, resolved once: node kinds as a dense enum, field ids, and the small
// syntax questions every rule asks (is this `def` async? what text does this node span?).
#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>

namespace lw::analysis::syntax {

enum class Kind : std::uint8_t {
  Other = 0,  // any node kind the analysis does not name
#define LW_KIND(id, name) id,
#include "analysis/syntax/kinds.inc"
#undef LW_KIND
};

const TSLanguage* python_language();

// Kind of a node (named nodes only; anonymous tokens are Kind::Other). O(1).
Kind kind(TSNode node);

// Field ids, resolved once.
struct Fields {
  TSFieldId alias, alternative, arguments, attribute, body, definition, function, left, module_name,
      name, object, parameters, return_type, right, superclasses, type, value, argument, cause,
      condition, consequence, guard, operator_;  // `operator` is a C++ keyword
};
const Fields& fields();

inline TSNode field(TSNode node, TSFieldId id) { return ts_node_child_by_field_id(node, id); }

inline std::string_view text(TSNode node, std::string_view source) {
  std::uint32_t start = ts_node_start_byte(node);
  std::uint32_t end = ts_node_end_byte(node);
  if (start > source.size() || end > source.size() || end < start) return {};
  return source.substr(start, end - start);
}

// A target that holds other targets (`a, b`, `(a, b)`, `[a, *b]`, `*rest`, an `as` target):
// assignment, `for`, `with ... as` and comprehension targets destructure through these.
bool is_target_list(Kind k);
// How deep nested target lists are followed; the semantic model and the rules agree.
inline constexpr std::uint32_t kMaxTargetDepth = 64;

// True for `async def`, `async for`, `async with` and async comprehension clauses: in
// tree-sitter-python the `async` keyword is an anonymous child token without a field.
bool is_async(TSNode node);

// Names every node kind the analysis uses resolves to at least one grammar symbol.
// Returns the first missing kind name, or an empty view when all are present.
std::string_view first_unresolved_kind();

}  // namespace lw::analysis::syntax
