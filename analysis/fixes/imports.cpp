#include "analysis/fixes/imports.h"

#include <algorithm>
#include <string>
#include <vector>

namespace lw::analysis {
namespace {

using syntax::Kind;

// Calls `visit(child)` for the named children of `node` in order until it returns false. One
// cursor walk: ts_node_named_child(node, i) is linear in i, so indexing the statements of a
// module in a loop is quadratic (20,000 leading comment lines took 15 s per fix).
template <class Visit>
void visit_named_children(TSNode node, Visit&& visit) {
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      const TSNode child = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(child) && !visit(child)) break;
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
}

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

bool is_line_break(char c) { return c == '\n' || c == '\r'; }

// The line ending the file uses (its first one), "\n" when it has none.
std::string_view file_eol(std::string_view src) {
  std::size_t i = src.find_first_of("\r\n");
  if (i == std::string_view::npos || src[i] == '\n') return "\n";
  return i + 1 < src.size() && src[i + 1] == '\n' ? "\r\n" : "\r";
}

// The start of the line after the one containing `pos`, with the line ending found there;
// `pos` = the end of the text (and an empty ending) when that line is the last.
std::pair<std::uint32_t, std::string_view> next_line(std::string_view src, std::uint32_t pos) {
  while (pos < src.size() && !is_line_break(src[pos])) ++pos;
  if (pos >= src.size()) return {static_cast<std::uint32_t>(src.size()), {}};
  std::string_view eol = "\n";
  if (src[pos] == '\r') eol = (pos + 1 < src.size() && src[pos + 1] == '\n') ? "\r\n" : "\r";
  return {static_cast<std::uint32_t>(pos + eol.size()), eol};
}

// Where a new top-level line goes when the file has no leading docstring or import: after the
// comments that open the file (shebang, encoding, licence header), else at the very start.
TextEdit insert_at_file_start(std::string_view src, TSNode root, std::string text) {
  std::optional<TSNode> last_comment;
  visit_named_children(root, [&](TSNode child) {
    if (syntax::kind(child) != Kind::Comment) return false;
    last_comment = child;
    return true;
  });
  if (!last_comment) return TextEdit{{0, 0}, text.append(file_eol(src))};
  auto [pos, eol] = next_line(src, ts_node_end_byte(*last_comment));
  if (eol.empty()) return TextEdit{{pos, pos}, std::string(file_eol(src)) + text};
  return TextEdit{{pos, pos}, text.append(eol)};
}

// `name` resolves, from `scope`, to bindings that all import `qualified`; a binding inside a
// function counts only when it comes before `at` (it is a local assigned by then).
bool resolves_to(const semantic::SemanticModel& model, std::string_view name,
                 semantic::ScopeId scope, std::string_view qualified, std::uint32_t at) {
  auto ids = model.lookup(name, scope);
  if (ids.empty()) return false;
  return std::all_of(ids.begin(), ids.end(), [&](semantic::BindingId id) {
    const auto& b = model.binding(id);
    if (b.kind != semantic::BindingKind::Import || b.qualified != qualified) return false;
    return model.scope(b.scope).kind == semantic::ScopeKind::Module ||
           ts_node_start_byte(b.site) < at;
  });
}

// The names the file binds to an import of exactly `qualified`, sorted (deterministic).
std::vector<std::string_view> names_importing(const semantic::SemanticModel& model,
                                              std::string_view qualified) {
  std::vector<std::string_view> out;
  for (const auto& [name, id] : model.imports()) {
    if (model.binding(id).qualified == qualified) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\\' && !is_line_break(c)) out.push_back(c);
  }
  return out;
}

// A top-level, absolute, non-wildcard `from module import ...` statement.
std::optional<TSNode> from_import_of(const semantic::SemanticModel& model,
                                     std::string_view module) {
  const auto& f = syntax::fields();
  TSNode root = model.scope(semantic::kModuleScope).node;
  std::optional<TSNode> found;
  visit_named_children(root, [&](TSNode stmt) {
    if (syntax::kind(stmt) != Kind::ImportFromStatement || ts_node_has_error(stmt)) return true;
    TSNode name = syntax::field(stmt, f.module_name);
    if (syntax::kind(name) != Kind::DottedName) return true;
    if (without_spaces(syntax::text(name, model.source())) != module) return true;
    bool wildcard = false;
    for (std::uint32_t k = 0; k < ts_node_named_child_count(stmt); ++k) {
      wildcard = wildcard || syntax::kind(ts_node_named_child(stmt, k)) == Kind::WildcardImport;
    }
    if (!wildcard) found = stmt;
    return !found;
  });
  return found;
}

// `, member` after the last name of `stmt`; in a parenthesised statement spread over lines
// with a trailing comma, `member,` on a line of its own after the last name's line.
TextEdit extend_from_import(std::string_view src, TSNode stmt, std::string_view member) {
  TSNode module = syntax::field(stmt, syntax::fields().module_name);
  TSNode last{};
  std::optional<TSNode> open_paren;
  std::uint32_t n = ts_node_child_count(stmt);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode child = ts_node_child(stmt, i);
    if (!ts_node_is_named(child)) {
      if (std::string_view(ts_node_type(child)) == "(") open_paren = child;
      continue;
    }
    Kind k = syntax::kind(child);
    if (ts_node_eq(child, module)) continue;
    if (k == Kind::DottedName || k == Kind::AliasedImport) last = child;
  }
  std::uint32_t end = ts_node_end_byte(last);
  std::uint32_t after = end;
  while (after < src.size() && (src[after] == ' ' || src[after] == '\t')) ++after;
  bool trailing_comma = after < src.size() && src[after] == ',';
  bool multi_line =
      open_paren && ts_node_start_point(last).row > ts_node_end_point(*open_paren).row;
  if (!multi_line || !trailing_comma) return TextEdit{{end, end}, ", " + std::string(member)};
  // The last name's indentation, and the end of its line (after a comment there).
  std::uint32_t line_start = ts_node_start_byte(last);
  while (line_start > 0 && !is_line_break(src[line_start - 1])) --line_start;
  std::uint32_t indent_end = line_start;
  while (indent_end < src.size() && (src[indent_end] == ' ' || src[indent_end] == '\t')) {
    ++indent_end;
  }
  // The rest of the comma's line must be blank or a comment (the `)` comes later).
  std::uint32_t line_end = after + 1;
  while (line_end < src.size() && !is_line_break(src[line_end])) ++line_end;
  std::string_view rest = src.substr(after + 1, line_end - after - 1);
  std::size_t first = rest.find_first_not_of(" \t");
  if (first != std::string_view::npos && rest[first] != '#') {
    return TextEdit{{end, end}, ", " + std::string(member)};
  }
  std::string text(next_line(src, line_end).second);
  if (text.empty()) text = file_eol(src);
  text.append(src.substr(line_start, indent_end - line_start));
  text.append(member);
  text.push_back(',');
  return TextEdit{{line_end, line_end}, std::move(text)};
}

}  // namespace

