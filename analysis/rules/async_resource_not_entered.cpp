// LW204 async-resource-not-entered.
//
// What: an async resource (`httpx.AsyncClient()`, `aiohttp.ClientSession()`,
// `aiosqlite.connect()`; async_resources.inc) constructed and bound to a local name that the
// function never enters (`async with client`), closes (`client.aclose()` / `client.close()`)
// or awaits (`await conn`, for awaitable resources); or constructed and used in place
// (`httpx.AsyncClient().get(url)`). Reported at the construction.
// Why: the client's connection pool (or the aiosqlite connection thread) is never released;
// an unawaited aiosqlite connection is never even opened.
// Not reported: the name escapes (returned, yielded, stored, passed to any call, read from a
// nested function), module-level clients (shared clients closed elsewhere, e.g. in a
// lifespan), a name with other bindings in the function, the construction entered or
// awaited directly.
#include "analysis/rules/async_resource_not_entered.h"

#include <string>

#include "analysis/rules/async_resources.h"
#include "analysis/rules/value_use.h"
#include "analysis/syntax/navigation.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

bool closes(const RuleContext& ctx, TSNode attribute, const AsyncResource& resource) {
  std::string_view attr = ctx.text(syntax::field(attribute, syntax::fields().attribute));
  return attr == resource.close || attr == "close" || attr == "aclose" || attr == "__aenter__" ||
         attr == "__aexit__";
}

// True when one read of the name enters, closes, awaits or hands on the resource.
bool handled(const RuleContext& ctx, TSNode read, semantic::ScopeId scope,
             const AsyncResource& resource) {
  const auto& f = syntax::fields();
  TSNode parent = syntax::parent(read);
  if (syntax::kind(parent) == Kind::Attribute &&
      ts_node_eq(syntax::field(parent, f.object), read)) {
    return closes(ctx, parent, resource);  // other methods are ordinary uses
  }
  switch (classify_use(ctx, read, scope).kind) {
    case UseKind::TruthTested:
    case UseKind::NonAwaitable:
    case UseKind::Discarded:
      return false;
    default:
      return true;  // awaited, entered, returned, assigned elsewhere, passed on
  }
}

}  // namespace

void check_async_resource_not_entered(const RuleContext& ctx, const semantic::Site& site,
                                      DiagnosticSink& out) {
  if (!ctx.enabled(RuleId::LW204)) return;
  const AsyncResource* resource = async_resource(ctx, site.node, site.context.scope);
  if (resource == nullptr) return;
  std::string what = "`" + std::string(resource->constructor) + "()`";
  std::string message;
  TSNode parent = syntax::parent(site.node);
  if (syntax::kind(parent) == Kind::Attribute &&
      ts_node_eq(syntax::field(parent, syntax::fields().object), site.node)) {
    if (closes(ctx, parent, *resource)) return;
    message = what +
              " is used in place and never closed: its connections leak; create it with "
              "`async with " +
              std::string(resource->constructor) + "() as client:`";
  } else {
    ValueUse use = classify_use(ctx, site.node, site.context.scope);
    if (use.kind != UseKind::AssignedToName) return;
    auto reads = reads_of_single_binding(ctx, use.user, site.context.scope);
    if (!reads || !reads->complete) return;
    for (TSNode read : reads->reads) {
      if (handled(ctx, read, site.context.scope, *resource)) return;
    }
    std::string name(ctx.text(use.user));
    if (resource->awaitable) {
      message = what + " is assigned to `" + name +
                "` but neither awaited nor entered: the connection is never opened or closed; "
                "use `async with " +
                std::string(resource->constructor) + "(...) as " + name + ":`";
    } else {
      message = what + " is assigned to `" + name +
                "` but never entered with `async with` nor "
                "closed with `await " +
                name + "." + std::string(resource->close) +
                "()`: its connections leak; use `async with " + std::string(resource->constructor) +
                "() as " + name + ":` (or close it in a `finally`)";
    }
  }
  Diagnostic d;
  d.rule = RuleId::LW204;
  d.severity = rule_info(RuleId::LW204).default_severity;
  d.range = range_of(site.node);
  d.message = std::move(message);
  out.report(std::move(d));
}

}  // namespace lw::analysis
