#pragma once
// LW401 on-event-deprecated: `@app.on_event("startup")` / `@app.on_event("shutdown")` on a
// FastAPI, APIRouter or Starlette instance: deprecated in favour of a `lifespan` async context
// manager (and ignored altogether once the app has a `lifespan`). An event given as a
// variable counts too; a string literal naming another event does not (FastAPI has none).
// Reported at the decorator.
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_on_event_deprecated(const RuleContext& ctx, const semantic::Site& site,
                               DiagnosticSink& out);

}  // namespace lw::analysis
