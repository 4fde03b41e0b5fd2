#pragma once
// How wide text is on a terminal, for the `full` output's source lines and underlines: tabs
// expand to the next multiple of 4 columns (as ruff shows them), East Asian wide and fullwidth
// characters and emoji take 2 columns, combining marks and other zero-width code points 0,
// control characters are shown as one column.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lw::server::cli {

inline constexpr unsigned kTabWidth = 4;

unsigned code_point_width(char32_t c);

// One source line laid out for a terminal: where each code point starts in the line's bytes
// and on the screen (one entry per code point, plus one for the end of the line). Built once
// per line in time linear in its length; a slice of it costs what the slice shows, so a line
// of a megabyte quoted by thousands of diagnostics stays linear.
struct DisplayLine {
  std::string_view text;               // the line (not owned)
  std::vector<std::uint32_t> byte_of;  // code point index -> byte offset in text; size+1
  std::vector<unsigned> column_of;     // code point index -> display column (0-based); size+1
  std::size_t points() const { return byte_of.empty() ? 0 : byte_of.size() - 1; }
  unsigned width() const { return column_of.empty() ? 0 : column_of.back(); }
  // Whether code point k is a space or a tab.
  bool blank_at(std::size_t k) const { return text[byte_of[k]] == ' ' || text[byte_of[k]] == '\t'; }
};

DisplayLine display_line(std::string_view utf8_line);

// The part of `line` between display columns [from, to) (a wide character cut in two is left
// out), as UTF-8 text: tabs expanded to spaces, control characters shown as U+FFFD.
std::string display_slice(const DisplayLine& line, unsigned from, unsigned to);

}  // namespace lw::server::cli
