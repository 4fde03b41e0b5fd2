#include "analysis/rules/sequential_awaits.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "analysis/fixes/imports.h"
#include "analysis/rules/async_helpers.h"
#include "analysis/semantic/resources.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

constexpr std::size_t kSingleLineLimit = 88;

// One `targets = await call(...)` statement.
struct Step {
  TSNode stmt{};
  TSNode left{};
  TSNode call{};
  std::vector<TSNode> targets;          // bound identifiers of `left`
  std::vector<std::string_view> binds;  // targets and walrus names
  std::vector<std::string_view> reads;  // names the call reads
  std::string_view receiver;            // callee object text for a method of a local value
  TSNode receiver_node{};
  bool writes = false;                // the callee's name says it changes something
  semantic::CallResources resources;  // what the call goes through (semantic/resources.h)
};

void collect_walrus(const RuleContext& ctx, TSNode node, std::vector<std::string_view>& out,
                    std::uint32_t depth = 0) {
  if (ts_node_is_null(node) || depth > 200) return;
  if (syntax::kind(node) == Kind::NamedExpression) {
    out.push_back(ctx.text(syntax::field(node, syntax::fields().name)));
  }
  for (TSNode child : syntax::named_children(node)) collect_walrus(ctx, child, out, depth + 1);
}

