#include "analysis/rules/blocking_call.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/fixes/blocking_fixes.h"
#include "analysis/fixes/make_handler_sync.h"
#include "analysis/rules/blocking_patterns.h"
#include "analysis/rules/type_provenance.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

struct Entry {
  RuleId rule;
  std::string_view suggestion;
};

struct Catalog {
  std::unordered_map<std::string_view, Entry> calls;              // qualified name
  std::vector<std::pair<std::string_view, Entry>> call_patterns;  // with `*`
  std::unordered_map<std::string, Entry> methods;                 // "type#method"
  std::unordered_map<std::string_view, Entry> iterations;         // iterating the result blocks
};

const Catalog& catalog() {
  static const Catalog c = [] {
    Catalog out;
    auto add_call = [&out](RuleId rule, std::string_view name, std::string_view suggestion) {
      if (name.find('*') != std::string_view::npos) {
        out.call_patterns.emplace_back(name, Entry{rule, suggestion});
      } else {
        out.calls.emplace(name, Entry{rule, suggestion});
      }
    };
    auto add_method = [&out](RuleId rule, std::string_view type, std::string_view method,
                             std::string_view suggestion) {
      out.methods.emplace(std::string(type) + "#" + std::string(method), Entry{rule, suggestion});
    };
#define LW_BLOCKING_CALL(rule, name, suggestion) add_call(RuleId::rule, name, suggestion);
#define LW_BLOCKING_METHOD(rule, type, method, suggestion) \
  add_method(RuleId::rule, type, method, suggestion);
#define LW_BLOCKING_ITERATION(rule, name, suggestion) \
  out.iterations.emplace(name, Entry{RuleId::rule, suggestion});
#include "analysis/rules/blocking_calls.inc"
#undef LW_BLOCKING_CALL
#undef LW_BLOCKING_METHOD
#undef LW_BLOCKING_ITERATION
    return out;
  }();
  return c;
}

// `*` matches any run of characters other than '.'.
bool glob_match(std::string_view pattern, std::string_view name) {
  if (pattern.empty()) return name.empty();
  if (pattern.front() == '*') {
    for (std::size_t i = 0; i <= name.size(); ++i) {
      if (glob_match(pattern.substr(1), name.substr(i))) return true;
      if (i < name.size() && name[i] == '.') break;
    }
    return false;
  }
  return !name.empty() && pattern.front() == name.front() &&
         glob_match(pattern.substr(1), name.substr(1));
}

std::optional<Entry> lookup_call(std::string_view qn) {
  const auto& c = catalog();
  if (auto it = c.calls.find(qn); it != c.calls.end()) return it->second;
  for (const auto& [pattern, entry] : c.call_patterns) {
    if (glob_match(pattern, qn)) return entry;
  }
  return std::nullopt;
}

// `for f in as_completed(fs):` / `[f.result() for f in as_completed(fs)]`: the call is the
// iterable of a synchronous loop.
bool is_iterated_by_sync_loop(TSNode call) {
  TSNode node = call;
  TSNode parent = syntax::parent(node);
  while (syntax::kind(parent) == Kind::ParenthesizedExpression) {
    node = parent;
    parent = syntax::parent(node);
  }
  if (syntax::kind(parent) != Kind::ForStatement && syntax::kind(parent) != Kind::ForInClause) {
    return false;
  }
  return !syntax::is_async(parent) &&
         ts_node_eq(syntax::field(parent, syntax::fields().right), node);
}

bool is_false_literal(std::string_view text) { return text == "False" || text == "0"; }

