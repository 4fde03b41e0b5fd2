#pragma once
// How the block of an exception handler can be left, for LW501 (cancellation_swallowed.h):
// falls through, re-raises the handled exception (a bare `raise` or `raise <bound name>`),
// returns, breaks, continues, or raises something else, through if/elif/else, loops, nested
// try/except/else/finally, with and match. Conditions that test the bound exception's type
// (`isinstance(exc, Exception)`, `type(exc) is CancelledError`) decide which branches a
// CancelledError takes; a call to a `-> NoReturn` function of the file handed the exception
// counts as a re-raise.
#include <cstdint>
#include <string_view>

#include "analysis/rules/rule_context.h"

namespace lw::analysis::handler_flow {

// What a statement (sequence) can do, as a set of ways to leave it.
using Outcomes = std::uint8_t;
constexpr Outcomes kNormal = 1;   // falls through to the next statement
constexpr Outcomes kReraise = 2;  // re-raises the caught exception
constexpr Outcomes kReturn = 4;
constexpr Outcomes kBreak = 8;
constexpr Outcomes kContinue = 16;
constexpr Outcomes kRaiseOther = 32;                            // raises a different exception
constexpr Outcomes kEscape = kReraise | kReturn | kRaiseOther;  // leave any enclosing loop

// What an except clause catches that matters here.
enum class Caught : std::uint8_t { Nothing, CancelledError, BaseException, Bare };

Caught classify_type(const RuleContext& ctx, TSNode expr, semantic::ScopeId scope, int depth);

// The statements-holding child of a clause that has no `body` field (except/finally/case).
TSNode clause_block(TSNode clause);

// The ways `node` (a block, or one statement standing in for one) in `scope` can be left while
// it handles a CancelledError bound to `bound` ("" when the handler names none). `depth`
// counts the nesting already walked (deeper than 200: a re-raise is assumed, precision first).
Outcomes outcomes(const RuleContext& ctx, semantic::ScopeId scope, std::string_view bound,
                  TSNode node, int depth);

}  // namespace lw::analysis::handler_flow
