// `--output-format full` (the default), as ruff shows a diagnostic:
//
//   app/routes.py:10:5: LW102 [*] `time.sleep` blocks the event loop in async function `h`
//      |
//    9 | async def h():
//   10 |     time.sleep(1)
//      |     ^^^^^^^^^^^^^ LW102 (warning)
//   11 |     return 1
//      |
//   note: app/util.py:3:5: blocking call here
//      |
//    3 |     time.sleep(1)
//      |     ^^^^^^^^^^^^^
//      |
//   help: Replace with `await asyncio.sleep(...)` (safe fix)
//
// Up to two lines of context around the range (blank ones at the edges left out); a range
// over more than kMaxRangeRows rows shows its first and last rows around a `...` row. Tabs
// and wide characters are laid out by display_width.h; with a width (a terminal), a line too
// long is cut to a window around the range with `…` at the cut ends.
#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "server/cli/display_width.h"
#include "server/cli/emitters.h"
#include "server/cli/terminal.h"

namespace lw::server::cli {
namespace {

constexpr std::uint32_t kContextRows = 2;
constexpr std::uint32_t kMaxRangeRows = 6;
// Without a terminal (a pipe, a file) lines are shown whole up to this many columns; a longer
// line is cut to a window of it around the range, so that thousands of diagnostics on one
// line of a megabyte print in linear time.
constexpr unsigned kMaxWidthWithoutTerminal = 1000;
// Rows laid out (display_line) and kept for the next diagnostics, which mostly quote the same
// rows: a small cache, emptied when full.
constexpr std::size_t kLaidOutRows = 64;
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

// A file split into rows (a row ends at \n, \r\n or a lone \r, as protocol::LineIndex).
class SourceRows {
 public:
  explicit SourceRows(const std::string& text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
        starts_.push_back(i + 1);
      }
    }
  }
  std::uint32_t count() const { return static_cast<std::uint32_t>(starts_.size()); }
  std::string_view row(std::uint32_t row) const {  // 1-based
    if (row == 0 || row > count()) return {};
    const std::size_t begin = starts_[row - 1];
    std::size_t end = row < count() ? starts_[row] : text_.size();
    while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
    return std::string_view(text_).substr(begin, end - begin);
  }

 private:
  const std::string& text_;
  std::vector<std::size_t> starts_;
};

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\f") == std::string_view::npos;
}

std::size_t first_non_space(const DisplayLine& line) {
  for (std::size_t k = 0; k < line.points(); ++k) {
    if (!line.blank_at(k)) return k;
  }
  return line.points();
}

Paint severity_paint(analysis::Severity s) {
  switch (s) {
    case analysis::Severity::Error:
      return Paint::BoldRed;
    case analysis::Severity::Warning:
      return Paint::Yellow;
    case analysis::Severity::Information:
    case analysis::Severity::Hint:
      break;
  }
  return Paint::BoldCyan;
}

// One quoted region: the rows shown and the range underlined.
struct Snippet {
  const SourceRows* rows = nullptr;
  TextPosition start;
  TextPosition end;
  std::string label;
  Paint paint = Paint::Yellow;
};

struct RowPlan {
  std::uint32_t row = 0;  // 0: the `...` row
  bool underlined = false;
};

std::vector<RowPlan> plan_rows(const Snippet& s) {
  const std::uint32_t first = std::min(s.start.row, s.rows->count());
  std::uint32_t last = std::clamp(s.end.row, first, s.rows->count());
  if (last > first && s.end.column == 1) --last;  // a range ending at the start of a row
  std::uint32_t before = first > kContextRows ? first - kContextRows : 1;
  while (before < first && blank(s.rows->row(before))) ++before;
  std::uint32_t after = std::min(last + kContextRows, s.rows->count());
  while (after > last && blank(s.rows->row(after))) --after;
  std::vector<RowPlan> plan;
  for (std::uint32_t r = before; r < first; ++r) plan.push_back({r, false});
  if (last - first + 1 > kMaxRangeRows) {
    for (std::uint32_t r = first; r < first + kMaxRangeRows / 2; ++r) plan.push_back({r, true});
    plan.push_back({0, false});
    for (std::uint32_t r = last - kMaxRangeRows / 2 + 1; r <= last; ++r) plan.push_back({r, true});
  } else {
    for (std::uint32_t r = first; r <= last; ++r) plan.push_back({r, true});
  }
  for (std::uint32_t r = last + 1; r <= after; ++r) plan.push_back({r, false});
  return plan;
}

