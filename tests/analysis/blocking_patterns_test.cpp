// flake8-async's `--async200-blocking-calls` entries (analysis/rules/blocking_patterns.h).
#include "analysis/rules/blocking_patterns.h"

#include <gtest/gtest.h>

namespace lw::analysis {
namespace {

TEST(BlockingPatternsTest, StarIsExactlyOneComponent) {
  EXPECT_TRUE(blocking_pattern_matches("*.postwild", "a.postwild"));
  EXPECT_FALSE(blocking_pattern_matches("*.postwild", "a.b.postwild"));
  EXPECT_FALSE(blocking_pattern_matches("*.postwild", "postwild"));
  EXPECT_TRUE(blocking_pattern_matches("prewild.*", "prewild.a"));
  EXPECT_FALSE(blocking_pattern_matches("prewild.*", "prewild.a.b"));
  EXPECT_FALSE(blocking_pattern_matches("prewild.*", "prewild"));
  EXPECT_TRUE(blocking_pattern_matches("*.*.*", "a.b.c"));
  EXPECT_FALSE(blocking_pattern_matches("*.*.*", "a.b"));
  EXPECT_FALSE(blocking_pattern_matches("*.*.*", "a.b.c.d"));
}

TEST(BlockingPatternsTest, StarInsideAComponentMatchesWithinIt) {
  EXPECT_TRUE(blocking_pattern_matches("*session.get", "session.get"));
  EXPECT_TRUE(blocking_pattern_matches("*session.get", "http_session.get"));
  EXPECT_FALSE(blocking_pattern_matches("*session.get", "self.session.get"));
  EXPECT_FALSE(blocking_pattern_matches("*session.get", "session_pool.get"));
  EXPECT_TRUE(blocking_pattern_matches("fetch_*_sync", "fetch_user_sync"));
  EXPECT_TRUE(blocking_pattern_matches("a*b*c", "abbbc"));
  EXPECT_FALSE(blocking_pattern_matches("a*b*c", "abbbcd"));
}

TEST(BlockingPatternsTest, ExactNamesAndBareNames) {
  EXPECT_TRUE(blocking_pattern_matches("legacy.db.query", "legacy.db.query"));
  EXPECT_FALSE(blocking_pattern_matches("legacy.db.query", "legacy.db.query_all"));
  EXPECT_FALSE(blocking_pattern_matches("legacy.db", "legacy.db.query"));
  EXPECT_TRUE(is_bare_blocking_pattern("bar -> BAR"));
  EXPECT_FALSE(is_bare_blocking_pattern("bee.bonnet"));
  EXPECT_TRUE(blocking_pattern_matches("bar", "bar"));
}

TEST(BlockingPatternsTest, SuggestionsAndWhitespace) {
  EXPECT_EQ(blocking_pattern("  *.load_data -> alt()  "), "*.load_data");
  EXPECT_EQ(blocking_pattern_suggestion("  *.load_data -> alt()  "), "alt()");
  EXPECT_EQ(blocking_pattern("fcntl.flock()->"), "fcntl.flock");
  EXPECT_EQ(blocking_pattern_suggestion("fcntl.flock"), "");
  EXPECT_TRUE(blocking_pattern_matches("bee.bonnet -> BEEBONNET", "bee.bonnet"));
}

TEST(BlockingPatternsTest, Validation) {
  for (const char* ok : {"a.b", "*.postwild", "prewild.*", "*.*.*", "*session.get", "bar",
                         "bar -> BAR", "x.y()", "_private.__call__", "mod.Cls.method"}) {
    EXPECT_EQ(blocking_pattern_problem(ok), std::nullopt) << ok;
  }
  for (const char* bad :
       {"", " -> x", "a..b", ".a", "a.", "bad-name.x", "1abc.x", "a.b?", "a.[bc]"}) {
    EXPECT_NE(blocking_pattern_problem(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace lw::analysis
