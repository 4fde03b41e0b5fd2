#include "analysis/fixes/imports.h"

#include <string>

namespace lw::analysis {
namespace {

using syntax::Kind;

bool is_docstring(TSNode stmt) {
  return syntax::kind(stmt) == Kind::ExpressionStatement && ts_node_named_child_count(stmt) == 1 &&
         (syntax::kind(ts_node_named_child(stmt, 0)) == Kind::String ||
          syntax::kind(ts_node_named_child(stmt, 0)) == Kind::ConcatenatedString);
}

bool is_import(TSNode stmt) {
  Kind k = syntax::kind(stmt);
  return k == Kind::ImportStatement || k == Kind::ImportFromStatement ||
         k == Kind::FutureImportStatement;
}

}  // namespace

bool module_is_bound(const semantic::SemanticModel& model, std::string_view name,
                     std::string_view module, semantic::ScopeId scope) {
  auto ids = model.lookup(name, scope);
  if (ids.empty()) return false;
  for (auto id : ids) {
    const auto& b = model.binding(id);
    if (b.kind != semantic::BindingKind::Import || b.qualified != module) return false;
  }
  return true;
}

TextEdit insert_import_statement(const semantic::SemanticModel& model, std::string_view statement) {
  std::string_view src = model.source();
  TSNode root = model.scope(semantic::kModuleScope).node;
  std::uint32_t n = ts_node_named_child_count(root);
  // Insert after the last statement of the leading docstring / import block.
  std::optional<TSNode> anchor;
  bool first_statement = true;
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode stmt = ts_node_named_child(root, i);
    if (syntax::kind(stmt) == Kind::Comment) continue;
    if ((first_statement && is_docstring(stmt)) || is_import(stmt)) {
      anchor = stmt;
      first_statement = false;
      continue;
    }
    break;
  }
  std::string text(statement);
  if (!anchor) return TextEdit{{0, 0}, text + "\n"};
  // The start of the line after the anchor statement (after a trailing comment too).
  std::uint32_t pos = ts_node_end_byte(*anchor);
  while (pos < src.size() && src[pos] != '\n' && src[pos] != '\r') ++pos;
  if (pos >= src.size()) return TextEdit{{pos, pos}, "\n" + text};
  std::string_view eol = "\n";
  if (src[pos] == '\r') {
    eol = (pos + 1 < src.size() && src[pos + 1] == '\n') ? "\r\n" : "\r";
  }
  pos += static_cast<std::uint32_t>(eol.size());
  text.append(eol);
  return TextEdit{{pos, pos}, std::move(text)};
}

}  // namespace lw::analysis
