#include "protocol/position.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

namespace lw::protocol {
namespace {

constexpr auto kU8 = PositionEncoding::Utf8;
constexpr auto kU16 = PositionEncoding::Utf16;
constexpr auto kU32 = PositionEncoding::Utf32;

Position pos(std::uint32_t line, std::uint32_t character) { return {line, character}; }

TEST(PositionEncoding, Names) {
  EXPECT_EQ(to_string(kU8), "utf-8");
  EXPECT_EQ(to_string(kU16), "utf-16");
  EXPECT_EQ(to_string(kU32), "utf-32");
  EXPECT_EQ(parse_position_encoding("utf-8"), kU8);
  EXPECT_EQ(parse_position_encoding("utf-16"), kU16);
  EXPECT_EQ(parse_position_encoding("utf-32"), kU32);
  EXPECT_EQ(parse_position_encoding("UTF-8"), std::nullopt);
  EXPECT_EQ(parse_position_encoding("latin1"), std::nullopt);
}

TEST(LineIndex, LineStartsAndEnds) {
  const std::string text = "ab\ncd\r\nef\rgh";
  const LineIndex index(text);
  ASSERT_EQ(index.line_count(), 4U);
  EXPECT_EQ(index.line_start(0), 0U);
  EXPECT_EQ(index.line_start(1), 3U);
  EXPECT_EQ(index.line_start(2), 7U);
  EXPECT_EQ(index.line_start(3), 10U);
  EXPECT_EQ(index.line_end(text, 0), 2U);
  EXPECT_EQ(index.line_end(text, 1), 5U);
  EXPECT_EQ(index.line_end(text, 2), 9U);
  EXPECT_EQ(index.line_end(text, 3), 12U);
}

TEST(LineIndex, EmptyTextAndTrailingNewline) {
  const LineIndex empty("");
  EXPECT_EQ(empty.line_count(), 1U);
  EXPECT_EQ(empty.to_position("", 0, kU16), pos(0, 0));
  EXPECT_EQ(empty.to_offset("", pos(3, 3), kU16), 0U);

  const std::string text = "x\n";
  const LineIndex index(text);
  EXPECT_EQ(index.line_count(), 2U);
  EXPECT_EQ(index.to_position(text, 2, kU16), pos(1, 0));
  EXPECT_EQ(index.to_offset(text, pos(1, 0), kU16), 2U);
}

TEST(LineIndex, AsciiRoundTrip) {
  const std::string text = "import time\nasync def handler():\n    time.sleep(1)\n";
  const LineIndex index(text);
  for (const auto enc : {kU8, kU16, kU32}) {
    for (std::uint32_t offset = 0; offset <= text.size(); ++offset) {
      const Position p = index.to_position(text, offset, enc);
      EXPECT_EQ(index.to_offset(text, p, enc), offset) << offset;
    }
  }
  EXPECT_EQ(index.to_position(text, text.find("time.sleep"), kU16), pos(2, 4));
  EXPECT_EQ(index.to_offset(text, pos(2, 14), kU16), text.find("(1)"));
}

TEST(LineIndex, MultiByteUtf8) {
  // "é" is 2 bytes, "€" is 3 bytes; each is one UTF-16 unit and one code point.
  const std::string text = "aé€b";
  const LineIndex index(text);
  const std::uint32_t b = 6;
  EXPECT_EQ(index.to_position(text, b, kU8), pos(0, 6));
  EXPECT_EQ(index.to_position(text, b, kU16), pos(0, 3));
  EXPECT_EQ(index.to_position(text, b, kU32), pos(0, 3));
  EXPECT_EQ(index.to_offset(text, pos(0, 3), kU16), b);
  EXPECT_EQ(index.to_offset(text, pos(0, 3), kU32), b);
  EXPECT_EQ(index.to_offset(text, pos(0, 6), kU8), b);
  EXPECT_EQ(index.to_offset(text, pos(0, 2), kU16), 3U);  // before "€"
}

TEST(LineIndex, EmojiIsASurrogatePairInUtf16) {
  // "😀" is U+1F600: 4 UTF-8 bytes, 2 UTF-16 units, 1 code point.
  const std::string text = "x😀y";
  const LineIndex index(text);
  const std::uint32_t y = 5;
  EXPECT_EQ(index.to_position(text, y, kU16), pos(0, 3));
  EXPECT_EQ(index.to_position(text, y, kU32), pos(0, 2));
  EXPECT_EQ(index.to_position(text, y, kU8), pos(0, 5));
  EXPECT_EQ(index.to_offset(text, pos(0, 3), kU16), y);
  EXPECT_EQ(index.to_offset(text, pos(0, 2), kU32), y);
  // Inside the surrogate pair: the start of the emoji.
  EXPECT_EQ(index.to_offset(text, pos(0, 2), kU16), 1U);
  // Inside the UTF-8 sequence, in utf-8 units: also the start.
  EXPECT_EQ(index.to_offset(text, pos(0, 3), kU8), 1U);
}

TEST(LineIndex, OffsetInsideAMultiByteCharacterMapsToItsStart) {
  const std::string text = "a😀b";
  const LineIndex index(text);
  for (std::uint32_t inside = 2; inside <= 4; ++inside) {
    EXPECT_EQ(index.to_position(text, inside, kU16), pos(0, 1)) << inside;
    EXPECT_EQ(index.to_position(text, inside, kU8), pos(0, 1)) << inside;
    EXPECT_EQ(index.to_position(text, inside, kU32), pos(0, 1)) << inside;
  }
}

TEST(LineIndex, CrLfAndLoneCr) {
  const std::string text = "a\r\nbc\rd\n";
  const LineIndex index(text);
  ASSERT_EQ(index.line_count(), 4U);
  EXPECT_EQ(index.to_position(text, 0, kU16), pos(0, 0));
  EXPECT_EQ(index.to_position(text, 1, kU16), pos(0, 1));  // the "\r"
  EXPECT_EQ(index.to_position(text, 2, kU16), pos(0, 1));  // between "\r" and "\n"
  EXPECT_EQ(index.to_position(text, 3, kU16), pos(1, 0));
  EXPECT_EQ(index.to_position(text, 5, kU16), pos(1, 2));
  EXPECT_EQ(index.to_position(text, 6, kU16), pos(2, 0));
  EXPECT_EQ(index.to_position(text, 8, kU16), pos(3, 0));
  EXPECT_EQ(index.to_offset(text, pos(1, 0), kU16), 3U);
  EXPECT_EQ(index.to_offset(text, pos(2, 1), kU16), 7U);
  // A character past the end of a CRLF line stops before the "\r".
  EXPECT_EQ(index.to_offset(text, pos(0, 5), kU16), 1U);
}

TEST(LineIndex, PositionsPastLineOrDocumentClamp) {
  const std::string text = "ab\ncd";
  const LineIndex index(text);
  EXPECT_EQ(index.to_offset(text, pos(0, 100), kU16), 2U);
  EXPECT_EQ(index.to_offset(text, pos(1, 100), kU16), 5U);
  EXPECT_EQ(index.to_offset(text, pos(2, 0), kU16), 5U);
  EXPECT_EQ(index.to_offset(text, pos(99, 99), kU8), 5U);
  EXPECT_EQ(index.to_position(text, 100, kU16), pos(1, 2));
}

TEST(LineIndex, InvalidUtf8BytesCountOneUnitEach) {
  // A stray continuation byte, a truncated 3-byte sequence, an overlong "/", 0xFF.
  const std::string text =
      "a\x80"
      "b\xE2\x82"
      "c\xC0\xAF"
      "d\xFF"
      "e";
  const LineIndex index(text);
  for (const auto enc : {kU8, kU16, kU32}) {
    for (std::uint32_t offset = 0; offset <= text.size(); ++offset) {
      const Position p = index.to_position(text, offset, enc);
      EXPECT_EQ(p.character, offset) << offset;
      EXPECT_EQ(index.to_offset(text, p, enc), offset);
    }
  }
}

TEST(LineIndex, TruncatedSequenceAtEndOfText) {
  const std::string text = "ab\xF0\x9F";
  const LineIndex index(text);
  EXPECT_EQ(index.to_position(text, 4, kU16), pos(0, 4));
  EXPECT_EQ(index.to_offset(text, pos(0, 9), kU16), 4U);
}

TEST(LineIndex, SurrogateCodePointsEncodedInUtf8AreInvalid) {
  const std::string text = "\xED\xA0\x80x";  // U+D800 encoded: not valid UTF-8
  const LineIndex index(text);
  EXPECT_EQ(index.to_position(text, 3, kU16), pos(0, 3));
}

TEST(LineIndex, StaleTextNeverReadsOutOfBounds) {
  const LineIndex index("a\nb\nc\n");
  const std::string shorter = "a";
  EXPECT_LE(index.to_offset(shorter, pos(2, 3), kU16), shorter.size());
  const Position p = index.to_position(shorter, 5, kU16);
  EXPECT_EQ(p.line, 0U);
}

// Long lines use checkpoints; every conversion must equal a walk from the line start (counted
// here), for every offset and every column, in every encoding, with multi-byte characters,
// invalid bytes and line breaks of all kinds straddling the 256-byte strides.
TEST(LineIndex, LongLinesConvertLikeAWalkFromTheLineStart) {
  std::mt19937 rng(7);
  const std::string pieces[] = {"a",    "é",  "€", "\xF0\x9F\x98\x80", "\xFF", "\x80", "\n",
                                "\r\n", "\r", "bb"};
  for (int round = 0; round < 4; ++round) {
    std::string text;
    while (text.size() < 6000) {  // lines of ~500 bytes on average, some of a few thousand
      std::size_t k = rng() % 1000;
      text += k < 996 ? pieces[k % 6] : pieces[6 + k % 4];
    }
    const LineIndex index(text);
    std::uint32_t longest = 0;
    for (std::uint32_t line = 0; line < index.line_count(); ++line) {
      longest = std::max(longest, index.line_end(text, line) - index.line_start(line));
    }
    ASSERT_GT(longest, 1000U);
    for (auto enc : {kU8, kU16, kU32}) {
      for (std::uint32_t line = 0; line < index.line_count(); ++line) {
        const std::uint32_t start = index.line_start(line);
        const std::uint32_t end = index.line_end(text, line);
        std::uint32_t units = 0;
        for (std::uint32_t off = start; off <= end; ++off) {
          const Position p = index.to_position(text, off, enc);
          ASSERT_EQ(p.line, line) << off;
          {
            std::string_view content(text.data() + start, off - start);
            std::uint32_t want = 0;
            std::size_t i = 0;
            while (i < content.size()) {
              std::size_t len = 1;
              const auto b = static_cast<unsigned char>(content[i]);
              if (b >= 0xF0 && b < 0xF5)
                len = 4;
              else if (b >= 0xE0 && b < 0xF0)
                len = 3;
              else if (b >= 0xC2 && b < 0xE0)
                len = 2;
              if (i + len > content.size()) break;
              want +=
                  enc == kU8 ? static_cast<std::uint32_t>(len) : (enc == kU16 && len == 4 ? 2 : 1);
              i += len;
            }
            ASSERT_EQ(p.character, want) << "offset " << off;
            units = std::max(units, want);
          }
        }
        for (std::uint32_t c = 0; c <= units + 1; ++c) {
          const std::uint32_t off = index.to_offset(text, Position{line, c}, enc);
          ASSERT_GE(off, start);
          ASSERT_LE(off, end);
          ASSERT_LE(index.to_position(text, off, enc).character, c);
        }
      }
    }
  }
}

}  // namespace
}  // namespace lw::protocol