bool module_is_bound(const semantic::SemanticModel& model, std::string_view name,
                     std::string_view module, semantic::ScopeId scope) {
  return resolves_to(model, name, scope, module, UINT32_MAX);
}

TextEdit insert_import_statement(const semantic::SemanticModel& model, std::string_view statement) {
  std::string_view src = model.source();
  TSNode root = model.scope(semantic::kModuleScope).node;
  // Insert after the last statement of the leading docstring / import block.
  std::optional<TSNode> anchor;
  bool first_statement = true;
  visit_named_children(root, [&](TSNode stmt) {
    if (syntax::kind(stmt) == Kind::Comment) return true;
    if ((first_statement && is_docstring(stmt)) || is_import(stmt)) {
      anchor = stmt;
      first_statement = false;
      return true;
    }
    return false;
  });
  std::string text(statement);
  if (!anchor) return insert_at_file_start(src, root, std::move(text));
  // The start of the line after the anchor statement (after a trailing comment too).
  auto [pos, eol] = next_line(src, ts_node_end_byte(*anchor));
  if (eol.empty()) return TextEdit{{pos, pos}, std::string(file_eol(src)) + text};
  text.append(eol);
  return TextEdit{{pos, pos}, std::move(text)};
}

bool imports_package(const semantic::SemanticModel& model, std::string_view package) {
  return model.imports_package(package);
}

std::optional<std::string> bound_name(const semantic::SemanticModel& model, semantic::ScopeId scope,
                                      std::uint32_t at, std::string_view module,
                                      std::string_view member) {
  std::string qualified = std::string(module) + "." + std::string(member);
  for (std::string_view name : names_importing(model, qualified)) {
    if (resolves_to(model, name, scope, qualified, at)) return std::string(name);
  }
  for (std::string_view name : names_importing(model, module)) {
    if (resolves_to(model, name, scope, module, at)) {
      return std::string(name) + "." + std::string(member);
    }
  }
  return std::nullopt;
}

TextEdit insert_from_import(const semantic::SemanticModel& model, std::string_view module,
                            std::string_view member) {
  if (auto stmt = from_import_of(model, module)) {
    return extend_from_import(model.source(), *stmt, member);
  }
  return insert_import_statement(model,
                                 "from " + std::string(module) + " import " + std::string(member));
}

std::optional<ImportedName> import_name(const semantic::SemanticModel& model,
                                        semantic::ScopeId scope, std::uint32_t at,
                                        std::string_view module, std::string_view member,
                                        ImportStyle style) {
  if (auto name = bound_name(model, scope, at, module, member)) return ImportedName{*name, {}};
  if (style == ImportStyle::Module && module.find('.') == std::string_view::npos &&
      model.lookup(module, scope).empty()) {
    return ImportedName{std::string(module) + "." + std::string(member),
                        insert_import_statement(model, "import " + std::string(module))};
  }
  if (!model.lookup(member, scope).empty()) return std::nullopt;
  return ImportedName{std::string(member), insert_from_import(model, module, member)};
}

}  // namespace lw::analysis