// `q.get(block=False)`, `q.get(False)`, `lock.acquire(blocking=False)`,
// `executor.shutdown(wait=False)`: the non-blocking forms.
bool is_non_blocking_form(const RuleContext& ctx, TSNode call, std::string_view method) {
  std::string_view keyword;
  std::uint32_t block_index = 0;  // get(block), acquire(blocking), shutdown(wait)
  if (method == "get" || method == "put") {
    keyword = "block";
    block_index = method == "put" ? 1 : 0;  // put(item, block)
  } else if (method == "acquire") {
    keyword = "blocking";
  } else if (method == "shutdown") {
    keyword = "wait";
  } else {
    return false;
  }
  const auto& f = syntax::fields();
  TSNode args = syntax::field(call, f.arguments);
  std::uint32_t n = ts_node_named_child_count(args);
  std::uint32_t positional = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    TSNode arg = ts_node_named_child(args, i);
    if (syntax::kind(arg) == Kind::KeywordArgument) {
      std::string_view name = ctx.text(syntax::field(arg, f.name));
      if ((name == keyword || (keyword == "block" && name == "blocking")) &&
          is_false_literal(ctx.text(syntax::field(arg, f.value)))) {
        return true;
      }
      continue;
    }
    if (syntax::kind(arg) == Kind::Comment) continue;
    if (positional == block_index && is_false_literal(ctx.text(arg))) return true;
    ++positional;
  }
  return false;
}

// `os.waitpid(pid, os.WNOHANG)` (also wait3/wait4/waitid): polls and returns at once.
bool is_non_blocking_wait(const RuleContext& ctx, TSNode call, std::string_view qn) {
  if (qn != "os.waitpid" && qn != "os.wait3" && qn != "os.wait4" && qn != "os.waitid") {
    return false;
  }
  const std::string_view args = ctx.text(syntax::field(call, syntax::fields().arguments));
  return args.find("WNOHANG") != std::string_view::npos;
}

// A socket put in non-blocking mode (`sock.setblocking(False)`, `sock.settimeout(0)`) anywhere
// in the scope that binds it: its methods return at once (BlockingIOError) instead of blocking,
// as in anyio's `connect_unix`. Flow-insensitive, like the receiver's type.
bool is_non_blocking_socket(const RuleContext& ctx, TSNode receiver, semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  if (syntax::kind(receiver) != Kind::Identifier) return false;
  const std::string_view name = ctx.text(receiver);
  const auto ids = ctx.model.lookup(name, scope);
  if (ids.empty()) return false;
  const semantic::ScopeId home = ctx.model.binding(ids[0]).scope;
  for (const semantic::Site& site : ctx.model.sites_in(ctx.model.scope(home).node)) {
    if (site.kind != Kind::Call) continue;
    TSNode callee = syntax::field(site.node, f.function);
    if (syntax::kind(callee) != Kind::Attribute) continue;
    TSNode object = syntax::field(callee, f.object);
    if (syntax::kind(object) != Kind::Identifier || ctx.text(object) != name) continue;
    const std::string_view method = ctx.text(syntax::field(callee, f.attribute));
    if (method != "setblocking" && method != "settimeout") continue;
    const auto same = ctx.model.lookup(name, site.context.scope);
    if (!std::equal(same.begin(), same.end(), ids.begin(), ids.end())) continue;
    TSNode args = syntax::field(site.node, f.arguments);
    if (ts_node_named_child_count(args) != 1) continue;
    const std::string_view value = ctx.text(ts_node_named_child(args, 0));
    if (method == "setblocking" ? is_false_literal(value) : (value == "0" || value == "0.0")) {
      return true;
    }
  }
  return false;
}

// `connect`/`send`/`sendto` of a UDP socket (`socket.socket(family, socket.SOCK_DGRAM)`) wait
// for no peer: connecting only picks the route (distributed's `_get_ip`). Receiving still
// blocks.
bool is_datagram_send(const RuleContext& ctx, TSNode receiver, std::string_view method,
                      semantic::ScopeId scope) {
  if (method != "connect" && method != "connect_ex" && method != "send" && method != "sendto") {
    return false;
  }
  if (syntax::kind(receiver) != Kind::Identifier) return false;
  const auto ids = ctx.model.lookup(ctx.text(receiver), scope);
  if (ids.empty()) return false;
  for (semantic::BindingId id : ids) {
    const semantic::Binding& b = ctx.model.binding(id);
    if (syntax::kind(b.value) != Kind::Call) return false;
    const std::string_view args = ctx.text(syntax::field(b.value, syntax::fields().arguments));
    if (args.find("SOCK_DGRAM") == std::string_view::npos) return false;
  }
  return true;
}