std::optional<Step> as_step(const RuleContext& ctx, const semantic::ResourceModel& resources,
                            TSNode stmt, semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  if (syntax::kind(stmt) != Kind::ExpressionStatement || ts_node_named_child_count(stmt) != 1) {
    return std::nullopt;
  }
  TSNode assign = ts_node_named_child(stmt, 0);
  if (syntax::kind(assign) != Kind::Assignment) return std::nullopt;
  if (!ts_node_is_null(syntax::field(assign, f.type))) return std::nullopt;
  TSNode right = h::unparenthesize(syntax::field(assign, f.right));
  if (syntax::kind(right) != Kind::Await || ts_node_named_child_count(right) != 1) {
    return std::nullopt;
  }
  TSNode call = h::unparenthesize(ts_node_named_child(right, 0));
  if (syntax::kind(call) != Kind::Call || h::is_sleep_call(ctx, call, scope)) return std::nullopt;
  // Already concurrent: nesting gathers in a gather helps nobody read the code.
  if (auto qn = h::callee_name(ctx, call, scope)) {
    if (*qn == "asyncio.gather" || *qn == "asyncio.wait") return std::nullopt;
  }

  Step s;
  s.stmt = stmt;
  s.call = call;
  s.left = syntax::field(assign, f.left);
  Kind lk = syntax::kind(s.left);
  if (lk == Kind::Identifier) {
    s.targets.push_back(s.left);
  } else if (lk == Kind::PatternList || lk == Kind::TuplePattern) {
    std::uint32_t n = ts_node_named_child_count(s.left);
    for (std::uint32_t i = 0; i < n; ++i) {
      TSNode t = ts_node_named_child(s.left, i);
      if (syntax::kind(t) != Kind::Identifier) return std::nullopt;
      s.targets.push_back(t);
    }
    if (s.targets.empty()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  for (TSNode t : s.targets) s.binds.push_back(ctx.text(t));
  collect_walrus(ctx, call, s.binds);
  h::collect_reads(ctx, call, s.reads);

  TSNode callee = h::unparenthesize(syntax::field(call, f.function));
  TSNode name =
      syntax::kind(callee) == Kind::Attribute ? syntax::field(callee, f.attribute) : callee;
  s.writes = syntax::kind(name) == Kind::Identifier && h::is_write_name(ctx.text(name));
  bool module_receiver = syntax::kind(callee) == Kind::Attribute &&
                         h::is_module_reference(ctx, syntax::field(callee, f.object), scope);
  if (syntax::kind(callee) == Kind::Attribute && !module_receiver) {
    s.receiver_node = h::unparenthesize(syntax::field(callee, f.object));
    s.receiver = ctx.text(s.receiver_node);
  }
  s.resources = resources.of_call(call, scope, module_receiver);
  s.writes = s.writes || s.resources.writes;
  return s;
}

bool contains(const std::vector<std::string_view>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// `a` and `b` denote the same object or one is an attribute of the other (`proc`,
// `proc.stdout`).
bool same_object(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  if (a.size() > b.size()) std::swap(a, b);
  return b.starts_with(a) && (b.size() == a.size() || b[a.size()] == '.');
}

std::vector<semantic::Resource> everything(const semantic::CallResources& r) {
  std::vector<semantic::Resource> out = r.receiver;
  out.insert(out.end(), r.arguments.begin(), r.arguments.end());
  return out;
}

// An HTTP client may reach the server whose state any earlier call changed.
bool may_observe_anything(const RuleContext& ctx, const Step& s, semantic::ScopeId scope) {
  if (ts_node_is_null(s.receiver_node)) return true;
  if (auto type = ctx.types.type_of(s.receiver_node, scope)) {
    return semantic::ResourceModel::is_concurrency_safe_type(*type);
  }
  std::string name(s.receiver);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name.find("client") != std::string::npos || name.find("http") != std::string::npos;
}

// True when `next` may run concurrently with the earlier step `prev`.
bool independent(const RuleContext& ctx, const Step& prev, const Step& next,
                 semantic::ScopeId scope) {
  if (next.writes) return false;  // must not run when `prev` fails
  // Receivers or arguments built over one session, connection or transaction: `Repo(session)`
  // and `Service(session)`, `self.repo` and `self.session`, two `Depends` sharing a session.
  if (semantic::ResourceModel::share_session(everything(prev.resources),
                                             everything(next.resources))) {
    return false;
  }
  // A write is seen by any later call that may go through the same resource: only receivers
  // told apart (and not an HTTP client, which may read what the server stored) run beside it.
  if (prev.writes &&
      (!prev.resources.has_receiver || !next.resources.has_receiver ||
       !semantic::ResourceModel::distinct(prev.resources.receiver, next.resources.receiver) ||
       may_observe_anything(ctx, next, scope))) {
    return false;
  }
  for (auto r : next.reads) {
    if (contains(prev.binds, r)) return false;  // data dependency
  }
  for (auto b : next.binds) {
    if (contains(prev.binds, b)) return false;  // rebinding the same name
  }
  if (same_object(prev.receiver, next.receiver)) {
    auto type = ctx.types.type_of(next.receiver_node, scope);
    if (!type || !h::is_concurrency_safe_type(*type) || prev.receiver != next.receiver) {
      return false;
    }
  }
  // One call's receiver (of unknown type) handed to the other call: `listener.accept()` and
  // `connect(listener)`.
  for (const Step* a : {&prev, &next}) {
    const Step* b = a == &prev ? &next : &prev;
    if (a->receiver.empty() || syntax::kind(a->receiver_node) != Kind::Identifier) continue;
    if (!contains(b->reads, a->receiver)) continue;
    auto type = ctx.types.type_of(a->receiver_node, scope);
    if (!type || !h::is_concurrency_safe_type(*type)) return false;
  }
  // A session, connection, cursor or WebSocket used by both calls.
  for (auto r : next.reads) {
    if (!contains(prev.reads, r)) continue;
    TSNode ident{};
    // Find one identifier node spelling `r` to resolve its type.
    h::walk_function_body(next.call, [&](TSNode n) {
      if (!ts_node_is_null(ident)) return false;
      if (syntax::kind(n) == Kind::Identifier && ctx.text(n) == r) ident = n;
      return true;
    });
    if (h::is_stateful_value(ctx, ident, scope)) return false;
  }
  return true;
}

std::string callee_display(const RuleContext& ctx, const Step& s) {
  std::string name(ctx.text(syntax::field(s.call, syntax::fields().function)));
  if (name.size() > 40 || name.find('\n') != std::string::npos) name = "...";
  return "`" + name + "`";
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

// The name `asyncio` is reachable under in `scope`, or nullopt when none is and `asyncio`
// cannot be imported either (the name is taken). `add_import` tells whether to import it.
std::optional<std::string> asyncio_name(const RuleContext& ctx, semantic::ScopeId scope,
                                        bool& add_import) {
  add_import = false;
  if (module_is_bound(ctx.model, "asyncio", "asyncio", scope)) return "asyncio";
  for (const auto& [name, ids] : ctx.model.scope(semantic::kModuleScope).names) {
    for (auto id : ids) {
      const auto& b = ctx.model.binding(id);
      if (b.kind == semantic::BindingKind::Import && b.qualified == "asyncio" &&
          module_is_bound(ctx.model, name, "asyncio", scope)) {
        return std::string(name);
      }
    }
  }
  if (!ctx.model.lookup("asyncio", scope).empty()) return std::nullopt;
  add_import = true;
  return "asyncio";
}

// Whether `target` is read or bound again anywhere in the function besides this binding.
bool used_elsewhere(const RuleContext& ctx, TSNode def, TSNode target) {
  std::vector<std::string_view> names;
  h::collect_reads(ctx, syntax::field(def, syntax::fields().body), names);
  return std::count(names.begin(), names.end(), ctx.text(target)) > 1;
}

std::string target_text(const RuleContext& ctx, TSNode def, const Step& s) {
  if (s.targets.size() == 1 && syntax::kind(s.left) == Kind::Identifier) {
    return used_elsewhere(ctx, def, s.targets[0]) ? std::string(ctx.text(s.targets[0])) : "_";
  }
  std::string out = "(";
  for (std::size_t i = 0; i < s.targets.size(); ++i) {
    if (i > 0) out += ", ";
    out += ctx.text(s.targets[i]);
  }
  if (s.targets.size() == 1) out += ",";
  out += ")";
  return out;
}

std::string_view line_ending(std::string_view src, std::uint32_t from) {
  auto pos = src.find_first_of("\r\n", from);
  if (pos == std::string_view::npos || src[pos] == '\n') return "\n";
  return pos + 1 < src.size() && src[pos + 1] == '\n' ? "\r\n" : "\r";
}

bool same_line(std::string_view src, std::uint32_t a, std::uint32_t b) {
  if (a > b) std::swap(a, b);
  return src.substr(a, b - a).find_first_of("\r\n") == std::string_view::npos;
}

std::optional<Fix> gather_fix(const RuleContext& ctx, TSNode def, const std::vector<Step>& run,
                              semantic::ScopeId scope) {
  std::string_view src = ctx.source;
  std::uint32_t start = ts_node_start_byte(run.front().stmt);
  std::uint32_t end = ts_node_end_byte(run.back().stmt);
  auto indent = h::indentation_before(src, start);
  if (!indent) return std::nullopt;
  bool add_import = false;
  auto asyncio = asyncio_name(ctx, scope, add_import);
  if (!asyncio) return std::nullopt;

  // Comments inside the run but outside the calls: trailing ones stay after their call,
  // the others go on their own line before the call that follows them.
  std::vector<std::vector<std::string>> leading(run.size()), trailing(run.size());
  bool any_comment = false;
  TSNode block = syntax::parent(run.front().stmt);
  for (TSNode stmt : syntax::named_children(block)) {
    if (ts_node_end_byte(stmt) <= start || ts_node_start_byte(stmt) >= end) continue;
    h::walk_function_body(stmt, [&](TSNode node) {
      for (const Step& s : run) {
        if (ts_node_start_byte(node) >= ts_node_start_byte(s.call) &&
            ts_node_end_byte(node) <= ts_node_end_byte(s.call)) {
          return false;  // comments inside a call move with it
        }
      }
      if (syntax::kind(node) != Kind::Comment) return true;
      any_comment = true;
      std::uint32_t c = ts_node_start_byte(node);
      std::size_t k = 0;
      while (k < run.size() && ts_node_end_byte(run[k].stmt) <= c) ++k;
      std::string text(ctx.text(node));
      while (!text.empty() && (text.back() == '\r' || text.back() == '\n')) text.pop_back();
      if (k > 0 && same_line(src, ts_node_end_byte(run[k - 1].stmt), c)) {
        trailing[k - 1].push_back(std::move(text));
      } else {
        leading[std::min(k, run.size() - 1)].push_back(std::move(text));
      }
      return false;
    });
  }

  std::string targets;
  std::vector<std::string_view> calls;
  bool multiline_call = false;
  for (std::size_t i = 0; i < run.size(); ++i) {
    if (i > 0) targets += ", ";
    targets += target_text(ctx, def, run[i]);
    calls.push_back(ctx.text(run[i].call));
    if (calls.back().find_first_of("\r\n") != std::string_view::npos) multiline_call = true;
  }
  std::string head = targets + " = await " + *asyncio + ".gather(";
  std::string single = head;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    if (i > 0) single += ", ";
    single += calls[i];
  }
  single += ")";

  std::string replacement;
  if (!any_comment && !multiline_call && indent->size() + single.size() <= kSingleLineLimit) {
    replacement = single;
  } else {
    std::string_view eol = line_ending(src, start);
    std::string inner = std::string(*indent) + "    ";
    replacement = head;
    for (std::size_t i = 0; i < calls.size(); ++i) {
      for (const auto& c : leading[i]) replacement += std::string(eol) + inner + c;
      replacement += std::string(eol) + inner + std::string(calls[i]) + ",";
      for (const auto& c : trailing[i]) replacement += "  " + c;
    }
    replacement += std::string(eol) + std::string(*indent) + ")";
  }

  Fix fix;
  fix.title = "Convert to `asyncio.gather`";
  fix.applicability = Applicability::Unsafe;
  fix.rewrite = true;
  if (add_import) fix.edits.push_back(insert_import_statement(ctx.model, "import asyncio"));
  fix.edits.push_back(TextEdit{{start, end}, std::move(replacement)});
  std::sort(fix.edits.begin(), fix.edits.end(),
            [](const TextEdit& a, const TextEdit& b) { return a.range.start < b.range.start; });
  return fix;
}

void report(const RuleContext& ctx, TSNode def, const std::vector<Step>& run,
            semantic::ScopeId scope, DiagnosticSink& out) {
  if (run.size() < 2) return;
  if (h::is_trio_program(ctx)) return;  // checked last: it scans every binding
  Diagnostic d;
  d.rule = RuleId::LW301;
  d.severity = rule_info(RuleId::LW301).default_severity;
  d.range = ByteRange{ts_node_start_byte(run.front().stmt), ts_node_end_byte(run.back().stmt)};
  std::vector<std::string> names;
  for (const Step& s : run) names.push_back(callee_display(ctx, s));
  d.message = std::to_string(run.size()) + " independent awaits run one after another (" +
              join_names(names) + "); run them concurrently with `asyncio.gather`" +
              (ctx.options.target_has(11) ? " (or an `asyncio.TaskGroup`)" : "");
  if (auto fix = gather_fix(ctx, def, run, scope)) d.fixes.push_back(std::move(*fix));
  out.report(std::move(d));
}

void scan_block(const RuleContext& ctx, const semantic::ResourceModel& resources, TSNode def,
                TSNode block, semantic::ScopeId scope, DiagnosticSink& out) {
  std::vector<Step> run;
  for (TSNode stmt : syntax::named_children(block)) {
    if (syntax::kind(stmt) == Kind::Comment) continue;
    auto step = as_step(ctx, resources, stmt, scope);
    if (!step) {
      report(ctx, def, run, scope, out);
      run.clear();
      continue;
    }
    bool fits = std::all_of(run.begin(), run.end(),
                            [&](const Step& prev) { return independent(ctx, prev, *step, scope); });
    if (!fits) {
      report(ctx, def, run, scope, out);
      run.clear();
    }
    run.push_back(std::move(*step));
  }
  report(ctx, def, run, scope, out);
}

}  // namespace

void check_sequential_awaits(const RuleContext& ctx, const semantic::Site& site,
                             DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW301) || !syntax::is_async(site.node)) return;
  auto scope = ctx.model.scope_of(site.node);
  if (!scope) return;
  TSNode body = syntax::field(site.node, syntax::fields().body);
  const semantic::ResourceModel resources(ctx.source, ctx.model, ctx.types);
  // Blocks are found in compound statements only: expressions and simple statements are not
  // entered (they are most of the nodes).
  h::walk_function_body(body, [&](TSNode node) {
    switch (syntax::kind(node)) {
      case Kind::Block:
        scan_block(ctx, resources, site.node, node, *scope, out);
        return true;
      case Kind::ExpressionStatement:
      case Kind::ReturnStatement:
      case Kind::RaiseStatement:
      case Kind::AssertStatement:
      case Kind::PassStatement:
      case Kind::BreakStatement:
      case Kind::ContinueStatement:
      case Kind::ImportStatement:
      case Kind::ImportFromStatement:
      case Kind::GlobalStatement:
      case Kind::NonlocalStatement:
      case Kind::Comment:
        return false;
      default:
        return true;
    }
  });
}

}  // namespace lw::analysis
