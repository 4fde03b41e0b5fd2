#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "server/cli/file_discovery.h"
#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using ::testing::ElementsAre;
using testing::fixtures_dir;
using testing::ScratchDir;
using ::testing::UnorderedElementsAre;

std::vector<std::string> displays(const Discovery& d) {
  std::vector<std::string> out;
  for (const DiscoveredFile& f : d.files) out.push_back(f.display);
  return out;
}

TEST(DiscoveryTest, FixtureProject) {
  const std::string root = (fixtures_dir() / "project").string();
  config::ConfigLoader loader;
  const Discovery d = discover_files({root}, loader);
  EXPECT_TRUE(d.errors.empty());
  // Skipped: generated/ (exclude), ignored_dir/ and scratch.tmp.py (.gitignore), build/,
  // node_modules/, .venv/ (well-known folders).
  EXPECT_THAT(
      displays(d),
      ElementsAre(root + "/app/__init__.py", root + "/app/clean.py", root + "/app/helpers.py",
                  root + "/app/routes.py", root + "/app/service.py", root + "/keep.tmp.py",
                  root + "/other/b.py", root + "/sub/s.py", root + "/tests/test_routes.py"));
  for (const DiscoveredFile& f : d.files) {
    EXPECT_TRUE(f.path.is_absolute());
    ASSERT_NE(f.config, nullptr);
    const std::string expected =
        f.display.find("/sub/") != std::string::npos ? "pyproject.toml" : "loopwarden.toml";
    EXPECT_EQ(f.config->file().filename(), expected) << f.display;
  }
}

TEST(DiscoveryTest, ExplicitPathsAreAlwaysChecked) {
  const std::filesystem::path root = fixtures_dir() / "project";
  config::ConfigLoader loader;
  const Discovery d =
      discover_files({(root / "generated/gen.py").string(), (root / "ignored_dir/x.py").string(),
                      (root / "build/b.py").string(), (root / "scratch.tmp.py").string()},
                     loader);
  EXPECT_EQ(d.files.size(), 4U);
}

TEST(DiscoveryTest, DisplayedPathsFollowTheGivenPath) {
  ScratchDir dir;
  dir.write("src/a.py", "");
  dir.write("src/pkg/b.py", "");
  dir.write("src/notes.txt", "");
  dir.write("script", "");
  const std::filesystem::path cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  config::ConfigLoader loader;
  const Discovery dot = discover_files({"."}, loader);
  const Discovery src = discover_files({"./src/"}, loader);
  // Named twice (directly and through its folder): reported once. Non-.py files are only
  // checked when named.
  const Discovery twice = discover_files({"src", "src/a.py", "script"}, loader);
  std::filesystem::current_path(cwd);
  EXPECT_THAT(displays(dot), ElementsAre("src/a.py", "src/pkg/b.py"));
  EXPECT_THAT(displays(src), ElementsAre("src/a.py", "src/pkg/b.py"));
  EXPECT_THAT(displays(twice), ElementsAre("script", "src/a.py", "src/pkg/b.py"));
}

TEST(DiscoveryTest, MissingPathIsAnError) {
  ScratchDir dir;
  config::ConfigLoader loader;
  const std::string missing = (dir.path() / "nope.py").string();
  const Discovery d = discover_files({missing}, loader);
  EXPECT_TRUE(d.files.empty());
  EXPECT_THAT(d.errors, ElementsAre(missing + ": No such file or directory"));
}

TEST(DiscoveryTest, NestedGitignoreAndExcludeFromNestedConfig) {
  ScratchDir dir;
  dir.write(".gitignore", "*_gen.py\n");
  dir.write("pkg/.gitignore", "!keep_gen.py\n");
  dir.write("pkg/a_gen.py", "");
  dir.write("pkg/keep_gen.py", "");
  dir.write("pkg/ok.py", "");
  dir.write("lib/loopwarden.toml", "exclude = [\"vendored\"]\n");
  dir.write("lib/vendored/v.py", "");
  dir.write("lib/deep/vendored/w.py", "");
  dir.write("lib/l.py", "");
  dir.write("vendored/top.py", "");  // outside lib/: its exclude does not apply
  dir.write("__pycache__/c.py", "");
  dir.write(".tox/t.py", "");
  dir.write("site-packages/s.py", "");
  config::ConfigLoader loader;
  const Discovery d = discover_files({dir.path().string()}, loader);
  std::vector<std::string> relative;
  for (const DiscoveredFile& f : d.files) {
    relative.push_back(f.path.lexically_relative(dir.path()).generic_string());
  }
  EXPECT_THAT(relative,
              UnorderedElementsAre("pkg/keep_gen.py", "pkg/ok.py", "lib/l.py", "vendored/top.py"));
}

TEST(DiscoveryTest, SkippedDirectoryNames) {
  for (const char* name : {".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", "build",
                           "dist", ".tox", ".mypy_cache", "site-packages"}) {
    EXPECT_TRUE(is_skipped_directory_name(name)) << name;
  }
  EXPECT_FALSE(is_skipped_directory_name("src"));
  EXPECT_FALSE(is_skipped_directory_name("builds"));
}

}  // namespace
}  // namespace lw::server::cli
