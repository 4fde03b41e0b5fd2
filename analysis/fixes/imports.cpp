#include "analysis/fixes/imports.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <tuple>
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

// isort's sections, in their order (ruff's I001 defaults). First-party modules cannot be told
// from third-party ones without the file system: a sorted file puts third-party first.
enum class Section : std::uint8_t { Future, Stdlib, ThirdParty, Local };

constexpr std::string_view kStdlibModules[] = {
#define LW_STDLIB_MODULE(name) name,
#include "analysis/fixes/stdlib_modules.inc"
#undef LW_STDLIB_MODULE
};

Section section_of_module(std::string_view module) {
  if (module.starts_with('.')) return Section::Local;
  if (module == "__future__") return Section::Future;
  const std::string_view top = module.substr(0, module.find('.'));
  return std::binary_search(std::begin(kStdlibModules), std::end(kStdlibModules), top)
             ? Section::Stdlib
             : Section::ThirdParty;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// How isort orders a statement within its section (ruff's defaults): `import x` lines before
// `from x import y` lines, each by module name, case-insensitively.
struct ImportKey {
  Section section = Section::ThirdParty;
  bool from = false;
  std::string module;  // lower case
  std::string alias;   // `import m as alias` (none first)
  bool operator<(const ImportKey& o) const {
    return std::tie(from, module, alias) < std::tie(o.from, o.module, o.alias);
  }
};

std::string without_blanks(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\\' && !is_line_break(c)) out.push_back(c);
  }
  return out;
}

ImportKey key_of_statement(TSNode stmt, std::string_view src) {
  const auto& f = syntax::fields();
  ImportKey key;
  if (syntax::kind(stmt) == Kind::FutureImportStatement) {
    key.section = Section::Future;
    key.from = true;
    key.module = "__future__";
    return key;
  }
  TSNode name{};
  if (syntax::kind(stmt) == Kind::ImportFromStatement) {
    key.from = true;
    name = syntax::field(stmt, f.module_name);
  } else if (ts_node_named_child_count(stmt) > 0) {
    name = ts_node_named_child(stmt, 0);
    if (syntax::kind(name) == Kind::AliasedImport) {
      key.alias = lowercase(syntax::text(syntax::field(name, f.alias), src));
      name = syntax::field(name, f.name);
    }
  }
  const std::string module = ts_node_is_null(name) ? "" : without_blanks(syntax::text(name, src));
  key.section = section_of_module(module);
  key.module = lowercase(module);
  return key;
}

// `import m` / `from m import x` as a fix writes it.
ImportKey key_of_text(std::string_view statement) {
  ImportKey key;
  key.from = statement.starts_with("from ");
  std::string_view rest = statement.substr(key.from ? 5 : 7);
  const std::string module(rest.substr(0, rest.find(' ')));
  key.section = section_of_module(module);
  key.module = lowercase(module);
  return key;
}

// The start of the line of byte `pos`, moved up over the comment lines right above it (isort
// keeps such comments with the statement below them), but not above `floor` (the comments
// before a file's first import are not part of its import block).
std::uint32_t start_with_comments(std::string_view src, std::uint32_t pos,
                                  std::uint32_t floor = 0) {
  const auto line_start = [&](std::uint32_t p) {
    while (p > 0 && !is_line_break(src[p - 1])) --p;
    return p;
  };
  std::uint32_t start = line_start(pos);
  while (start > floor) {
    std::uint32_t prev_end = start - 1;  // the line break ending the previous line
    if (prev_end > 0 && src[prev_end] == '\n' && src[prev_end - 1] == '\r') --prev_end;
    const std::uint32_t prev = line_start(prev_end);
    std::string_view line = src.substr(prev, prev_end - prev);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] != '#' || prev < floor) break;
    start = prev;
  }
  return start;
}

