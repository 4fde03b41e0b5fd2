#pragma once
// A shortest edit script between two sequences of lines (Myers' O((N+M)D) algorithm), for
// giving the lines of a fixed notebook module back to their cells. Pure.
#include <cstddef>
#include <string_view>
#include <vector>

namespace lw::server::notebook {

struct LineOp {
  enum Kind { Equal, Delete, Insert } kind = Equal;
  std::size_t old_line = 0;  // Equal, Delete
  std::size_t new_line = 0;  // Equal, Insert
};

// The operations in order: every old line is Equal or Delete, every new line Equal or Insert.
std::vector<LineOp> diff_lines(const std::vector<std::string_view>& before,
                               const std::vector<std::string_view>& after);

}  // namespace lw::server::notebook
