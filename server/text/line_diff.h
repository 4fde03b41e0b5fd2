#pragma once
// A shortest edit script between two sequences of lines (Myers' O((N+M)D) algorithm): what
// `check --diff` prints (cli/unified_diff.h) and how a fixed notebook module's lines go back
// to their cells (notebook/notebook.h). Pure.
#include <cstddef>
#include <string_view>
#include <vector>

namespace lw::server::text {

struct LineOp {
  enum Kind { Equal, Delete, Insert } kind = Equal;
  std::size_t old_line = 0;  // Equal, Delete; for an Insert, the old line it comes before
  std::size_t new_line = 0;  // Equal, Insert; for a Delete, the new line it comes before
};

// The operations in order: every old line is Equal or Delete, every new line Equal or Insert.
// Edit distances beyond a few thousand lines are not searched (memory grows with the square of
// the distance): the changed middle is then one block of deletions followed by insertions,
// still a correct script.
std::vector<LineOp> diff_lines(const std::vector<std::string_view>& before,
                               const std::vector<std::string_view>& after);

}  // namespace lw::server::text
