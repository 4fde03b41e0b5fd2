#include "analysis/fixes/blocking_fixes.h"

#include <algorithm>
#include <optional>
#include <string>

#include "analysis/fixes/await_position.h"
#include "analysis/fixes/imports.h"
#include "analysis/fixes/make_handler_sync.h"
#include "analysis/fixes/wrap_in_thread.h"
#include "analysis/one_of.h"

namespace lw::analysis {
namespace {

bool in_module(std::string_view target, std::string_view module) {
  return target.starts_with(module) && target.size() > module.size() &&
         target[module.size()] == '.';
}

// `time.sleep(x)` -> `await asyncio.sleep(x)` where the call may take an `await` as it stands
// (not as the object of `.attr`, `[...]` or a call: `time.sleep()` returns None anyway).
std::optional<Fix> sleep_fix(const RuleContext& ctx, const semantic::Site& call) {
  if (!await_allowed(ctx.model, call.context) || await_needs_parentheses(call.node)) {
    return std::nullopt;
  }
  auto name = import_name(ctx.model, call.context.scope, ts_node_start_byte(call.node), "asyncio",
                          "sleep", ImportStyle::Module);
  if (!name) return std::nullopt;
  Fix fix;
  fix.title = "Replace with `await asyncio.sleep(...)`";
  fix.applicability = Applicability::Safe;
  if (name->edit) fix.edits.push_back(std::move(*name->edit));
  TSNode callee = syntax::field(call.node, syntax::fields().function);
  fix.edits.push_back(TextEdit{range_of(callee), "await " + name->expression});
  std::stable_sort(fix.edits.begin(), fix.edits.end(), [](const TextEdit& a, const TextEdit& b) {
    return a.range.start < b.range.start;
  });
  return fix;
}

Fix note(std::string title) {
  Fix fix;
  fix.title = std::move(title);
  fix.applicability = Applicability::DisplayOnly;
  return fix;
}

// A pointer to the async replacement, where RULES.md lists one (no automatic rewrite).
std::optional<Fix> async_alternative(RuleId rule, std::string_view target) {
  switch (rule) {
    case RuleId::LW101:
      if (in_module(target, "requests") || in_module(target, "httpx")) {
        return note(
            "Use `httpx.AsyncClient` (`await client.get(...)`); not rewritten automatically: "
            "the response API differs");
      }
      break;
    case RuleId::LW103:
      if (one_of({"builtins.open", "io.open"}, target)) {
        return note("Use `aiofiles.open(...)` or `anyio.open_file(...)` (async file objects)");
      }
      if (in_module(target, "pathlib.Path")) return note("Use `anyio.Path` (async path methods)");
      break;
    case RuleId::LW104:
      if (one_of({"os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput"},
                 target)) {
        return note("Use `await asyncio.create_subprocess_shell(...)`");
      }
      if (in_module(target, "subprocess") || target.starts_with("os.spawn") ||
          target.starts_with("os.posix_spawn")) {
        return note("Use `await asyncio.create_subprocess_exec(...)`");
      }
      break;
    default:
      break;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Fix> blocking_call_fixes(const RuleContext& ctx, const semantic::Site& call,
                                     RuleId rule, std::string_view target) {
  std::vector<Fix> fixes;
  if (rule == RuleId::LW102) {
    if (auto fix = sleep_fix(ctx, call)) fixes.push_back(std::move(*fix));
  }
  if (fixes.empty()) {
    if (prefers_run_in_threadpool(ctx.model)) {
      if (auto fix = wrap_in_thread_fix(ctx, call, ThreadRunner::RunInThreadpool)) {
        fixes.push_back(std::move(*fix));
      }
    }
    if (auto fix = wrap_in_thread_fix(ctx, call, ThreadRunner::ToThread)) {
      fixes.push_back(std::move(*fix));
    }
  }
  if (auto fix = make_handler_sync_fix(ctx, call.context)) fixes.push_back(std::move(*fix));
  if (auto fix = async_alternative(rule, target)) fixes.push_back(std::move(*fix));
  return fixes;
}

}  // namespace lw::analysis
