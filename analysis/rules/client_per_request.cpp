#include "analysis/rules/client_per_request.h"

#include <string>

#include "analysis/rules/async_helpers.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;
namespace h = async_helpers;

// The loop whose body (not its iterable or condition) contains `node`, up to the function.
TSNode enclosing_loop_body(TSNode node, TSNode function) {
  const auto& f = syntax::fields();
  TSNode child = node;
  for (TSNode p = syntax::parent(node); !ts_node_is_null(p); p = syntax::parent(p)) {
    if (!ts_node_is_null(function) && p.id == function.id) return TSNode{};
    Kind k = syntax::kind(p);
    if (k == Kind::FunctionDefinition || k == Kind::Lambda || k == Kind::ClassDefinition) {
      return TSNode{};
    }
    if ((k == Kind::ForStatement || k == Kind::WhileStatement) &&
        syntax::field(p, f.body).id == child.id) {
      return p;
    }
    child = p;
  }
  return TSNode{};
}

}  // namespace

void check_client_per_request(const RuleContext& ctx, const semantic::Site& site,
                              DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW303)) return;
  auto qn = h::callee_name(ctx, site.node, site.context.scope);
  if (!qn) return;
  const std::string* type = semantic::class_type(*qn);
  if (type == nullptr || (*type != "httpx.AsyncClient" && *type != "aiohttp.ClientSession")) {
    return;
  }
  TSNode function = h::function_node(ctx, site.context);
  bool in_loop =
      site.context.async_context && !ts_node_is_null(enclosing_loop_body(site.node, function));
  bool in_handler = h::in_route_handler(ctx, site.context);
  if (!in_loop && !in_handler) return;

  std::string name = *type == "httpx.AsyncClient" ? "httpx.AsyncClient" : "aiohttp.ClientSession";
  Diagnostic d;
  d.rule = RuleId::LW303;
  d.range = range_of(site.node);
  if (in_loop) {
    d.severity = Severity::Warning;
    d.message = "A new `" + name +
                "` is created on every loop iteration, each with its own connection pool; "
                "create one client before the loop (or share one created in the app's "
                "`lifespan`) and reuse it";
  } else {
    d.severity = rule_info(RuleId::LW303).default_severity;
    d.message = "A new `" + name + "` is created for every request to `" +
                std::string(ctx.model.function_name(site.context)) +
                "`, so connections are never reused; create one shared client in the app's "
                "`lifespan` and hand it to handlers (e.g. through `app.state` or a dependency)";
  }
  out.report(std::move(d));
}

}  // namespace lw::analysis