// Whether a blank line separates the two statements (`gap` is the text between them).
bool has_blank_line(std::string_view gap) {
  std::size_t line = 0;  // lines after the first break
  std::size_t i = 0;
  bool content = true;  // the first segment is the rest of the first statement's line
  while (i < gap.size()) {
    if (is_line_break(gap[i])) {
      if (!content && line > 0) return true;
      ++line;
      content = false;
      i += (gap[i] == '\r' && i + 1 < gap.size() && gap[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (gap[i] != ' ' && gap[i] != '\t' && gap[i] != '\f') content = true;
    ++i;
  }
  return false;
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
    if (without_blanks(syntax::text(name, model.source())) != module) return true;
    bool wildcard = false;
    for (std::uint32_t k = 0; k < ts_node_named_child_count(stmt); ++k) {
      wildcard = wildcard || syntax::kind(ts_node_named_child(stmt, k)) == Kind::WildcardImport;
    }
    if (!wildcard) found = stmt;
    return !found;
  });
  return found;
}

// isort's (and ruff's) default line length.
constexpr std::size_t kLineLength = 88;

// isort's order of the names of one `from m import ...` (ruff's `order-by-type`): CONSTANTS,
// then Classes, then the rest, each case-insensitively.
std::pair<int, std::string> member_key(std::string_view name) {
  const bool upper =
      std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  const int type = upper && name.size() > 1                       ? 0
                   : (name.front() >= 'A' && name.front() <= 'Z') ? 1
                                                                  : 2;
  return {type, lowercase(name)};
}

// `member` where isort puts it among the names of `stmt`: before the first name it sorts
// before (`member, ` there, or `member,` on a line of its own in a parenthesised statement
// spread over lines with a trailing comma), else `, member` after the last name (or on a line
// of its own after the last name's line).
TextEdit extend_from_import(std::string_view src, TSNode stmt, std::string_view member) {
  TSNode module = syntax::field(stmt, syntax::fields().module_name);
  TSNode last{};
  std::optional<TSNode> open_paren;
  std::optional<TSNode> greater;  // the first name isort puts after `member`
  std::optional<TSNode> previous_of_greater;
  std::vector<std::string> names;  // as written, `member` at its sorted place
  std::uint32_t n = ts_node_child_count(stmt);
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode child = ts_node_child(stmt, i);
    if (!ts_node_is_named(child)) {
      if (std::string_view(ts_node_type(child)) == "(") open_paren = child;
      continue;
    }
    Kind k = syntax::kind(child);
    if (ts_node_eq(child, module)) continue;
    if (k != Kind::DottedName && k != Kind::AliasedImport) continue;
    TSNode name = k == Kind::AliasedImport ? syntax::field(child, syntax::fields().name) : child;
    names.emplace_back(syntax::text(child, src));
    if (!greater && member_key(member) < member_key(syntax::text(name, src))) {
      names.insert(names.end() - 1, std::string(member));
    }
    if (!greater && member_key(member) < member_key(syntax::text(name, src))) {
      greater = child;
      if (!ts_node_is_null(last)) previous_of_greater = last;
    }
    last = child;
  }
  if (!greater) names.emplace_back(member);
  // A one-line statement that would pass isort's line length (88) is wrapped as isort wraps
  // it: one name a line, with a trailing comma (not when a comment follows on its line).
  if (!open_paren) {
    std::uint32_t line_start = ts_node_start_byte(stmt);
    while (line_start > 0 && !is_line_break(src[line_start - 1])) --line_start;
    std::uint32_t line_end = ts_node_end_byte(stmt);
    while (line_end < src.size() && !is_line_break(src[line_end])) ++line_end;
    const bool single_line = ts_node_start_point(stmt).row == ts_node_end_point(stmt).row;
    const bool alone = line_end == ts_node_end_byte(stmt);
    if (single_line && alone && line_end - line_start + member.size() + 2 > kLineLength) {
      const std::string_view eol = file_eol(src);
      std::string text = "from " + without_blanks(syntax::text(module, src)) + " import (";
      text.append(eol);
      for (const std::string& name : names)
        text.append("    ").append(name).append(",").append(eol);
      text.append(")");
      return TextEdit{{ts_node_start_byte(stmt), ts_node_end_byte(stmt)}, std::move(text)};
    }
  }
  if (greater) {
    const std::uint32_t at = ts_node_start_byte(*greater);
    const TSNode above = previous_of_greater ? *previous_of_greater : open_paren.value_or(*greater);
    const bool own_line =
        open_paren && ts_node_start_point(*greater).row > ts_node_end_point(above).row;
    if (!own_line) return TextEdit{{at, at}, std::string(member) + ", "};
    std::uint32_t line_start = at;
    while (line_start > 0 && !is_line_break(src[line_start - 1])) --line_start;
    std::string text(src.substr(line_start, at - line_start));  // the indentation
    text.append(member).append(",").append(file_eol(src));
    return TextEdit{{line_start, line_start}, std::move(text)};
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
  // The leading docstring and import statements, and the first statement after them.
  std::optional<TSNode> docstring;
  std::vector<TSNode> imports;
  std::optional<TSNode> following;
  visit_named_children(root, [&](TSNode stmt) {
    if (syntax::kind(stmt) == Kind::Comment) return true;
    if (!docstring && imports.empty() && is_docstring(stmt)) {
      docstring = stmt;
      return true;
    }
    if (is_import(stmt) && !ts_node_has_error(stmt)) {
      imports.push_back(stmt);
      return true;
    }
    following = stmt;
    return false;
  });
  const std::string_view eol_default = file_eol(src);
  std::string text(statement);
  if (imports.empty()) {
    // A block of its own, followed by isort's blank lines (two before a def or class).
    TextEdit edit;
    if (docstring) {
      auto [pos, eol] = next_line(src, ts_node_end_byte(*docstring));
      edit = eol.empty() ? TextEdit{{pos, pos}, std::string(eol_default) + text}
                         : TextEdit{{pos, pos}, text + std::string(eol)};
    } else {
      edit = insert_at_file_start(src, root, text);
    }
    if (following) {
      const Kind k = syntax::kind(*following);
      const int wanted = (k == Kind::FunctionDefinition || k == Kind::ClassDefinition ||
                          k == Kind::DecoratedDefinition)
                             ? 2
                             : 1;
      const std::uint32_t next = start_with_comments(src, ts_node_start_byte(*following));
      int blank = 0;
      std::string_view gap = src.substr(edit.range.start, next - std::min(next, edit.range.start));
      for (std::size_t i = 0; i < gap.size(); ++i) {
        if (gap[i] == '\n' || (gap[i] == '\r' && (i + 1 >= gap.size() || gap[i + 1] != '\n'))) {
          ++blank;
        }
      }
      for (int i = blank; i < wanted; ++i) edit.replacement.append(eol_default);
    }
    return edit;
  }
  // Blocks: runs of import statements without a blank line between them (isort's sections).
  std::vector<std::vector<TSNode>> blocks{{imports.front()}};
  for (std::size_t i = 1; i < imports.size(); ++i) {
    const std::uint32_t from = ts_node_end_byte(imports[i - 1]);
    if (has_blank_line(src.substr(from, ts_node_start_byte(imports[i]) - from))) {
      blocks.emplace_back();
    }
    blocks.back().push_back(imports[i]);
  }
  const auto section = [&](const std::vector<TSNode>& block) {
    return key_of_statement(block.front(), src).section;
  };
  const auto before = [&](TSNode stmt, std::string suffix) {
    const auto previous =
        std::find_if(imports.begin(), imports.end(), [&](TSNode s) { return ts_node_eq(s, stmt); });
    const std::uint32_t floor =
        previous == imports.begin() ? ts_node_start_byte(stmt) : ts_node_end_byte(*(previous - 1));
    const std::uint32_t pos = start_with_comments(src, ts_node_start_byte(stmt), floor);
    return TextEdit{{pos, pos}, text + std::string(eol_default) + suffix};
  };
  const auto after = [&](TSNode stmt, std::string prefix) {
    auto [pos, eol] = next_line(src, ts_node_end_byte(stmt));
    if (eol.empty()) return TextEdit{{pos, pos}, std::string(eol_default) + prefix + text};
    return TextEdit{{pos, pos}, prefix + text + std::string(eol)};
  };
  // Not an import (LW202's module-level task set): after every import, as isort leaves it.
  if (!statement.starts_with("import ") && !statement.starts_with("from ")) {
    return after(blocks.back().back(), std::string(eol_default));
  }
  const ImportKey key = key_of_text(statement);
  for (const std::vector<TSNode>& block : blocks) {
    if (section(block) != key.section) continue;
    // Sorted into its section: before the first statement isort puts after it.
    for (TSNode stmt : block) {
      if (key < key_of_statement(stmt, src)) return before(stmt, "");
    }
    return after(block.back(), "");
  }
  // A section of its own, between the sections around it.
  for (const std::vector<TSNode>& block : blocks) {
    if (key.section < section(block)) return before(block.front(), std::string(eol_default));
  }
  return after(blocks.back().back(), std::string(eol_default));
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
