#pragma once
// Shared by the rules about `yield` in async generators (LW502, LW505): which `with` blocks
// hold a `yield`, which cancel scope one of them enters, and whether the generator is really
// a context manager or a fixture (where the `yield` hands control to a block that runs in the
// same task, which is the point).
#include <optional>
#include <vector>

#include "analysis/rules/cancel_scopes.h"
#include "analysis/rules/rule_context.h"

namespace lw::analysis {

// Decorated with `@asynccontextmanager` (contextlib, any import spelling, or any decorator of
// that name), `@pytest.fixture` / `@pytest_asyncio.fixture`; or passed to
// `asynccontextmanager(f)`, `Depends(f)` / `Security(f)` (FastAPI enters yield dependencies
// as context managers) or as `lifespan=f` anywhere in the file. `outer` is the scope the def
// is bound in.
bool is_context_manager_generator(const RuleContext& ctx, TSNode def, semantic::ScopeId outer);

// The `with` / `async with` statements between `yield_node` and its function `def` whose body
// holds the yield, innermost first (not the items: a `yield` in an item runs before entering).
std::vector<TSNode> with_blocks_holding(TSNode yield_node, TSNode def);

// The first task group / timeout / cancel scope (cancel_scopes.h) entered by one of `blocks`
// (innermost first): LW502's business.
std::optional<cancel_scopes::ScopeApi> scope_api_of_blocks(const RuleContext& ctx,
                                                           const std::vector<TSNode>& blocks,
                                                           semantic::ScopeId scope);

}  // namespace lw::analysis
