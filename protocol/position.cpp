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
  const std::uint32_t start = clamp_to_size(text, starts_[line]);
  offset = std::min(offset, line_end(text, line));  // inside "\r\n": the line break's start

  std::uint32_t units = 0;
  std::size_t i = start;
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
  std::size_t i = std::min<std::size_t>(starts_[pos.line], end);
  std::uint32_t units = 0;
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
