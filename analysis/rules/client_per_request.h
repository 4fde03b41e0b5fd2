#pragma once
// LW303 client-per-request: `httpx.AsyncClient()` / `aiohttp.ClientSession()` constructed in
// the body of a route handler (information) or in the body of a loop in async context
// (warning): every construction opens a new connection pool (TCP and TLS handshakes, no
// keep-alive reuse). Suggest one shared client created in the app's `lifespan`, or created
// once before the loop. Nested defs and lambdas inside the handler are not its body.
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_client_per_request(const RuleContext& ctx, const semantic::Site& site,
                              DiagnosticSink& out);

}  // namespace lw::analysis
