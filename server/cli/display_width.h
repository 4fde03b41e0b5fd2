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

// One source line made printable: `text` with tabs expanded and control characters replaced,
// and the display column where each code point of the original line starts (one entry per
// code point, plus one for the end of the line).
struct DisplayLine {
  std::vector<std::string> pieces;  // what each code point shows as (a tab: spaces)
  std::vector<unsigned> column_of;  // code point index -> display column (0-based); size+1
  unsigned width() const { return column_of.empty() ? 0 : column_of.back(); }
};

DisplayLine display_line(std::string_view utf8_line);

// The part of `line` between display columns [from, to) (a wide character cut in two is left
// out), as UTF-8 text.
std::string display_slice(const DisplayLine& line, unsigned from, unsigned to);

}  // namespace lw::server::cli
