// LW202 dangling-task.
//
// What: `asyncio.create_task(...)`, `asyncio.ensure_future(...)` or `loop.create_task(...)`
// (a loop from `get_running_loop()`/`get_event_loop()`/`new_event_loop()` or annotated
// `AbstractEventLoop`) as an expression statement: the task object is discarded.
// Why: the event loop keeps only a weak reference to tasks; an unreferenced task can be
// garbage-collected before it finishes, and its exception is never retrieved.
// Not reported: the result is bound, stored, awaited or passed on; `TaskGroup.create_task`
// (the group keeps its tasks).
// Fix (unsafe): keep a reference in a module-level set that discards finished tasks.
#include "analysis/rules/dangling_task.h"

#include <array>
#include <string>

#include "analysis/fixes/imports.h"
#include "analysis/rules/value_use.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

constexpr std::array<std::string_view, 4> kTaskFunctions = {
    "asyncio.create_task", "asyncio.ensure_future", "asyncio.tasks.create_task",
    "asyncio.tasks.ensure_future"};

// What the call spawns a task with, for the message; nothing when it is not a task spawner.
std::optional<std::string> spawner(const RuleContext& ctx, TSNode call, semantic::ScopeId scope) {
  const auto& f = syntax::fields();
  TSNode callee = strip_parentheses(syntax::field(call, f.function));
  if (auto qn = ctx.model.qualified_name(callee, scope)) {
    for (auto name : kTaskFunctions) {
      if (*qn != name) continue;
      return "asyncio." + std::string(name.substr(name.rfind('.') + 1));
    }
    return std::nullopt;
  }
  if (syntax::kind(callee) != Kind::Attribute) return std::nullopt;
  if (ctx.text(syntax::field(callee, f.attribute)) != "create_task") return std::nullopt;
  auto type = ctx.types.type_of(syntax::field(callee, f.object), scope);
  if (type && *type == "asyncio.AbstractEventLoop") return std::string("loop.create_task");
  return std::nullopt;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// A name not bound anywhere visible from `scope` nor in the module.
std::string fresh_name(const RuleContext& ctx, semantic::ScopeId scope, std::string_view base) {
  std::string name(base);
  for (int i = 2; i < 100; ++i) {
    if (ctx.model.lookup(name, scope).empty() &&
        ctx.model.scope(semantic::kModuleScope).names.count(name) == 0) {
      return name;
    }
    name = std::string(base) + "_" + std::to_string(i);
  }
  return {};
}

// `asyncio.create_task(x)` -> `task = asyncio.create_task(x)` + the set bookkeeping, when
// the statement stands alone on its line(s).
std::optional<Fix> keep_reference_fix(const RuleContext& ctx, const semantic::Site& site,
                                      TSNode statement) {
  std::string_view src = ctx.source;
  std::uint32_t start = ts_node_start_byte(statement);
  std::uint32_t end = ts_node_end_byte(statement);
  std::uint32_t line_start = start;
  while (line_start > 0 && src[line_start - 1] != '\n' && src[line_start - 1] != '\r') {
    --line_start;
  }
  for (std::uint32_t i = line_start; i < start; ++i) {
    if (!is_space(src[i])) return std::nullopt;  // `if x: create_task(...)` on one line
  }
  std::uint32_t after = end;
  while (after < src.size() && is_space(src[after])) ++after;
  if (after < src.size() && src[after] != '\n' && src[after] != '\r' && src[after] != '#') {
    return std::nullopt;  // `create_task(...); other()`
  }
  if (!ctx.model.lookup("set", semantic::kModuleScope).empty()) return std::nullopt;
  std::string indent(src.substr(line_start, start - line_start));
  std::string eol = "\n";
  if (auto nl = src.find('\n'); nl != std::string_view::npos && nl > 0 && src[nl - 1] == '\r') {
    eol = "\r\n";
  }

  Fix fix;
  fix.title = "Keep a reference to the task until it finishes";
  fix.applicability = Applicability::Unsafe;
  // The module-level set: reuse `background_tasks = set()` / `_background_tasks = set()`.
  std::string tasks;
  const auto& module = ctx.model.scope(semantic::kModuleScope);
  for (std::string_view candidate : {"background_tasks", "_background_tasks"}) {
    auto it = module.names.find(candidate);
    if (it == module.names.end() || it->second.size() != 1) continue;
    const auto& b = ctx.model.binding(it->second[0]);
    if (b.kind == semantic::BindingKind::Assignment && !b.unpacked &&
        ctx.text(b.value) == "set()" &&
        ctx.model.lookup(candidate, site.context.scope).size() == 1) {
      tasks = std::string(candidate);
      break;
    }
  }
  if (tasks.empty()) {
    tasks = fresh_name(ctx, site.context.scope, "_background_tasks");
    if (tasks.empty()) return std::nullopt;
    fix.edits.push_back(insert_import_statement(ctx.model, tasks + " = set()"));
  }
  std::string task = fresh_name(ctx, site.context.scope, "task");
  if (task.empty()) return std::nullopt;
  fix.edits.push_back(TextEdit{{start, start}, task + " = "});
  fix.edits.push_back(TextEdit{{end, end},
                               eol + indent + tasks + ".add(" + task + ")" + eol + indent + task +
                                   ".add_done_callback(" + tasks + ".discard)"});
  if (fix.edits.size() == 3 && fix.edits[0].range.start > start) {
    return std::nullopt;  // the set would be defined after its use
  }
  return fix;
}

}  // namespace

void check_dangling_task(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW202)) return;
  TSNode parent = syntax::parent(site.node);
  if (syntax::kind(parent) != Kind::ExpressionStatement) return;
  auto what = spawner(ctx, site.node, site.context.scope);
  if (!what) return;
  Diagnostic d;
  d.rule = RuleId::LW202;
  d.severity = rule_info(RuleId::LW202).default_severity;
  d.range = range_of(site.node);
  d.message = "The task created by `" + *what +
              "()` is discarded: the event loop keeps only a weak reference, so it can be "
              "garbage-collected before it finishes and its exception is lost; keep a reference "
              "(a set that discards finished tasks) or use `asyncio.TaskGroup`";
  if (auto fix = keep_reference_fix(ctx, site, parent)) d.fixes.push_back(std::move(*fix));
  out.report(std::move(d));
}

}  // namespace lw::analysis
