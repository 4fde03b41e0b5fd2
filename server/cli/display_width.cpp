#include "server/cli/display_width.h"

#include <algorithm>
#include <array>
#include <utility>

namespace lw::server::cli {
namespace {

// Wide (2-column) ranges: East Asian Wide/Fullwidth blocks and the emoji planes.
constexpr std::array<std::pair<char32_t, char32_t>, 16> kWide{{
    {0x1100, 0x115F},    // Hangul Jamo initials
    {0x231A, 0x231B},    // watch, hourglass
    {0x2329, 0x232A},    // angle brackets
    {0x23E9, 0x23F3},    // media symbols
    {0x25FD, 0x25FE},    // medium small squares
    {0x2614, 0x2615},    // umbrella, hot beverage
    {0x2E80, 0x303E},    // CJK radicals, punctuation
    {0x3041, 0x33FF},    // kana, CJK compatibility
    {0x3400, 0x4DBF},    // CJK extension A
    {0x4E00, 0xA4CF},    // CJK unified ideographs, Yi
    {0xAC00, 0xD7A3},    // Hangul syllables
    {0xF900, 0xFAFF},    // CJK compatibility ideographs
    {0xFE30, 0xFE4F},    // CJK compatibility forms
    {0xFF00, 0xFF60},    // fullwidth forms
    {0xFFE0, 0xFFE6},    // fullwidth signs
    {0x1F300, 0x3FFFD},  // emoji, supplementary ideographic planes
}};

// Zero-width: combining marks, zero-width space/joiners, variation selectors.
constexpr std::array<std::pair<char32_t, char32_t>, 7> kZero{{
    {0x0300, 0x036F},
    {0x0483, 0x0489},
    {0x0591, 0x05BD},
    {0x200B, 0x200F},
    {0x20D0, 0x20FF},
    {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F},
}};

bool in(char32_t c, const auto& ranges) {
  for (const auto& [lo, hi] : ranges) {
    if (c >= lo && c <= hi) return true;
  }
  return false;
}

// Decodes one code point at `i` (the text is valid UTF-8: check decodes it before analysis;
// a stray byte is taken as one code point).
char32_t decode(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = 1;
  char32_t c = b;
  if (b >= 0xF0) {
    len = 4;
    c = b & 0x07U;
  } else if (b >= 0xE0) {
    len = 3;
    c = b & 0x0FU;
  } else if (b >= 0xC0) {
    len = 2;
    c = b & 0x1FU;
  }
  if (i + len > s.size()) len = 1;
  for (std::size_t k = 1; k < len; ++k) {
    c = (c << 6U) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
  }
  i += len;
  return len == 1 ? char32_t{b} : c;
}

}  // namespace

unsigned code_point_width(char32_t c) {
  if (c < 0x20 || c == 0x7F) return 1;  // shown as a replacement character
  if (in(c, kZero)) return 0;
  return in(c, kWide) ? 2 : 1;
}

DisplayLine display_line(std::string_view utf8_line) {
  DisplayLine line;
  line.text = utf8_line;
  line.byte_of.reserve(utf8_line.size() + 1);
  line.column_of.reserve(utf8_line.size() + 1);
  unsigned column = 0;
  for (std::size_t i = 0; i < utf8_line.size();) {
    line.byte_of.push_back(static_cast<std::uint32_t>(i));
    line.column_of.push_back(column);
    const char32_t c = decode(utf8_line, i);
    column += c == '\t' ? kTabWidth - column % kTabWidth : code_point_width(c);
  }
  line.byte_of.push_back(static_cast<std::uint32_t>(utf8_line.size()));
  line.column_of.push_back(column);
  return line;
}

std::string display_slice(const DisplayLine& line, unsigned from, unsigned to) {
  std::string out;
  const std::size_t n = line.points();
  // Columns only grow: start at the first code point at or after `from`.
  auto k = static_cast<std::size_t>(std::lower_bound(line.column_of.begin(),
                                                     line.column_of.begin() + static_cast<long>(n),
                                                     from) -
                                    line.column_of.begin());
  for (; k < n; ++k) {
    const unsigned start = line.column_of[k];
    const unsigned end = line.column_of[k + 1];
    if (end > to) break;
    if (end == start && start >= to) break;  // a zero-width mark at the cut
    const std::string_view bytes =
        line.text.substr(line.byte_of[k], line.byte_of[k + 1] - line.byte_of[k]);
    const auto b = static_cast<unsigned char>(bytes[0]);
    if (b == '\t') {
      out.append(end - start, ' ');
    } else if (bytes.size() == 1 && (b < 0x20 || b == 0x7F)) {
      out += "\xEF\xBF\xBD";  // U+FFFD: never a raw control character
    } else {
      out += bytes;
    }
  }
  return out;
}

}  // namespace lw::server::cli
