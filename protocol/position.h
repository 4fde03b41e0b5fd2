#pragma once
// LSP positions <-> byte offsets. Lines end at "\n", "\r\n" or a lone "\r" (as LSP and
// Python's tokenizer both say). Columns count UTF-8 bytes, UTF-16 code units or code points
// (UTF-32) depending on the negotiated encoding; `check` uses Utf32 for its 1-based
// code-point columns. Conversions are O(log n + 256): lines longer than 256 bytes keep
// checkpoints (byte, UTF-16 and code-point counts from the line start) every 256 bytes, so a
// column on a 1 MB line decodes at most one stride, not the line up to it.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>
#include <vector>

namespace lw::protocol {

enum class PositionEncoding : std::uint8_t { Utf8, Utf16, Utf32 };

std::string_view to_string(PositionEncoding e);  // "utf-8", "utf-16", "utf-32"
std::optional<PositionEncoding> parse_position_encoding(std::string_view s);

struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};

// "3:14" and "3:14-3:24", for logs and test failures.
std::ostream& operator<<(std::ostream& os, const Position& p);
std::ostream& operator<<(std::ostream& os, const Range& r);

// Start offsets of every line of one text. Does not keep the text: pass the same text
// to every call.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  std::uint32_t line_count() const { return static_cast<std::uint32_t>(starts_.size()); }
  std::uint32_t line_start(std::uint32_t line) const { return starts_.at(line); }
  // Byte offset where the line's content ends (before its terminator).
  std::uint32_t line_end(std::string_view text, std::uint32_t line) const;

  // Byte offset -> position. Offsets past the end clamp to the end; an offset inside a
  // multi-byte character or between "\r" and "\n" maps to that character's/line's start
  // (for "\r\n": the start of the line break, i.e. the end of that line's content).
  Position to_position(std::string_view text, std::uint32_t offset, PositionEncoding enc) const;
  // Position -> byte offset. A line past the end clamps to the end of the text; a character
  // past the end of its line clamps to the line's end (LSP: "defaults back to the line
  // length"); a position inside a surrogate pair maps to the start of that character.
  std::uint32_t to_offset(std::string_view text, Position pos, PositionEncoding enc) const;

 private:
  // A character boundary inside a long line, with the columns of that boundary.
  struct Checkpoint {
    std::uint32_t offset;  // byte offset in the text
    std::uint32_t utf16;   // UTF-16 units from the line start
    std::uint32_t utf32;   // code points from the line start
  };
  // The walk's starting point for `line`: the line start or its last checkpoint before what
  // `before` accepts (offset, or units of one encoding).
  static std::uint32_t units_at(const Checkpoint& c, PositionEncoding enc,
                                std::uint32_t line_start) {
    return enc == PositionEncoding::Utf8    ? c.offset - line_start
           : enc == PositionEncoding::Utf16 ? c.utf16
                                            : c.utf32;
  }
  template <typename Before>
  Checkpoint start_point(std::uint32_t line, std::uint32_t end, Before&& before) const;

  std::vector<std::uint32_t> starts_;
  std::vector<Checkpoint> checkpoints_;  // by offset, only in lines longer than the stride
};

}  // namespace lw::protocol
