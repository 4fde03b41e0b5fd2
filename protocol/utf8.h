#pragma once
// Tolerant UTF-8 stepping shared by the position and URI code. A byte that does not start a
// well-formed UTF-8 sequence (stray continuation byte, overlong form, surrogate, truncated
// sequence, 0xF5..0xFF) is one "character" of one byte: callers never crash on bad input.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lw::protocol::utf8 {

struct Char {
  std::uint8_t bytes = 1;        // length of the sequence in the text (1..4)
  std::uint8_t utf16_units = 1;  // 2 for astral-plane code points, else 1
  bool valid = true;             // false for a lone invalid byte
};

// The character starting at `text[i]` (requires i < text.size()).
Char decode_at(std::string_view text, std::size_t i);

}  // namespace lw::protocol::utf8
