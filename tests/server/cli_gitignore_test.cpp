#include <gtest/gtest.h>

#include "server/cli/gitignore.h"
#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using testing::ScratchDir;

std::optional<bool> match(std::string_view gitignore, std::string_view path, bool is_dir = false) {
  return GitignoreFile::parse(gitignore).match(path, is_dir);
}

TEST(GitignoreTest, NamePatternsMatchAtAnyDepth) {
  EXPECT_EQ(match("*.pyc\n", "a.pyc"), true);
  EXPECT_EQ(match("*.pyc\n", "deep/er/a.pyc"), true);
  EXPECT_EQ(match("*.pyc\n", "a.py"), std::nullopt);
  EXPECT_EQ(match("generated\n", "src/generated", true), true);
  EXPECT_EQ(match("generated\n", "src/generated"), true);
}

TEST(GitignoreTest, CommentsBlankLinesAndEscapes) {
  EXPECT_EQ(match("# comment\n\n   \n", "comment"), std::nullopt);
  EXPECT_EQ(match("\\#file.py\n", "#file.py"), true);
  EXPECT_EQ(match("\\!important.py\n", "!important.py"), true);
  EXPECT_EQ(match("trailing.py   \n", "trailing.py"), true);
  EXPECT_EQ(match("space\\ \n", "space "), true);
  EXPECT_EQ(match("crlf.py\r\n", "crlf.py"), true);
}

TEST(GitignoreTest, NegationReincludesAndLastMatchWins) {
  const char* rules = "*.py\n!keep.py\n";
  EXPECT_EQ(match(rules, "drop.py"), true);
  EXPECT_EQ(match(rules, "keep.py"), false);
  EXPECT_EQ(match(rules, "sub/keep.py"), false);
  EXPECT_EQ(match("!keep.py\n*.py\n", "keep.py"), true);
}

TEST(GitignoreTest, TrailingSlashMatchesDirectoriesOnly) {
  EXPECT_EQ(match("out/\n", "out", true), true);
  EXPECT_EQ(match("out/\n", "src/out", true), true);
  EXPECT_EQ(match("out/\n", "out", false), std::nullopt);
}

TEST(GitignoreTest, SlashAnchorsToTheGitignoreDirectory) {
  EXPECT_EQ(match("/top.py\n", "top.py"), true);
  EXPECT_EQ(match("/top.py\n", "sub/top.py"), std::nullopt);
  EXPECT_EQ(match("docs/gen\n", "docs/gen", true), true);
  EXPECT_EQ(match("docs/gen\n", "src/docs/gen", true), std::nullopt);
  EXPECT_EQ(match("docs/*.py\n", "docs/a.py"), true);
  EXPECT_EQ(match("docs/*.py\n", "docs/x/a.py"), std::nullopt);
}

TEST(GitignoreTest, DoubleStars) {
  EXPECT_EQ(match("**/cache\n", "a/b/cache", true), true);
  EXPECT_EQ(match("**/cache\n", "cache", true), true);
  EXPECT_EQ(match("a/**/b\n", "a/x/y/b"), true);
  EXPECT_EQ(match("a/**/b\n", "a/b"), true);
  EXPECT_EQ(match("logs/**\n", "logs/x/y.py"), true);
  EXPECT_EQ(match("logs/**\n", "logs", true), std::nullopt);
}

TEST(GitignoreTest, NestedFilesDeeperWins) {
  ScratchDir dir;
  dir.write(".gitignore", "*.gen.py\nvendor/\n");
  dir.write("pkg/.gitignore", "!keep.gen.py\n/local.py\n");
  GitignoreStack stack;
  ASSERT_TRUE(stack.enter(dir.path()));
  EXPECT_TRUE(stack.is_ignored(dir.path() / "pkg/x.gen.py", false));
  EXPECT_TRUE(stack.is_ignored(dir.path() / "vendor", true));
  EXPECT_FALSE(stack.is_ignored(dir.path() / "local.py", false));
  ASSERT_TRUE(stack.enter(dir.path() / "pkg"));
  EXPECT_FALSE(stack.is_ignored(dir.path() / "pkg/keep.gen.py", false));
  EXPECT_TRUE(stack.is_ignored(dir.path() / "pkg/x.gen.py", false));
  EXPECT_TRUE(stack.is_ignored(dir.path() / "pkg/local.py", false));
  EXPECT_FALSE(stack.is_ignored(dir.path() / "pkg/sub/local.py", false));
  stack.leave();
  EXPECT_TRUE(stack.is_ignored(dir.path() / "pkg/keep.gen.py", false));
  EXPECT_FALSE(stack.enter(dir.path() / "no-such-dir"));
}

TEST(GitignoreTest, AncestorsUpToTheWorkTreeTop) {
  ScratchDir dir;
  dir.write("repo/.git/info/exclude", "secret.py\n");
  dir.write("repo/.gitignore", "/src/gen/\n");
  dir.write("repo/src/.gitignore", "*.tmp.py\n");
  dir.write(".gitignore", "*.py\n");  // above the work tree: not used
  const GitignoreStack stack = GitignoreStack::for_walk_root(dir.path() / "repo/src");
  EXPECT_TRUE(stack.is_ignored(dir.path() / "repo/src/gen", true));
  EXPECT_TRUE(stack.is_ignored(dir.path() / "repo/src/secret.py", false));
  EXPECT_FALSE(stack.is_ignored(dir.path() / "repo/src/app.py", false));
  // repo/src/.gitignore is the walk root's own: the walker enters it, not for_walk_root.
  EXPECT_FALSE(stack.is_ignored(dir.path() / "repo/src/a.tmp.py", false));

  const GitignoreStack outside = GitignoreStack::for_walk_root(dir.path() / "elsewhere");
  EXPECT_FALSE(outside.is_ignored(dir.path() / "elsewhere/a.py", false));
}

}  // namespace
}  // namespace lw::server::cli
