#include "server/cli/unified_diff.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace lw::server::cli {
namespace {

// Lines with their endings (`\n`, `\r\n` or a lone `\r`); the last may have none.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      lines.push_back(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

enum class Op : char { Keep = ' ', Remove = '-', Add = '+' };

struct Step {
  Op op;
  std::size_t a;  // line index in `before` (Keep, Remove)
  std::size_t b;  // line index in `after` (Keep, Add)
};

// Edit distances beyond this are not searched (memory grows with its square): such texts get
// one hunk replacing the whole changed middle, which is still a correct diff.
constexpr long kMaxDistance = 4000;

// Myers' O(ND) shortest edit script between a[lo_a, hi_a) and b[lo_b, hi_b), keeping one
// frontier per edit distance (memory O(D^2)); the caller trims common ends first.
std::vector<Step> myers(const std::vector<std::string_view>& a,
                        const std::vector<std::string_view>& b, std::size_t lo_a, std::size_t hi_a,
                        std::size_t lo_b, std::size_t hi_b) {
  const auto n = static_cast<long>(hi_a - lo_a);
  const auto m = static_cast<long>(hi_b - lo_b);
  const long max = n + m;
  std::vector<std::vector<long>> trace;  // trace[d][k + d] = furthest x on diagonal k
  std::vector<long> v(2 * static_cast<std::size_t>(max) + 3, 0);
  const long offset = max + 1;
  long found_d = -1;
  for (long d = 0; d <= max && found_d < 0; ++d) {
    if (d > kMaxDistance) return {};  // the caller falls back to "replace everything"
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
  std::vector<Step> steps;
  long x = n;
  long y = m;
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
      steps.push_back(
          Step{Op::Keep, lo_a + static_cast<std::size_t>(x), lo_b + static_cast<std::size_t>(y)});
    }
    if (d > 0) {
      if (x == prev_x) {
        --y;
        steps.push_back(
            Step{Op::Add, lo_a + static_cast<std::size_t>(x), lo_b + static_cast<std::size_t>(y)});
      } else {
        --x;
        steps.push_back(Step{Op::Remove, lo_a + static_cast<std::size_t>(x),
                             lo_b + static_cast<std::size_t>(y)});
      }
    }
  }
  std::reverse(steps.begin(), steps.end());
  return steps;
}

std::vector<Step> edit_script(const std::vector<std::string_view>& a,
                              const std::vector<std::string_view>& b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::vector<Step> steps;
  for (std::size_t i = 0; i < prefix; ++i) steps.push_back(Step{Op::Keep, i, i});
  std::vector<Step> middle = myers(a, b, prefix, a.size() - suffix, prefix, b.size() - suffix);
  if (middle.empty()) {
    for (std::size_t i = prefix; i < a.size() - suffix; ++i) {
      middle.push_back(Step{Op::Remove, i, prefix});
    }
    for (std::size_t i = prefix; i < b.size() - suffix; ++i) {
      middle.push_back(Step{Op::Add, a.size() - suffix, i});
    }
  }
  steps.insert(steps.end(), middle.begin(), middle.end());
  for (std::size_t i = suffix; i > 0; --i) {
    steps.push_back(Step{Op::Keep, a.size() - i, b.size() - i});
  }
  return steps;
}

void append_line(std::string& out, char marker, std::string_view line) {
  out.push_back(marker);
  out.append(line);
  if (line.empty() || (line.back() != '\n' && line.back() != '\r')) {
    out.append("\n\\ No newline at end of file\n");
  }
}

// `start,count` of a hunk side (1-based; a side with no lines names the line before it).
std::string range(std::size_t first, std::size_t count) {
  std::string out = std::to_string(count == 0 ? first : first + 1);
  if (count != 1) out += "," + std::to_string(count);
  return out;
}

}  // namespace

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after,
                         unsigned context) {
  if (before == after) return {};
  const std::vector<std::string_view> a = split_lines(before);
  const std::vector<std::string_view> b = split_lines(after);
  const std::vector<Step> steps = edit_script(a, b);

  std::string out = "--- " + std::string(path) + "\n+++ " + std::string(path) + "\n";
  std::size_t i = 0;
  while (i < steps.size()) {
    // The next change, and the hunk around it: changes closer than 2 * context lines join.
    while (i < steps.size() && steps[i].op == Op::Keep) ++i;
    if (i == steps.size()) break;
    std::size_t begin = i >= context ? i - context : 0;
    std::size_t end = i;
    std::size_t keeps = 0;
    for (std::size_t j = i; j < steps.size(); ++j) {
      if (steps[j].op == Op::Keep) {
        if (++keeps > 2 * context) break;
      } else {
        keeps = 0;
        end = j + 1;
      }
    }
    std::size_t stop = std::min(steps.size(), end + context);
    std::size_t count_a = 0;
    std::size_t count_b = 0;
    for (std::size_t j = begin; j < stop; ++j) {
      count_a += steps[j].op != Op::Add ? 1 : 0;
      count_b += steps[j].op != Op::Remove ? 1 : 0;
    }
    out +=
        "@@ -" + range(steps[begin].a, count_a) + " +" + range(steps[begin].b, count_b) + " @@\n";
    for (std::size_t j = begin; j < stop; ++j) {
      const Step& s = steps[j];
      append_line(out, static_cast<char>(s.op), s.op == Op::Add ? b[s.b] : a[s.a]);
    }
    i = stop;
  }
  return out;
}

}  // namespace lw::server::cli
