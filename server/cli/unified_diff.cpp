#include "server/cli/unified_diff.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "server/text/line_diff.h"

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
  using text::LineOp;
  const std::vector<LineOp> steps = text::diff_lines(a, b);

  std::string out = "--- " + std::string(path) + "\n+++ " + std::string(path) + "\n";
  std::size_t i = 0;
  while (i < steps.size()) {
    // The next change, and the hunk around it: changes closer than 2 * context lines join.
    while (i < steps.size() && steps[i].kind == LineOp::Equal) ++i;
    if (i == steps.size()) break;
    std::size_t begin = i >= context ? i - context : 0;
    std::size_t end = i;
    std::size_t keeps = 0;
    for (std::size_t j = i; j < steps.size(); ++j) {
      if (steps[j].kind == LineOp::Equal) {
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
      count_a += steps[j].kind != LineOp::Insert ? 1 : 0;
      count_b += steps[j].kind != LineOp::Delete ? 1 : 0;
    }
    out += "@@ -" + range(steps[begin].old_line, count_a) + " +" +
           range(steps[begin].new_line, count_b) + " @@\n";
    for (std::size_t j = begin; j < stop; ++j) {
      const LineOp& s = steps[j];
      const char marker = s.kind == LineOp::Equal ? ' ' : s.kind == LineOp::Delete ? '-' : '+';
      append_line(out, marker, s.kind == LineOp::Insert ? b[s.new_line] : a[s.old_line]);
    }
    i = stop;
  }
  return out;
}

}  // namespace lw::server::cli
