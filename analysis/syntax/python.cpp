#include "analysis/syntax/python.h"

#include <cstring>
#include <vector>

extern "C" const TSLanguage* tree_sitter_python(void);

namespace lw::analysis::syntax {
namespace {

struct KindTable {
  std::vector<Kind> by_symbol;
  std::string_view missing;
  TSSymbol async_symbol = 0;
};

constexpr std::pair<Kind, std::string_view> kKindNames[] = {
#define LW_KIND(id, name) {Kind::id, name},
#include "analysis/syntax/kinds.inc"
#undef LW_KIND
};

const KindTable& kind_table() {
  static const KindTable table = [] {
    KindTable t;
    const TSLanguage* lang = python_language();
    std::uint32_t count = ts_language_symbol_count(lang);
    t.by_symbol.assign(count, Kind::Other);
    std::vector<bool> seen(std::size(kKindNames), false);
    // Several symbols can share one name (aliases); map every one of them.
    for (std::uint32_t sym = 0; sym < count; ++sym) {
      const char* name = ts_language_symbol_name(lang, static_cast<TSSymbol>(sym));
      if (name == nullptr) continue;
      TSSymbolType type = ts_language_symbol_type(lang, static_cast<TSSymbol>(sym));
      if (type == TSSymbolTypeAnonymous) {
        if (std::strcmp(name, "async") == 0) t.async_symbol = static_cast<TSSymbol>(sym);
        continue;
      }
      for (std::size_t i = 0; i < std::size(kKindNames); ++i) {
        if (kKindNames[i].second == name) {
          t.by_symbol[sym] = kKindNames[i].first;
          seen[i] = true;
          break;
        }
      }
    }
    for (std::size_t i = 0; i < std::size(kKindNames); ++i) {
      if (!seen[i]) {
        t.missing = kKindNames[i].second;
        break;
      }
    }
    return t;
  }();
  return table;
}

TSFieldId field_id(const char* name) {
  return ts_language_field_id_for_name(python_language(), name,
                                       static_cast<std::uint32_t>(std::strlen(name)));
}

}  // namespace

const TSLanguage* python_language() { return tree_sitter_python(); }

Kind kind(TSNode node) {
  if (node.id == nullptr) return Kind::Other;
  // One tree-sitter call: ts_node_symbol gives the public symbol (the alias when aliased), and
  // the table maps anonymous symbols to Other, so no separate ts_node_is_named is needed (a
  // public symbol is named exactly when its type is regular; Navigation.KindOfEveryNode).
  const auto& table = kind_table().by_symbol;
  TSSymbol sym = ts_node_symbol(node);
  return sym < table.size() ? table[sym] : Kind::Other;
}

const Fields& fields() {
  static const Fields f{
      field_id("alias"),       field_id("alternative"), field_id("arguments"),
      field_id("attribute"),   field_id("body"),        field_id("definition"),
      field_id("function"),    field_id("left"),        field_id("module_name"),
      field_id("name"),        field_id("object"),      field_id("parameters"),
      field_id("return_type"), field_id("right"),       field_id("superclasses"),
      field_id("type"),        field_id("value"),       field_id("argument"),
      field_id("cause"),       field_id("condition"),   field_id("consequence"),
      field_id("guard"),       field_id("operator"),
  };
  return f;
}

bool is_target_list(Kind k) {
  switch (k) {
    case Kind::PatternList:
    case Kind::TuplePattern:
    case Kind::ListPattern:
    case Kind::Tuple:
    case Kind::List:
    case Kind::ExpressionList:
    case Kind::ParenthesizedExpression:
    case Kind::ListSplatPattern:
    case Kind::ListSplat:
    case Kind::AsPatternTarget:
      return true;
    default:
      return false;
  }
}

bool is_async(TSNode node) {
  TSSymbol async_symbol = kind_table().async_symbol;
  // `async` is always the first token of the construct (for_in_clause: `async for`).
  if (ts_node_is_null(node) || ts_node_child_count(node) == 0) return false;
  TSNode first = ts_node_child(node, 0);
  return !ts_node_is_named(first) && ts_node_symbol(first) == async_symbol;
}

std::string_view first_unresolved_kind() { return kind_table().missing; }

}  // namespace lw::analysis::syntax
