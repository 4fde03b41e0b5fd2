#pragma once
// LW207 await-outside-async: `await`, `async for`, `async with` outside an `async def` (see
// await_outside_async.cpp).
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

void check_await_outside_async(const RuleContext& ctx, const semantic::Site& site,
                               DiagnosticSink& out);

}  // namespace lw::analysis
