#include "server/text/line_diff.h"

#include <algorithm>

namespace lw::server::text {
namespace {

// Edit distances beyond this are not searched (memory grows with its square).
constexpr long kMaxDistance = 4000;

// Myers' O(ND) shortest edit script between a[lo_a, hi_a) and b[lo_b, hi_b), keeping one
// frontier per edit distance (memory O(D^2)); empty when the distance exceeds kMaxDistance.
std::vector<LineOp> myers(const std::vector<std::string_view>& a,
                          const std::vector<std::string_view>& b, std::size_t lo_a,
                          std::size_t hi_a, std::size_t lo_b, std::size_t hi_b) {
  const auto n = static_cast<long>(hi_a - lo_a);
  const auto m = static_cast<long>(hi_b - lo_b);
  const long max = n + m;
  std::vector<std::vector<long>> trace;  // trace[d][k + d] = furthest x on diagonal k
  std::vector<long> v(2 * static_cast<std::size_t>(max) + 3, 0);
  const long offset = max + 1;
  long found_d = -1;
  for (long d = 0; d <= max && found_d < 0; ++d) {
    if (d > kMaxDistance) return {};
    std::vector<long> frontier(2 * static_cast<std::size_t>(d) + 1);
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[static_cast<std::size_t>(offset + k - 1)] <
                                          v[static_cast<std::size_t>(offset + k + 1)]))
                   ? v[static_cast<std::size_t>(offset + k + 1)]
                   : v[static_cast<std::size_t>(offset + k - 1)] + 1;
      long y = x - k;
      while (x < n && y < m &&
             a[lo_a + static_cast<std::size_t>(x)] == b[lo_b + static_cast<std::size_t>(y)]) {
        ++x;
        ++y;
      }
      v[static_cast<std::size_t>(offset + k)] = x;
      frontier[static_cast<std::size_t>(k + d)] = x;
      if (x >= n && y >= m) found_d = d;
    }
    trace.push_back(std::move(frontier));
  }
  // Walk back from (n, m) through the frontiers.
  std::vector<LineOp> ops;
  long x = n;
  long y = m;
  const auto op = [&](LineOp::Kind kind) {
    ops.push_back(
        LineOp{kind, lo_a + static_cast<std::size_t>(x), lo_b + static_cast<std::size_t>(y)});
  };
  for (long d = found_d; d >= 0; --d) {
    const long k = x - y;
    auto at = [&](long dd, long kk) {
      return trace[static_cast<std::size_t>(dd)][static_cast<std::size_t>(kk + dd)];
    };
    long prev_k = 0;
    if (d > 0) {
      bool down = k == -d || (k != d && at(d - 1, k - 1) < at(d - 1, k + 1));
      prev_k = down ? k + 1 : k - 1;
    }
    const long prev_x = d > 0 ? at(d - 1, prev_k) : 0;
    const long prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x;
      --y;
      op(LineOp::Equal);
    }
    if (d > 0) {
      if (x == prev_x) {
        --y;
        op(LineOp::Insert);
      } else {
        --x;
        op(LineOp::Delete);
      }
    }
  }
  std::reverse(ops.begin(), ops.end());
  return ops;
}

}  // namespace

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
  std::vector<LineOp> ops;
  for (std::size_t i = 0; i < prefix; ++i) ops.push_back(LineOp{LineOp::Equal, i, i});
  std::vector<LineOp> middle = myers(a, b, prefix, a.size() - suffix, prefix, b.size() - suffix);
  if (middle.empty()) {  // beyond kMaxDistance (or nothing in between): replace the middle
    for (std::size_t i = prefix; i < a.size() - suffix; ++i) {
      middle.push_back(LineOp{LineOp::Delete, i, prefix});
    }
    for (std::size_t i = prefix; i < b.size() - suffix; ++i) {
      middle.push_back(LineOp{LineOp::Insert, a.size() - suffix, i});
    }
  }
  ops.insert(ops.end(), middle.begin(), middle.end());
  for (std::size_t i = suffix; i > 0; --i) {
    ops.push_back(LineOp{LineOp::Equal, a.size() - i, b.size() - i});
  }
  return ops;
}

}  // namespace lw::server::text
