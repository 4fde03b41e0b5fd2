#pragma once
// Library summaries (index/summary.h, ModuleIdentity::library) keep only what a function does
// on its ordinary path: library code is full of blocking calls that rarely run (lazy set-up,
// error reporting, import-time configuration). These predicates say what is left out.
#include <tree_sitter/api.h>

#include "analysis/rules/rule_context.h"

namespace lw::analysis::index {

// Whether `call` (inside the def `function`) runs on the function's ordinary path: not in an
// `except` clause, not in a branch that ends in `raise` (error reporting), not under
// `if TYPE_CHECKING:`, not in a one-time initialisation (`if X is None:` / `if not X:` whose
// block assigns X, as lazy clients and module-level "loaded" flags do).
bool on_ordinary_path(const RuleContext& ctx, TSNode call, TSNode function);

// Whether the def is memoised (`@functools.cache`, `@lru_cache(...)`, `@cached_property`):
// whatever it does runs once per argument, not on every call.
bool is_memoised(const RuleContext& ctx, TSNode function, semantic::ScopeId outer);

}  // namespace lw::analysis::index
