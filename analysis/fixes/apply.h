#pragma once
// Applying fixes to a text: pure functions over bytes (no I/O, no parsing). What the command
// line's `--fix`, the golden tests and an editor's "fix all" share.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/diagnostics/diagnostic.h"

namespace lw::analysis {

struct AppliedFixes {
  std::string text;
  std::vector<std::size_t> applied;  // indices into the input that were applied, ascending
};

// Applies as many of `fixes` as can go together in one pass, and returns the new text.
// - Fixes are taken by position (their first edit), ties in input order.
// - An edit identical to one already taken is applied once: two fixes that both add
//   `import asyncio` add it once (such a fix still counts as applied).
// - A fix conflicting with one already taken is left out, for a later pass over the
//   re-analysed text. Conflicts: the span of a fix's edits (from its first to its last
//   change) overlaps another's, or touches it where one of them inserts (the order of two
//   insertions at one point is not defined); an edit inside another fix's isolation range.
//   Whole-line insertions (an import added at the start of a line) are compared one by one
//   instead: they conflict only with a replacement that swallows their position.
// - A fix whose edits are out of range, unsorted or overlapping each other is never applied.
AppliedFixes apply_fixes(std::string_view text, std::span<const Fix* const> fixes);

// Applies the edits of one fix (sorted, non-overlapping; anything else leaves `text` as it
// is): what an editor does with a code action's edit.
std::string apply_edits(std::string_view text, std::span<const TextEdit> edits);

// The one edit that turns `before` into `after`: the differing middle, between the longest
// common prefix and suffix (an empty replacement of an empty range when they are equal).
TextEdit whole_change(std::string_view before, std::string_view after);

}  // namespace lw::analysis