// `try: data = sock.recv(n) except BlockingIOError: await wait_readable(...)`: the idiom of a
// socket in non-blocking mode, whatever made it so (anyio's UNIX socket streams keep it on
// `self`): the call returns at once instead of blocking.
bool catches_blocking_io_error(const RuleContext& ctx, TSNode call) {
  const auto& f = syntax::fields();
  TSNode child = call;
  for (TSNode n = syntax::parent(call); !ts_node_is_null(n); child = n, n = syntax::parent(n)) {
    const Kind k = syntax::kind(n);
    if (k == Kind::FunctionDefinition || k == Kind::Lambda || k == Kind::ClassDefinition) break;
    if (k != Kind::TryStatement || !ts_node_eq(syntax::field(n, f.body), child)) continue;
    for (TSNode clause : syntax::named_children(n)) {
      if (syntax::kind(clause) != Kind::ExceptClause) continue;
      for (TSNode part : syntax::named_children(clause)) {
        if (syntax::kind(part) == Kind::Block) break;
        if (ctx.text(part).find("BlockingIOError") != std::string_view::npos) return true;
      }
    }
  }
  return false;
}

// `socket.getaddrinfo(host, port, ..., flags=socket.AI_NUMERICHOST)`: numeric addresses only,
// answered without a DNS query (distributed's `_getaddrinfo`, asyncssh's scoped-address
// normalisation). The flags may be a name assigned once from such an expression.
bool is_numeric_getaddrinfo(const RuleContext& ctx, TSNode call, semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  TSNode flags{};
  std::uint32_t positional = 0;
  for (TSNode arg : syntax::named_children(syntax::field(call, f.arguments))) {
    if (syntax::kind(arg) == Kind::Comment) continue;
    if (syntax::kind(arg) == Kind::KeywordArgument) {
      if (ctx.text(syntax::field(arg, f.name)) == "flags") flags = syntax::field(arg, f.value);
      continue;
    }
    if (positional++ == 5) flags = arg;  // getaddrinfo(host, port, family, type, proto, flags)
  }
  if (ts_node_is_null(flags)) return false;
  std::string_view text = ctx.text(flags);
  if (syntax::kind(flags) == Kind::Identifier) {
    const auto ids = ctx.model.lookup(text, scope);
    if (ids.size() != 1) return false;
    const semantic::Binding& b = ctx.model.binding(ids[0]);
    if (b.kind != semantic::BindingKind::Assignment || b.unpacked) return false;
    text = ctx.text(b.value);
  }
  return text.find("AI_NUMERICHOST") != std::string_view::npos;
}

// "requests.Session" -> "Session"; a file object is a "file".
std::string receiver_display_name(std::string_view type) {
  if (type == "io.TextIOWrapper") return "file";
  auto dot = type.rfind('.');
  return std::string(dot == std::string_view::npos ? type : type.substr(dot + 1));
}

std::string display_name(std::string_view qn) {
  constexpr std::string_view kBuiltins = "builtins.";
  if (qn.starts_with(kBuiltins)) qn.remove_prefix(kBuiltins.size());
  return std::string(qn);
}

