#include <gtest/gtest.h>

#include "server/config/glob.h"

namespace lw::server::config {
namespace {

bool glob_matches(std::string_view pattern, std::string_view path) {
  auto glob = Glob::compile(pattern);
  EXPECT_TRUE(glob.has_value()) << pattern;
  return glob && glob->matches(path);
}

TEST(GlobTest, StarStaysWithinOneSegment) {
  EXPECT_TRUE(glob_matches("*.py", "app.py"));
  EXPECT_TRUE(glob_matches("*.py", ".py"));
  EXPECT_FALSE(glob_matches("*.py", "src/app.py"));
  EXPECT_TRUE(glob_matches("src/*.py", "src/app.py"));
  EXPECT_FALSE(glob_matches("src/*.py", "src/a/app.py"));
  EXPECT_TRUE(glob_matches("test_*_api.py", "test_users_api.py"));
  EXPECT_FALSE(glob_matches("test_*_api.py", "test_users_api.pyc"));
  EXPECT_TRUE(glob_matches("a*b*c", "aXbYbZc"));
}

TEST(GlobTest, DoubleStarSpansSegments) {
  EXPECT_TRUE(glob_matches("**/test.py", "test.py"));
  EXPECT_TRUE(glob_matches("**/test.py", "a/b/test.py"));
  EXPECT_TRUE(glob_matches("a/**/b.py", "a/b.py"));
  EXPECT_TRUE(glob_matches("a/**/b.py", "a/x/y/b.py"));
  EXPECT_FALSE(glob_matches("a/**/b.py", "x/a/b.py"));
  EXPECT_TRUE(glob_matches("tests/**", "tests/unit/test_a.py"));
  EXPECT_TRUE(glob_matches("tests/**", "tests/x.py"));
  EXPECT_FALSE(glob_matches("tests/**", "tests"));  // the contents, not the folder
  EXPECT_TRUE(glob_matches("**", "anything/at/all.py"));
  EXPECT_TRUE(glob_matches("**/migrations/**", "app/migrations/0001.py"));
  // `**` inside a segment is a plain star.
  EXPECT_TRUE(glob_matches("a**b", "aXXb"));
  EXPECT_FALSE(glob_matches("a**b", "a/b"));
}

TEST(GlobTest, QuestionMarkIsOneCharacter) {
  EXPECT_TRUE(glob_matches("v?.py", "v1.py"));
  EXPECT_FALSE(glob_matches("v?.py", "v10.py"));
  EXPECT_FALSE(glob_matches("a?b", "a/b"));
  EXPECT_TRUE(glob_matches("caf?.py", "caf\xC3\xA9.py"));  // one code point, two bytes
}

TEST(GlobTest, CharacterClasses) {
  EXPECT_TRUE(glob_matches("v[0-9].py", "v7.py"));
  EXPECT_FALSE(glob_matches("v[0-9].py", "vx.py"));
  EXPECT_TRUE(glob_matches("[abc].py", "b.py"));
  EXPECT_TRUE(glob_matches("[!abc].py", "d.py"));
  EXPECT_FALSE(glob_matches("[!abc].py", "a.py"));
  EXPECT_TRUE(glob_matches("[^abc].py", "d.py"));
  EXPECT_TRUE(glob_matches("[]x].py", "].py"));
  EXPECT_TRUE(glob_matches("[a-].py", "-.py"));
}

TEST(GlobTest, EscapesMatchLiterally) {
  EXPECT_TRUE(glob_matches("\\*.py", "*.py"));
  EXPECT_FALSE(glob_matches("\\*.py", "a.py"));
  EXPECT_TRUE(glob_matches("\\[x].py", "[x].py"));
}

TEST(GlobTest, MalformedPatternsAreRejected) {
  std::string error;
  EXPECT_FALSE(Glob::compile("src/[a-z", &error));
  EXPECT_NE(error.find("unterminated"), std::string::npos);
  EXPECT_FALSE(Glob::compile("trailing\\", &error));
  EXPECT_FALSE(Glob::compile("", &error));
}

TEST(GlobTest, SegmentMatcher) {
  EXPECT_TRUE(match_segment("*", ""));
  EXPECT_TRUE(match_segment("*.*", "a.b"));
  EXPECT_FALSE(match_segment("*.*", "ab"));
  EXPECT_TRUE(match_segment("***x", "abx"));
}

}  // namespace
}  // namespace lw::server::config
