#pragma once
// Where a fix may turn an expression into `await <expression>`, and how to write it there.
#include <tree_sitter/api.h>

#include "analysis/semantic/model.h"

namespace lw::analysis {

// True when `await expr` must be parenthesised to keep its meaning: `expr` is the object of
// an attribute (`(await f()).json()`), the value of a subscript or the callee of a call.
// Everywhere else `await` (a primary-level operator) binds at least as tightly as needed.
bool await_needs_parentheses(TSNode expr);

// True when code at `context` may gain an `await`: async context (an `async def` body, not a
// nested def/lambda/class body) and not inside a generator expression, where `await` would
// turn the generator into an async generator.
bool await_allowed(const semantic::SemanticModel& model, const semantic::Context& context);

}  // namespace lw::analysis