// The names an `extend-blocking-calls` entry is matched against (blocking_patterns.h): the
// qualified name the callee resolves to; a function of this file by its module-qualified name
// (`pkg.mod.bar` inside pkg/mod.py); the dotted chain `a.b.c(...)` as written, as flake8-async
// matches it (`inventory.fetch_sync`, `http_session.get` on a local value); and, for an entry
// without a dot, the name a plain `name(...)` call spells when it names a function (an
// import, a builtin, a def; not a local variable holding a callable).
std::optional<BlockingMatch> configured_match(const RuleContext& ctx, TSNode callee,
                                              semantic::ScopeId scope,
                                              const std::optional<std::string>& qn) {
  const auto& entries = ctx.options.extend_blocking_calls;
  if (entries.empty()) return std::nullopt;
  std::vector<std::string> names;  // the qualified (or workspace) name first: the message's
  if (qn) names.push_back(*qn);
  std::string spelled;  // a plain name that names a function
  if (syntax::kind(callee) == Kind::Identifier) {
    const std::string_view name = ctx.text(callee);
    const auto ids = ctx.model.lookup(name, scope);
    bool function = qn.has_value();  // an import or a builtin
    if (!function && ids.size() == 1) {
      const semantic::Binding& b = ctx.model.binding(ids[0]);
      if (b.kind == semantic::BindingKind::Function) {
        function = true;
        const std::string& module = ctx.workspace.identity.module;
        if (b.scope == semantic::kModuleScope && !module.empty()) {
          names.push_back(module + "." + std::string(name));
        }
      }
    }
    if (function) spelled = std::string(name);
  } else if (syntax::kind(callee) == Kind::Attribute) {
    // The chain as written (flake8-async matches the source text): `inventory.fetch_sync`
    // for `inventory_sdk.client.fetch_sync`, `http_session.get` on a local value.
    TSNode head = callee;
    while (syntax::kind(head) == Kind::Attribute)
      head = syntax::field(head, syntax::fields().object);
    const std::string_view text = ctx.text(callee);
    const bool plain_chain = text.find_first_of(" \t\r\n#()[]\\") == std::string_view::npos;
    if (syntax::kind(head) == Kind::Identifier && plain_chain && (!qn || *qn != text)) {
      names.emplace_back(text);
    }
  }
  for (const std::string& entry : entries) {
    const bool bare = is_bare_blocking_pattern(entry);
    const std::string* hit = nullptr;
    if (bare) {
      if (!spelled.empty() && blocking_pattern_matches(entry, spelled)) hit = &spelled;
    } else {
      for (const std::string& name : names) {
        if (blocking_pattern_matches(entry, name)) {
          hit = &name;
          break;
        }
      }
    }
    if (hit == nullptr) continue;
    const std::string_view alternative = blocking_pattern_suggestion(entry);
    std::string suggestion = !alternative.empty() ? "use `" + std::string(alternative) + "` instead"
                             : ctx.options.target_has(9)
                                 ? std::string("run it in a thread (`asyncio.to_thread`)")
                                 : std::string("run it in a thread (`loop.run_in_executor`)");
    const std::string target = names.empty() ? *hit : names.front();
    return BlockingMatch{RuleId::LW108, display_name(*hit), std::move(suggestion), target};
  }
  return std::nullopt;
}

}  // namespace

std::optional<BlockingMatch> match_blocking_call(const RuleContext& ctx, TSNode call,
                                                 semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  TSNode callee = syntax::field(call, f.function);
  bool qualified = false;  // the callee has a qualified name that matched nothing
  if (auto qn = ctx.model.qualified_name(callee, scope)) {
    if (auto entry = lookup_call(*qn)) {
      if (*qn == "socket.getaddrinfo" && is_numeric_getaddrinfo(ctx, call, scope)) {
        return std::nullopt;
      }
      if (is_non_blocking_wait(ctx, call, *qn)) return std::nullopt;
      return BlockingMatch{entry->rule, display_name(*qn), std::string(entry->suggestion), *qn};
    }
    const auto& iterations = catalog().iterations;
    if (auto it = iterations.find(*qn); it != iterations.end()) {
      if (!is_iterated_by_sync_loop(call)) return std::nullopt;
      return BlockingMatch{it->second.rule, display_name(*qn), std::string(it->second.suggestion),
                           *qn, true};
    }
    if (auto configured = configured_match(ctx, callee, scope, *qn)) return configured;
    // A module function we know nothing blocking about; a method of a module-level object of
    // another module (`clients.rates.http.get`) is still matched by its receiver's type.
    if (ctx.types.workspace() == nullptr) return std::nullopt;
    qualified = true;
  }
  if (syntax::kind(callee) == Kind::Attribute) {
    std::string_view method = ctx.text(syntax::field(callee, f.attribute));
    if (auto receiver = ctx.types.type_of(syntax::field(callee, f.object), scope)) {
      const auto& methods = catalog().methods;
      auto it = methods.find(*receiver + "#" + std::string(method));
      if (it != methods.end()) {
        if (is_non_blocking_form(ctx, call, method)) return std::nullopt;
        if (*receiver == "socket.socket" &&
            (is_non_blocking_socket(ctx, syntax::field(callee, f.object), scope) ||
             is_datagram_send(ctx, syntax::field(callee, f.object), method, scope) ||
             catches_blocking_io_error(ctx, call))) {
          return std::nullopt;
        }
        return BlockingMatch{it->second.rule,
                             receiver_display_name(*receiver) + "." + std::string(method),
                             std::string(it->second.suggestion),
                             *receiver + "." + std::string(method),
                             false,
                             *receiver};
      }
    }
  }
  if (qualified) return std::nullopt;
  return configured_match(ctx, callee, scope, std::nullopt);
}