// The underlined display columns [from, to) of `row`.
std::pair<unsigned, unsigned> underline(const Snippet& s, std::uint32_t row,
                                        const DisplayLine& line) {
  const std::size_t points = line.points();
  const std::size_t from_point = row == s.start.row
                                     ? std::min<std::size_t>(s.start.column - 1, points)
                                     : first_non_space(line);
  const std::size_t to_point =
      row == s.end.row ? std::min<std::size_t>(s.end.column - 1, points) : points;
  const unsigned from = line.column_of[from_point];
  unsigned to = line.column_of[std::max(from_point, to_point)];
  if (to <= from) to = from + 1;  // an empty range still gets one caret
  return {from, to};
}

class FullWriter {
 public:
  FullWriter(std::ostream& out, const HumanOutputOptions& options)
      : out_(out), options_(options), paint_(options.color) {}

  void write(const OutputDiagnostic& d) {
    out_ << diagnostic_header(d, options_.color, options_.unsafe_fixes) << '\n';
    std::vector<Snippet> snippets;  // [0]: the diagnostic's own range, then the notes
    const SourceRows* own = rows_of(d.filename, d.cell);
    const std::string label = std::string(analysis::rule_info(d.rule).code) + " (" +
                              std::string(analysis::to_string(d.severity)) + ")";
    snippets.push_back(Snippet{own, d.location, d.end_location, label, severity_paint(d.severity)});
    for (const OutputRelated& r : d.related) {
      snippets.push_back(
          Snippet{rows_of(r.filename, r.cell), r.location, r.end_location, "", Paint::Blue});
    }
    std::size_t gutter = 1;
    for (const Snippet& s : snippets) {
      if (s.rows == nullptr) continue;
      for (const RowPlan& p : plan_rows(s)) gutter = std::max(gutter, std::to_string(p.row).size());
    }
    if (own != nullptr) write_snippet(snippets[0], gutter);
    for (std::size_t i = 0; i < d.related.size(); ++i) {
      const OutputRelated& r = d.related[i];
      out_ << paint_(Paint::Bold, "note") << ": " << r.filename << ':'
           << (r.cell ? "cell " + std::to_string(*r.cell) + ":" : std::string()) << r.location.row
           << ':' << r.location.column << ": " << r.message << '\n';
      if (snippets[i + 1].rows != nullptr) write_snippet(snippets[i + 1], gutter);
    }
    if (d.fix) {
      out_ << paint_(Paint::BoldCyan, "help") << ": " << d.fix->message << " ("
           << applicability_name(d.fix->applicability) << " fix)\n";
    }
    out_ << '\n';
  }

