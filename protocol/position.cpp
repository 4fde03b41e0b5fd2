#include "protocol/position.h"

#include <algorithm>
#include <ostream>

#include "protocol/utf8.h"

namespace lw::protocol {
namespace {

std::uint32_t units_of(const utf8::Char& c, PositionEncoding enc) {
  switch (enc) {
    case PositionEncoding::Utf8:
      return c.bytes;
    case PositionEncoding::Utf16:
      return c.utf16_units;
    case PositionEncoding::Utf32:
      return 1;
  }
  return 1;
}

// Bytes between checkpoints on a long line.
constexpr std::uint32_t kStride = 256;

std::uint32_t clamp_to_size(std::string_view text, std::uint32_t offset) {
  return static_cast<std::uint32_t>(std::min<std::size_t>(offset, text.size()));
}

}  // namespace

std::string_view to_string(PositionEncoding e) {
  switch (e) {
    case PositionEncoding::Utf8:
      return "utf-8";
    case PositionEncoding::Utf16:
      return "utf-16";
    case PositionEncoding::Utf32:
      return "utf-32";
  }
  return "utf-16";
}

std::optional<PositionEncoding> parse_position_encoding(std::string_view s) {
  if (s == "utf-8") return PositionEncoding::Utf8;
  if (s == "utf-16") return PositionEncoding::Utf16;
  if (s == "utf-32") return PositionEncoding::Utf32;
  return std::nullopt;
}

std::ostream& operator<<(std::ostream& os, const Position& p) {
  return os << p.line << ':' << p.character;
}

std::ostream& operator<<(std::ostream& os, const Range& r) { return os << r.start << '-' << r.end; }

LineIndex::LineIndex(std::string_view text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      starts_.push_back(static_cast<std::uint32_t>(i + 1));
    } else if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      starts_.push_back(static_cast<std::uint32_t>(i + 1));
    }
  }
  // Checkpoints on long lines, at the character boundaries the conversions' own walk from the
  // line start reaches (the same decoding, so resuming from one gives the same columns).
  for (std::uint32_t line = 0; line < line_count(); ++line) {
    const std::uint32_t start = clamp_to_size(text, starts_[line]);
    const std::uint32_t end = line_end(text, line);
    if (end - start <= kStride) continue;
    std::uint32_t utf16 = 0;
    std::uint32_t utf32 = 0;
    std::uint32_t next = start + kStride;
    for (std::size_t i = start; i < end;) {
      if (i >= next) {
        checkpoints_.push_back(Checkpoint{static_cast<std::uint32_t>(i), utf16, utf32});
        next = static_cast<std::uint32_t>(i) + kStride;
      }
      const utf8::Char c = utf8::decode_at(text, i);
      utf16 += c.utf16_units;
      ++utf32;
      i += c.bytes;
    }
  }
}

template <typename Before>
LineIndex::Checkpoint LineIndex::start_point(std::uint32_t line, std::uint32_t end,
                                             Before&& before) const {
  const Checkpoint line_start{std::min(starts_[line], end), 0, 0};
  // The line's checkpoints: those in [line start, end).
  const auto first =
      std::lower_bound(checkpoints_.begin(), checkpoints_.end(), line_start.offset,
                       [](const Checkpoint& c, std::uint32_t offset) { return c.offset < offset; });
  const auto last =
      std::lower_bound(first, checkpoints_.end(), end,
                       [](const Checkpoint& c, std::uint32_t offset) { return c.offset < offset; });
  // The last one `before` accepts (accepted checkpoints are a prefix: columns grow with offsets).
  const auto it = std::partition_point(first, last, before);
  return it == first ? line_start : *std::prev(it);
}

std::uint32_t LineIndex::line_end(std::string_view text, std::uint32_t line) const {
  line = std::min(line, line_count() - 1);
  const std::uint32_t start = clamp_to_size(text, starts_[line]);
  if (line + 1 >= line_count()) return static_cast<std::uint32_t>(text.size());
  std::uint32_t end = clamp_to_size(text, starts_[line + 1]);
  if (end > start && text[end - 1] == '\n') --end;
  if (end > start && text[end - 1] == '\r') --end;
  return end;
}

Position LineIndex::to_position(std::string_view text, std::uint32_t offset,
                                PositionEncoding enc) const {
  offset = clamp_to_size(text, offset);
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(std::distance(starts_.begin(), it) - 1);
  const std::uint32_t end = line_end(text, line);
  offset = std::min(offset, end);  // inside "\r\n": the line break's start

  const Checkpoint from =
      start_point(line, end, [&](const Checkpoint& c) { return c.offset <= offset; });
  std::uint32_t units = units_at(from, enc, clamp_to_size(text, starts_[line]));
  std::size_t i = from.offset;
  while (i < offset) {
    const utf8::Char c = utf8::decode_at(text, i);
    if (i + c.bytes > offset) break;  // inside a multi-byte character: its start
    units += units_of(c, enc);
    i += c.bytes;
  }
  return {line, units};
}

std::uint32_t LineIndex::to_offset(std::string_view text, Position pos,
                                   PositionEncoding enc) const {
  if (pos.line >= line_count()) return static_cast<std::uint32_t>(text.size());
  const std::uint32_t end = line_end(text, pos.line);
  const std::uint32_t start = std::min(starts_[pos.line], end);
  const Checkpoint from = start_point(
      pos.line, end, [&](const Checkpoint& c) { return units_at(c, enc, start) <= pos.character; });
  std::size_t i = from.offset;
  std::uint32_t units = units_at(from, enc, start);
  while (i < end && units < pos.character) {
    const utf8::Char c = utf8::decode_at(text, i);
    const std::uint32_t u = units_of(c, enc);
    if (units + u > pos.character) break;  // inside a surrogate pair / multi-byte character
    units += u;
    i += c.bytes;
  }
  return static_cast<std::uint32_t>(i);
}

}  // namespace lw::protocol