std::optional<BlockingMatch> match_blocking_method(std::string_view type, std::string_view method) {
  const auto& methods = catalog().methods;
  auto it = methods.find(std::string(type) + "#" + std::string(method));
  if (it == methods.end()) return std::nullopt;
  return BlockingMatch{it->second.rule,
                       receiver_display_name(type) + "." + std::string(method),
                       std::string(it->second.suggestion),
                       std::string(type) + "." + std::string(method),
                       false,
                       std::string(type)};
}

std::vector<std::string> blocking_methods_of(std::string_view type) {
  std::vector<std::string> out;
  const std::string prefix = std::string(type) + "#";
  for (const auto& [key, entry] : catalog().methods) {
    if (key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0) {
      out.push_back(key.substr(prefix.size()));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_blocking_call(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out) {
  if (!site.context.async_context) return;
  auto match = match_blocking_call(ctx, site.node, site.context.scope);
  if (!match || !ctx.enabled(match->rule)) return;
  // `await f()` is not a blocking call whatever `f` is named.
  TSNode parent = syntax::parent(site.node);
  if (syntax::kind(parent) == Kind::Await) return;
  // `async with open(...)`: a TypeError before anything blocks; LW209 reports it.
  if (syntax::kind(parent) == Kind::AsPattern) parent = syntax::parent(parent);
  if (syntax::kind(parent) == Kind::WithItem) {
    TSNode with_stmt = syntax::parent(syntax::parent(parent));
    if (syntax::is_async(with_stmt)) return;
  }

  Diagnostic d;
  d.rule = match->rule;
  d.severity = rule_info(match->rule).default_severity;
  d.range = range_of(site.node);
  std::string fn(ctx.model.function_name(site.context));
  std::string verb = match->rule == RuleId::LW107 ? "is CPU-bound and blocks" : "blocks";
  d.message = "`" + match->name + "` " + verb + " the event loop in async function `" + fn + "`";
  if (match->rule == RuleId::LW108) d.message += " (listed in `extend-blocking-calls`)";
  d.message += "; " + std::string(match->suggestion);
  if (match->iteration) {
    // Running the call in a thread would not help: the loop over its result blocks.
    if (auto fix = make_handler_sync_fix(ctx, site.context)) d.fixes.push_back(std::move(*fix));
  } else {
    d.fixes = blocking_call_fixes(ctx, site, match->rule, match->target);
  }
  // A receiver typed away from the call: say where its type comes from.
  TSNode callee = syntax::field(site.node, syntax::fields().function);
  if (syntax::kind(callee) == Kind::Attribute && !match->receiver_type.empty()) {
    if (auto why = explain_receiver(ctx, syntax::field(callee, syntax::fields().object),
                                    site.context.scope, match->receiver_type)) {
      d.related.push_back(std::move(*why));
    }
  }
  out.report(std::move(d));
}

}  // namespace lw::analysis