 private:
  const SourceRows* rows_of(const std::string& filename, std::optional<std::uint32_t> cell) {
    if (!options_.source) return nullptr;
    const auto key = std::pair(filename, cell.value_or(0));
    auto it = rows_.find(key);
    if (it == rows_.end()) {
      const std::string* text = options_.source(filename, cell);
      std::optional<SourceRows> rows;
      if (text != nullptr) rows.emplace(*text);
      it = rows_.emplace(key, std::move(rows)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  const DisplayLine& laid_out(const SourceRows& rows, std::uint32_t row) {
    const auto key = std::pair(&rows, row);
    auto it = laid_out_.find(key);
    if (it != laid_out_.end()) return it->second;
    return laid_out_.emplace(key, display_line(rows.row(row))).first->second;
  }

  std::string gutter_text(std::size_t gutter, std::string_view number) const {
    return paint_(Paint::BoldBlue,
                  std::string(gutter - number.size(), ' ') + std::string(number) + " |");
  }

  void write_snippet(const Snippet& s, std::size_t gutter) {
    const std::vector<RowPlan> plan = plan_rows(s);
    if (laid_out_.size() >= kLaidOutRows) laid_out_.clear();  // never while `lines` points in
    std::vector<const DisplayLine*> lines;
    for (const RowPlan& p : plan) lines.push_back(&laid_out(*s.rows, p.row));
    // One window for every row, so that the rows stay aligned: the whole line when it fits,
    // else starting a little before the range's first underlined column.
    unsigned widest = 0;
    std::optional<std::pair<unsigned, unsigned>> first_underline;
    for (std::size_t k = 0; k < plan.size(); ++k) {
      widest = std::max(widest, lines[k]->width());
      if (plan[k].underlined && !first_underline) {
        first_underline = underline(s, plan[k].row, *lines[k]);
      }
    }
    const unsigned available =
        options_.width ? std::max<unsigned>(*options_.width, static_cast<unsigned>(gutter) + 23) -
                             static_cast<unsigned>(gutter) - 3
                       : std::min(widest + 1, kMaxWidthWithoutTerminal);
    unsigned window = 0;
    if (widest > available && first_underline && first_underline->second + 1 > available) {
      window = first_underline->first > 10 ? first_underline->first - 10 : 0;
    }
    out_ << std::string(gutter + 1, ' ') << paint_(Paint::BoldBlue, "|") << '\n';
    for (std::size_t k = 0; k < plan.size(); ++k) {
      if (plan[k].row == 0) {
        out_ << paint_(Paint::BoldBlue,
                       std::string(gutter - std::min<std::size_t>(gutter, 3), ' ') + "...")
             << '\n';
        continue;
      }
      const DisplayLine& line = *lines[k];
      std::string shown;
      const unsigned right = window + available;
      if (window > 0) shown += kEllipsis;
      const unsigned text_from = window > 0 ? window + 1 : 0;
      if (line.width() > right) {
        shown += display_slice(line, text_from, right - 1);
        shown += kEllipsis;
      } else {
        shown += display_slice(line, text_from, right);
      }
      out_ << gutter_text(gutter, std::to_string(plan[k].row));
      if (!shown.empty()) out_ << ' ' << shown;
      out_ << '\n';
      if (!plan[k].underlined) continue;
      const auto [from, to] = underline(s, plan[k].row, line);
      const unsigned shown_from = std::clamp(from, window, right - 1) - window;
      const unsigned shown_to = std::clamp(to, window + 1, right) - window;
      const bool last = k + 1 == plan.size() || !plan[k + 1].underlined;
      std::string carets(std::max(shown_to, shown_from + 1) - shown_from, '^');
      out_ << std::string(gutter + 1, ' ') << paint_(Paint::BoldBlue, "|") << ' '
           << std::string(shown_from, ' ') << paint_(s.paint, carets);
      if (last && !s.label.empty()) {
        // The label goes under the carets when it would not fit on the terminal's line.
        const std::size_t used = gutter + 3 + shown_from + carets.size();
        if (options_.width && used + 1 + s.label.size() > *options_.width) {
          out_ << '\n'
               << std::string(gutter + 1, ' ') << paint_(Paint::BoldBlue, "|") << ' '
               << std::string(shown_from, ' ') << paint_(s.paint, s.label);
        } else {
          out_ << ' ' << paint_(s.paint, s.label);
        }
      }
      out_ << '\n';
    }
    out_ << std::string(gutter + 1, ' ') << paint_(Paint::BoldBlue, "|") << '\n';
  }

  std::ostream& out_;
  const HumanOutputOptions& options_;
  Painter paint_;
  std::map<std::pair<std::string, std::uint32_t>, std::optional<SourceRows>> rows_;
  std::map<std::pair<const SourceRows*, std::uint32_t>, DisplayLine> laid_out_;
};

}  // namespace

void write_full(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                const HumanOutputOptions& options) {
  FullWriter writer(out, options);
  for (const OutputDiagnostic& d : diagnostics) writer.write(d);
}

}  // namespace lw::server::cli
