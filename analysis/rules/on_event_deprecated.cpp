#include "analysis/rules/on_event_deprecated.h"

#include <string>

#include "analysis/rules/async_helpers.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

// "startup" / "shutdown" from a plain string literal, empty otherwise.
std::string_view event_name(const RuleContext& ctx, TSNode arg) {
  if (syntax::kind(arg) != Kind::String) return {};
  std::string_view text = ctx.text(arg);
  for (std::string_view event : {std::string_view("startup"), std::string_view("shutdown")}) {
    if (text.size() == event.size() + 2 && (text.front() == '"' || text.front() == '\'') &&
        text.back() == text.front() && text.substr(1, event.size()) == event) {
      return event;
    }
  }
  return {};
}

}  // namespace

void check_on_event_deprecated(const RuleContext& ctx, const semantic::Site& site,
                               DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW401)) return;
  const auto& f = syntax::fields();
  TSNode call = ts_node_named_child(site.node, 0);
  if (syntax::kind(call) != Kind::Call) return;
  TSNode callee = syntax::field(call, f.function);
  if (syntax::kind(callee) != Kind::Attribute ||
      ctx.text(syntax::field(callee, f.attribute)) != "on_event") {
    return;
  }
  if (!ctx.framework.is_app_or_router(syntax::field(callee, f.object), site.context.scope)) return;
  TSNode arg = h::positional_argument(call, 0);
  if (ts_node_is_null(arg)) arg = h::keyword_argument(ctx, call, "event_type");
  if (ts_node_is_null(arg)) return;
  std::string_view event = event_name(ctx, arg);
  if (event.empty() && syntax::kind(arg) == Kind::String) return;  // not an event FastAPI has
  Diagnostic d;
  d.rule = RuleId::LW401;
  d.severity = rule_info(RuleId::LW401).default_severity;
  d.range = range_of(site.node);
  d.deprecated = true;
  std::string where = event == "startup"    ? "before the `yield` of"
                      : event == "shutdown" ? "after the `yield` of"
                                            : "around the `yield` of";
  std::string shown = event.empty() ? "on_event(...)" : "on_event(\"" + std::string(event) + "\")";
  d.message =
      "`" + shown + "` is deprecated (and skipped when the app has a `lifespan`); move this code " +
      where + " an `@asynccontextmanager` lifespan function passed as `FastAPI(lifespan=...)`";
  out.report(std::move(d));
}

}  // namespace lw::analysis
