#include "server/notebook/line_diff.h"

#include <algorithm>

namespace lw::server::notebook {

std::vector<LineOp> diff_lines(const std::vector<std::string_view>& a,
                               const std::vector<std::string_view>& b) {
  // The common prefix and suffix first: fixes change little.
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const auto n = static_cast<std::ptrdiff_t>(a.size() - prefix - suffix);
  const auto m = static_cast<std::ptrdiff_t>(b.size() - prefix - suffix);
  const auto A = [&](std::ptrdiff_t i) { return a[prefix + static_cast<std::size_t>(i)]; };
  const auto B = [&](std::ptrdiff_t j) { return b[prefix + static_cast<std::size_t>(j)]; };

  // Myers: v[k] is the furthest x on diagonal k; the v of every d is kept for the way back.
  const std::ptrdiff_t max = n + m;
  const std::ptrdiff_t offset = max + 1;
  std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(2 * max + 3), 0);
  std::vector<std::vector<std::ptrdiff_t>> trace;
  std::ptrdiff_t found_d = 0;
  for (std::ptrdiff_t d = 0; d <= max; ++d) {
    trace.push_back(v);
    bool done = false;
    for (std::ptrdiff_t k = -d; k <= d; k += 2) {
      const auto at = [&](std::ptrdiff_t kk) -> std::ptrdiff_t& {
        return v[static_cast<std::size_t>(kk + offset)];
      };
      std::ptrdiff_t x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      std::ptrdiff_t y = x - k;
      while (x < n && y < m && A(x) == B(y)) ++x, ++y;
      at(k) = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    if (done) {
      found_d = d;
      break;
    }
  }
  // Back from (n, m) to (0, 0), collecting the middle's operations in reverse.
  std::vector<LineOp> middle;
  std::ptrdiff_t x = n, y = m;
  for (std::ptrdiff_t d = found_d; d > 0; --d) {
    const std::vector<std::ptrdiff_t>& pv = trace[static_cast<std::size_t>(d)];
    const auto at = [&](std::ptrdiff_t kk) { return pv[static_cast<std::size_t>(kk + offset)]; };
    const std::ptrdiff_t k = x - y;
    const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
    const std::ptrdiff_t prev_k = down ? k + 1 : k - 1;
    const std::ptrdiff_t prev_x = at(prev_k);
    const std::ptrdiff_t prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x, --y;
      middle.push_back({LineOp::Equal, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    }
    if (x == prev_x) {
      middle.push_back({LineOp::Insert, 0, static_cast<std::size_t>(prev_y)});
    } else {
      middle.push_back({LineOp::Delete, static_cast<std::size_t>(prev_x), 0});
    }
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) {
    --x, --y;
    middle.push_back({LineOp::Equal, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
  }
  std::reverse(middle.begin(), middle.end());

  std::vector<LineOp> ops;
  ops.reserve(prefix + middle.size() + suffix);
  for (std::size_t i = 0; i < prefix; ++i) ops.push_back({LineOp::Equal, i, i});
  for (LineOp op : middle) {
    op.old_line += prefix;
    op.new_line += prefix;
    ops.push_back(op);
  }
  for (std::size_t s = 0; s < suffix; ++s) {
    ops.push_back({LineOp::Equal, a.size() - suffix + s, b.size() - suffix + s});
  }
  return ops;
}

}  // namespace lw::server::notebook
