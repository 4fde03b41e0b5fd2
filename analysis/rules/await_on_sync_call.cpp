#include "analysis/rules/await_on_sync_call.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "analysis/fixes/imports.h"
#include "analysis/rules/blocking_call.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

// Synchronous functions with an async equivalent that takes the same arguments: the fix
// swaps the callee and keeps the `await`.
struct AsyncEquivalent {
  std::string_view sync_name;
  std::string_view module;
  std::string_view member;
};
constexpr AsyncEquivalent kAsyncEquivalents[] = {
    {"time.sleep", "asyncio", "sleep"},
};

// Return annotations whose values are never awaitable. Builtins count only when the file
// does not rebind the name; `typing` names through the file's imports.
constexpr std::string_view kPlainBuiltins[] = {"None",  "int",       "float",     "complex", "str",
                                               "bytes", "bool",      "bytearray", "dict",    "list",
                                               "set",   "frozenset", "tuple"};
constexpr std::string_view kPlainTyping[] = {"Dict",  "List",    "Set",      "FrozenSet",
                                             "Tuple", "Literal", "NoReturn", "Never"};
constexpr std::string_view kTypingModules[] = {"typing", "typing_extensions"};

template <typename Range>
bool one_of(const Range& names, std::string_view s) {
  return std::find(std::begin(names), std::end(names), s) != std::end(names);
}

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

// `pass`, `...`, a docstring, `raise ...`.
bool is_stub_statement(TSNode stmt) {
  switch (syntax::kind(stmt)) {
    case Kind::PassStatement:
    case Kind::RaiseStatement:
    case Kind::Comment:
      return true;
    case Kind::ExpressionStatement: {
      if (ts_node_named_child_count(stmt) != 1) return false;
      const Kind k = syntax::kind(ts_node_named_child(stmt, 0));
      return k == Kind::String || k == Kind::ConcatenatedString || k == Kind::Ellipsis;
    }
    default:
      return false;
  }
}

struct SyncFunction {
  std::string name;
  std::string why;  // "returns nothing", "is annotated `-> int`"
};

// The plain `def` of the file that `callee` names, when it returns a non-awaitable.
std::optional<SyncFunction> sync_function_of_file(const RuleContext& ctx, TSNode callee,
                                                  semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  if (syntax::kind(callee) != Kind::Identifier) return std::nullopt;
  const auto ids = ctx.model.lookup(ctx.text(callee), scope);
  if (ids.size() != 1) return std::nullopt;
  const semantic::Binding& b = ctx.model.binding(ids[0]);
  if (b.kind != semantic::BindingKind::Function || b.is_async) return std::nullopt;
  if (ctx.model.scope(b.scope).kind == semantic::ScopeKind::Class) return std::nullopt;
  const TSNode def = b.value;
  if (syntax::kind(def) != Kind::FunctionDefinition) return std::nullopt;
  if (syntax::kind(syntax::parent(def)) == Kind::DecoratedDefinition) return std::nullopt;
  const auto own = ctx.model.scope_of(def);
  if (!own || ctx.coroutines.body_facts(*own).yields) return std::nullopt;

  SyncFunction out{std::string(ctx.text(callee)), {}};
  const TSNode annotation = syntax::field(def, f.return_type);
  if (!ts_node_is_null(annotation)) {
    if (!non_awaitable_type(ctx, ctx.text(annotation), b.scope)) return std::nullopt;
    out.why = "is annotated `-> " + std::string(ctx.text(annotation)) + "`";
    return out;
  }
  const TSNode body = syntax::field(def, f.body);
  bool substance = false;
  for (TSNode stmt : syntax::named_children(body)) {
    if (!is_stub_statement(stmt)) substance = true;
  }
  if (!substance) return std::nullopt;
  bool returns_value = false;
  for (const semantic::Site& site : ctx.model.sites_in(def)) {
    if (site.kind != Kind::ReturnStatement || site.context.function != *own) continue;
    if (ts_node_named_child_count(site.node) == 0) continue;
    const TSNode value = ts_node_named_child(site.node, 0);
    if (!non_awaitable_value(value)) return std::nullopt;
    returns_value = true;
  }
  out.why = returns_value ? "returns only literals" : "returns nothing";
  return out;
}

