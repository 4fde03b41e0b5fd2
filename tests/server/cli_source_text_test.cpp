#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "server/cli/source_text.h"

namespace lw::server::cli {
namespace {

using ::testing::HasSubstr;

TEST(SourceTextTest, PlainUtf8PassesThrough) {
  const SourceText s = decode_source("x = 'h\xC3\xA9llo \xF0\x9F\x98\x80'\n");
  EXPECT_TRUE(s.ok());
  EXPECT_FALSE(s.had_bom);
  EXPECT_EQ(s.text, "x = 'h\xC3\xA9llo \xF0\x9F\x98\x80'\n");
}

TEST(SourceTextTest, ByteOrderMarkIsStripped) {
  const SourceText s = decode_source("\xEF\xBB\xBFimport time\n");
  EXPECT_TRUE(s.ok());
  EXPECT_TRUE(s.had_bom);
  EXPECT_EQ(s.text, "import time\n");
}

TEST(SourceTextTest, NulByteMeansBinary) {
  const SourceText s = decode_source(std::string("a = 1\nb\0c\n", 11));
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.error, HasSubstr("binary file"));
  EXPECT_THAT(s.error, HasSubstr("line 2"));
}

TEST(SourceTextTest, InvalidUtf8IsRejectedWithItsPlace) {
  const SourceText latin1 = decode_source("# caf\xE9\n");
  EXPECT_FALSE(latin1.ok());
  EXPECT_THAT(latin1.error, HasSubstr("not valid UTF-8 (byte 0xE9 at line 1, column 6)"));
  for (const char* bad : {"\xC0\xAF",          // overlong "/"
                          "\xE0\x80\xAF",      // overlong
                          "\xED\xA0\x80",      // UTF-16 surrogate
                          "\xF4\x90\x80\x80",  // above U+10FFFF
                          "\xF5\x80\x80\x80",  // invalid lead byte
                          "\x80",              // lone continuation byte
                          "\xE2\x82",          // truncated
                          "\xFF"}) {
    EXPECT_FALSE(decode_source(bad).ok()) << ::testing::PrintToString(bad);
  }
  for (const char* good : {"\xC2\x80", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80",
                           "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_TRUE(decode_source(good).ok()) << ::testing::PrintToString(good);
  }
}

TEST(SourceTextTest, EmptyFile) {
  EXPECT_TRUE(decode_source("").ok());
  EXPECT_TRUE(decode_source("\xEF\xBB\xBF").ok());
}

}  // namespace
}  // namespace lw::server::cli
