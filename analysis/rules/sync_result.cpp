#include "analysis/rules/sync_result.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "analysis/one_of.h"
#include "analysis/rules/function_body.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

// Return annotations whose values are never awaitable. Builtins count only when the file
// does not rebind the name; `typing` names through the file's imports.
constexpr std::string_view kPlainBuiltins[] = {"None",  "int",       "float",     "complex", "str",
                                               "bytes", "bool",      "bytearray", "dict",    "list",
                                               "set",   "frozenset", "tuple"};
constexpr std::string_view kPlainTyping[] = {"Dict",  "List",    "Set",      "FrozenSet",
                                             "Tuple", "Literal", "NoReturn", "Never"};
constexpr std::string_view kTypingModules[] = {"typing", "typing_extensions"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits `s` at `sep` outside brackets.
std::vector<std::string_view> split_top(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[' || s[i] == '(') ++depth;
    if (s[i] == ']' || s[i] == ')') --depth;
    if (s[i] == sep && depth == 0) {
      parts.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.push_back(trim(s.substr(start)));
  return parts;
}

bool is_dotted_name(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == '.' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
  });
}

// What a type name spelled in the file means: "builtins.int", "typing.Dict", or nothing.
std::optional<std::string> resolve_type_name(const RuleContext& ctx, std::string_view name,
                                             semantic::ScopeId scope) {
  const std::size_t dot = name.find('.');
  const std::string_view head = name.substr(0, dot);
  const auto ids = ctx.model.lookup(head, scope);
  if (ids.empty()) {
    if (dot != std::string_view::npos) return std::nullopt;
    return "builtins." + std::string(name);
  }
  if (ids.size() != 1) return std::nullopt;
  const semantic::Binding& b = ctx.model.binding(ids[0]);
  if (b.kind != semantic::BindingKind::Import) return std::nullopt;
  return dot == std::string_view::npos ? b.qualified : b.qualified + std::string(name.substr(dot));
}

bool is_typing(std::string_view qualified, std::string_view member) {
  for (std::string_view module : kTypingModules) {
    if (qualified.size() == module.size() + 1 + member.size() && qualified.starts_with(module) &&
        qualified[module.size()] == '.' && qualified.ends_with(member)) {
      return true;
    }
  }
  return false;
}

// True when every value of the annotation `text` is a non-awaitable (see the header).
bool non_awaitable_type(const RuleContext& ctx, std::string_view text, semantic::ScopeId scope,
                        int depth = 0) {
  text = trim(text);
  if (depth > 16 || text.empty()) return false;
  if (const auto alternatives = split_top(text, '|'); alternatives.size() > 1) {
    return std::all_of(alternatives.begin(), alternatives.end(), [&](std::string_view part) {
      return non_awaitable_type(ctx, part, scope, depth + 1);
    });
  }
  const std::size_t open = text.find('[');
  const std::string_view head = trim(text.substr(0, open));
  if (!is_dotted_name(head)) return false;
  const auto qualified = resolve_type_name(ctx, head, scope);
  if (!qualified) return false;
  if (open != std::string_view::npos && text.back() != ']') return false;
  if (is_typing(*qualified, "Optional") || is_typing(*qualified, "Union")) {
    if (open == std::string_view::npos) return false;
    const auto args = split_top(text.substr(open + 1, text.size() - open - 2), ',');
    return std::all_of(args.begin(), args.end(), [&](std::string_view part) {
      return non_awaitable_type(ctx, part, scope, depth + 1);
    });
  }
  if (qualified->starts_with("builtins.")) {
    return one_of(kPlainBuiltins, std::string_view(*qualified).substr(9));
  }
  return std::any_of(std::begin(kPlainTyping), std::end(kPlainTyping),
                     [&](std::string_view member) { return is_typing(*qualified, member); });
}

// A returned value that is never awaitable: literals, displays, comprehensions, f-strings.
bool non_awaitable_value(TSNode value) {
  switch (syntax::kind(value)) {
    case Kind::Integer:
    case Kind::String:
    case Kind::ConcatenatedString:
    case Kind::True:
    case Kind::None:
    case Kind::List:
    case Kind::Dictionary:
    case Kind::Set:
    case Kind::Tuple:
    case Kind::ListComprehension:
    case Kind::DictionaryComprehension:
    case Kind::SetComprehension:
      return true;
    case Kind::ParenthesizedExpression:
      return ts_node_named_child_count(value) == 1 &&
             non_awaitable_value(ts_node_named_child(value, 0));
    default: {
      const std::string_view type = ts_node_type(value);
      return type == "float" || type == "false";
    }
  }
}

}  // namespace

std::optional<std::string> never_awaitable_result(const RuleContext& ctx, TSNode def,
                                                  semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  if (syntax::kind(def) != Kind::FunctionDefinition || syntax::is_async(def)) return std::nullopt;
  if (syntax::kind(syntax::parent(def)) == Kind::DecoratedDefinition) return std::nullopt;
  const auto own = ctx.model.scope_of(def);
  if (!own || ctx.coroutines.body_facts(*own).yields) return std::nullopt;

  const TSNode annotation = syntax::field(def, f.return_type);
  if (!ts_node_is_null(annotation)) {
    if (!non_awaitable_type(ctx, ctx.text(annotation), scope)) return std::nullopt;
    return "is annotated `-> " + std::string(ctx.text(annotation)) + "`";
  }
  bool substance = false;
  for (TSNode stmt : syntax::named_children(syntax::field(def, f.body))) {
    if (syntax::kind(stmt) != Kind::RaiseStatement && !is_stub_statement(ctx, stmt)) {
      substance = true;
    }
  }
  if (!substance) return std::nullopt;
  bool returns_value = false;
  for (const semantic::Site& site : ctx.model.sites_in(def)) {
    if (site.kind != Kind::ReturnStatement || site.context.function != *own) continue;
    if (ts_node_named_child_count(site.node) == 0) continue;
    if (!non_awaitable_value(ts_node_named_child(site.node, 0))) return std::nullopt;
    returns_value = true;
  }
  return returns_value ? "returns only literals" : "returns nothing";
}

}  // namespace lw::analysis