// `async with open(p) as f: await f.read()`: the receiver comes from a plain context manager
// entered with `async with`, which LW209 reports; once that is fixed (aiofiles) the await
// is right, so reporting it too would only be noise.
bool receiver_from_async_with(const RuleContext& ctx, TSNode callee, semantic::ScopeId scope) {
  if (syntax::kind(callee) != Kind::Attribute) return false;
  const TSNode object = syntax::field(callee, syntax::fields().object);
  if (syntax::kind(object) != Kind::Identifier) return false;
  for (semantic::BindingId id : ctx.model.lookup(ctx.text(object), scope)) {
    const semantic::Binding& b = ctx.model.binding(id);
    if (b.kind != semantic::BindingKind::WithTarget) continue;
    TSNode n = b.value;
    for (int up = 0; up < 6 && !ts_node_is_null(n); ++up, n = syntax::parent(n)) {
      if (syntax::kind(n) == Kind::WithStatement) {
        if (syntax::is_async(n)) return true;
        break;
      }
    }
  }
  return false;
}

std::optional<Fix> async_equivalent_fix(const RuleContext& ctx, const semantic::Site& site,
                                        TSNode call, std::string_view target) {
  for (const AsyncEquivalent& e : kAsyncEquivalents) {
    if (e.sync_name != target) continue;
    auto name = import_name(ctx.model, site.context.scope, ts_node_start_byte(site.node), e.module,
                            e.member, ImportStyle::Module);
    if (!name) return std::nullopt;
    Fix fix;
    fix.title =
        "Replace with `await " + std::string(e.module) + "." + std::string(e.member) + "(...)`";
    fix.applicability = Applicability::Safe;
    if (name->edit) fix.edits.push_back(std::move(*name->edit));
    fix.edits.push_back(
        TextEdit{range_of(syntax::field(call, syntax::fields().function)), name->expression});
    std::stable_sort(fix.edits.begin(), fix.edits.end(), [](const TextEdit& a, const TextEdit& b) {
      return a.range.start < b.range.start;
    });
    return fix;
  }
  return std::nullopt;
}

Fix note(std::string title) {
  Fix fix;
  fix.title = std::move(title);
  fix.applicability = Applicability::DisplayOnly;
  return fix;
}

// "Remove `await`": the bytes from `await` to the call.
Fix remove_await_fix(TSNode await_node, TSNode call) {
  Fix fix;
  fix.title = "Remove `await` (the call still blocks)";
  fix.applicability = Applicability::Unsafe;
  fix.edits.push_back(TextEdit{{ts_node_start_byte(await_node), ts_node_start_byte(call)}, ""});
  return fix;
}

std::string capitalised(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

}  // namespace

void check_await_on_sync_call(const RuleContext& ctx, const semantic::Site& site,
                              DiagnosticSink& out) {
  if (!site.context.async_context || !ctx.enabled(RuleId::LW210)) return;
  TSNode call{};
  for (TSNode c : syntax::named_children(site.node)) {
    if (syntax::kind(c) != Kind::Comment) {
      call = c;
      break;
    }
  }
  if (ts_node_is_null(call) || syntax::kind(call) != Kind::Call) return;

  Diagnostic d;
  d.rule = RuleId::LW210;
  d.severity = rule_info(RuleId::LW210).default_severity;
  d.range = range_of(site.node);
  const std::string fn(ctx.model.function_name(site.context));
  const TSNode callee = syntax::field(call, syntax::fields().function);
  if (auto match = match_blocking_call(ctx, call, site.context.scope);
      match && match->rule != RuleId::LW108) {
    if (receiver_from_async_with(ctx, callee, site.context.scope)) return;
    d.message = "`await` on `" + match->name + "(...)`, a synchronous call: it blocks the event " +
                "loop in async function `" + fn + "`, then `await` raises TypeError (its " +
                "result is not awaitable); " + std::string(match->suggestion);
    if (auto fix = async_equivalent_fix(ctx, site, call, match->target)) {
      d.fixes.push_back(std::move(*fix));
    } else if (!match->suggestion.empty()) {
      d.fixes.push_back(note(capitalised(match->suggestion)));
    }
    out.report(std::move(d));
    return;
  }
  if (auto sync = sync_function_of_file(ctx, callee, site.context.scope)) {
    d.message = "`await` on `" + sync->name + "()`, a plain `def` that " + sync->why +
                ": awaiting its result raises TypeError at run time; make `" + sync->name +
                "` an `async def`, or call it without `await`";
    d.fixes.push_back(remove_await_fix(site.node, call));
    out.report(std::move(d));
  }
}

}  // namespace lw::analysis
