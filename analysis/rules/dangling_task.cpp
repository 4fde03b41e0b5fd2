// LW202 dangling-task.
//
// What: `asyncio.create_task(...)`, `asyncio.ensure_future(...)` or `loop.create_task(...)`
// (a loop from `get_running_loop()`/`get_event_loop()`/`new_event_loop()` or annotated
// `AbstractEventLoop`) whose task object is dropped: an expression statement; an element of a
// list/tuple/set display (or the element of a list/set comprehension) that is itself
// discarded; only tested for truth (`x if create_task(c) else y`); entered as a `with` item;
// assigned to a local name that the function never reads (not in a nested def or lambda,
// `del`, `return`, an argument: any read counts; a `global`/`nonlocal` name is not local).
// Why: the event loop keeps only a weak reference to tasks; an unreferenced task can be
// garbage-collected before it finishes, and its exception is never retrieved.
// Not reported: the result is stored, awaited, passed on, or bound to a name that is read;
// `TaskGroup.create_task` (the group keeps its tasks); a generator expression (never run
// when dropped).
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

enum class Drop : std::uint8_t { Statement, Display, TruthTest, WithItem, UnreadLocal };

std::string_view how(Drop drop) {
  switch (drop) {
    case Drop::Statement:
      return "is discarded";
    case Drop::Display:
      return "is put in a collection that is discarded";
    case Drop::TruthTest:
      return "is only tested for truth, then dropped";
    case Drop::WithItem:
      return "is entered as a context manager (a TypeError), then dropped";
    case Drop::UnreadLocal:
      return "is bound to a local name that is never read";
  }
  return "is discarded";
}

// How a task created inside an expression is dropped, if it is.
std::optional<Drop> dropped_in_expression(const RuleContext& ctx, const semantic::Site& site) {
  const semantic::ScopeId scope = site.context.scope;
  const ValueUse use = classify_use(ctx, site.node, scope);
  switch (use.kind) {
    case UseKind::TruthTested:
      return Drop::TruthTest;
    case UseKind::Entered:
      return Drop::WithItem;
    case UseKind::AssignedToName: {
      auto reads = reads_of_single_binding(ctx, use.user, scope);
      if (reads && reads->complete && reads->reads.empty()) return Drop::UnreadLocal;
      return std::nullopt;
    }
    case UseKind::Escapes: {
      // `[create_task(a), create_task(b)]` / `(t1, t2)` / `{...}` as a statement, or the
      // element of a list/set comprehension statement.
      const TSNode display = use.user;
      switch (syntax::kind(display)) {
        case Kind::List:
        case Kind::Tuple:
        case Kind::Set:
          break;
        case Kind::ListComprehension:
        case Kind::SetComprehension:
          if (!ts_node_eq(strip_parentheses(syntax::field(display, syntax::fields().body)),
                          use.value)) {
            return std::nullopt;
          }
          break;
        default:
          return std::nullopt;
      }
      if (classify_use(ctx, display, scope).kind == UseKind::Discarded) return Drop::Display;
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

void check_dangling_task(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW202)) return;
  TSNode parent = syntax::parent(site.node);
  const bool statement = syntax::kind(parent) == Kind::ExpressionStatement;
  auto what = spawner(ctx, site.node, site.context.scope);
  if (!what) return;
  const std::optional<Drop> drop =
      statement ? std::optional<Drop>(Drop::Statement) : dropped_in_expression(ctx, site);
  if (!drop) return;
  Diagnostic d;
  d.rule = RuleId::LW202;
  d.severity = rule_info(RuleId::LW202).default_severity;
  d.range = range_of(site.node);
  d.message = "The task created by `" + *what + "()` " + std::string(how(*drop)) +
              ": the event loop keeps only a weak reference, so it can be "
              "garbage-collected before it finishes and its exception is lost; keep a reference "
              "(a set that discards finished tasks)";
  if (ctx.options.target_has(11)) d.message += " or use `asyncio.TaskGroup`";
  // `create_task(a), create_task(b)` is one statement: no single task to keep.
  if (statement && ts_node_named_child_count(parent) == 1) {
    if (auto fix = keep_reference_fix(ctx, site, parent)) d.fixes.push_back(std::move(*fix));
  }
  out.report(std::move(d));
}

}  // namespace lw::analysis
