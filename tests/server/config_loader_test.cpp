#include "server/config/config_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/server/cli_test_support.h"

namespace lw::server::config {
namespace {

using analysis::RuleId;
using testing::ScratchDir;

TEST(ConfigLoaderTest, NoConfigurationMeansDefaults) {
  ScratchDir dir;
  dir.write("a/b/c.py", "");
  ConfigLoader loader;
  const ConfigurationPtr config = loader.for_file(dir.path() / "a/b/c.py");
  ASSERT_NE(config, nullptr);
  EXPECT_TRUE(config->file().empty());
  EXPECT_TRUE(config->errors().empty());
}

TEST(ConfigLoaderTest, NearestDirectoryWins) {
  ScratchDir dir;
  dir.write("loopwarden.toml", "ignore = [\"LW101\"]\n");
  dir.write("pkg/sub/pyproject.toml", "[tool.loopwarden]\nignore = [\"LW102\"]\n");
  ConfigLoader loader;
  EXPECT_EQ(loader.for_file(dir.path() / "top.py")->file(), dir.path() / "loopwarden.toml");
  EXPECT_EQ(loader.for_file(dir.path() / "pkg/mid.py")->file(), dir.path() / "loopwarden.toml");
  EXPECT_EQ(loader.for_file(dir.path() / "pkg/sub/deep/x.py")->file(),
            dir.path() / "pkg/sub/pyproject.toml");
}

TEST(ConfigLoaderTest, PyprojectWithoutSectionDoesNotCount) {
  ScratchDir dir;
  dir.write("loopwarden.toml", "ignore = [\"LW101\"]\n");
  dir.write("pkg/pyproject.toml", "[project]\nname = \"pkg\"\n");
  ConfigLoader loader;
  EXPECT_EQ(loader.for_file(dir.path() / "pkg/x.py")->file(), dir.path() / "loopwarden.toml");
}

// INTERFACES.md, second wave (as ruff): `.loopwarden.toml`, `loopwarden.toml`, then
// `pyproject.toml` with [tool.loopwarden], highest precedence first in one folder.
TEST(ConfigLoaderTest, DotLoopwardenTomlThenLoopwardenTomlThenPyprojectInOneDirectory) {
  ScratchDir dir;
  dir.write("loopwarden.toml", "ignore = [\"LW101\"]\n");
  dir.write("pyproject.toml", "[tool.loopwarden]\nignore = [\"LW102\"]\n");
  ConfigLoader loader;
  EXPECT_EQ(loader.for_file(dir.path() / "x.py")->file(), dir.path() / "loopwarden.toml");
  dir.write(".loopwarden.toml", "ignore = [\"LW103\"]\n");
  ConfigLoader fresh;
  EXPECT_EQ(fresh.for_file(dir.path() / "x.py")->file(), dir.path() / ".loopwarden.toml");

  ScratchDir other;
  other.write("loopwarden.toml", "ignore = [\"LW101\"]\n");
  other.write("pyproject.toml", "[project]\nname = \"x\"\n");
  EXPECT_EQ(loader.for_file(other.path() / "x.py")->file(), other.path() / "loopwarden.toml");
}

TEST(ConfigLoaderTest, ResultsAreCachedAndShared) {
  ScratchDir dir;
  dir.write("loopwarden.toml", "");
  ConfigLoader loader;
  const ConfigurationPtr a = loader.for_file(dir.path() / "a/b/x.py");
  const ConfigurationPtr b = loader.for_file(dir.path() / "a/y.py");
  const ConfigurationPtr c = loader.for_directory(dir.path() / "a/b");
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(a.get(), c.get());
  // A file created after the first lookup is only seen after clear().
  dir.write("a/loopwarden.toml", "ignore = [\"LW101\"]\n");
  EXPECT_EQ(loader.for_file(dir.path() / "a/y.py").get(), a.get());
  loader.clear();
  EXPECT_EQ(loader.for_file(dir.path() / "a/y.py")->file(), dir.path() / "a/loopwarden.toml");
}

TEST(ConfigLoaderTest, ExplicitFileReplacesDiscovery) {
  ScratchDir dir;
  dir.write("loopwarden.toml", "ignore = [\"LW101\"]\n");
  const auto custom = dir.write("configs/custom.toml", "ignore = [\"LW102\"]\n");
  ConfigLoader loader(custom);
  const ConfigurationPtr config = loader.for_file(dir.path() / "x.py");
  EXPECT_EQ(config->file(), custom);
  EXPECT_EQ(config->root(), dir.path() / "configs");
  EXPECT_THAT(config->settings().ignore, ::testing::ElementsAre("LW102"));
}

TEST(ConfigLoaderTest, ExplicitPyprojectIsReadFromItsSection) {
  ScratchDir dir;
  const auto file = dir.write("pyproject.toml", "[tool.loopwarden]\nignore = [\"LW103\"]\n");
  ConfigLoader loader(file);
  EXPECT_THAT(loader.for_file(dir.path() / "x.py")->settings().ignore,
              ::testing::ElementsAre("LW103"));
}

TEST(ConfigLoaderTest, ErrorsAreKeptWithTheDefaults) {
  ScratchDir dir;
  dir.write("loopwarden.toml", "select = [\"LW1\"]\nbogus = true\n");
  ConfigLoader loader;
  const ConfigurationPtr config = loader.for_file(dir.path() / "x.py");
  ASSERT_EQ(config->errors().size(), 1U);
  EXPECT_EQ(config->errors()[0].line, 2U);
  EXPECT_FALSE(config->settings().select.has_value());
  EXPECT_EQ(loader.loaded_configurations().size(), 1U);
}

TEST(ConfigLoaderTest, UnreadableExplicitFile) {
  ScratchDir dir;
  ConfigLoader loader(dir.path() / "missing.toml");
  const ConfigurationPtr config = loader.for_file(dir.path() / "x.py");
  ASSERT_EQ(config->errors().size(), 1U);
  EXPECT_THAT(config->errors()[0].message, ::testing::HasSubstr("cannot read configuration"));
}

// --- Configuration: what a configuration means for one file ---

Configuration make_config(const std::filesystem::path& file, std::string_view toml) {
  ScratchDir scratch;  // only to write the text somewhere readable
  const auto path = scratch.write("loopwarden.toml", toml);
  ConfigurationPtr loaded = load_config_file(path, false);
  EXPECT_TRUE(loaded->errors().empty());
  return Configuration(file, loaded->settings());
}

bool runs(const analysis::AnalysisOptions& options, RuleId id) {
  return options.rules.contains(id);
}

TEST(ConfigurationTest, DefaultsRunEveryRule) {
  const Configuration config;
  const analysis::AnalysisOptions options = config.options_for("/any/x.py");
  for (const analysis::RuleInfo& rule : analysis::all_rules()) {
    // Except the rules that only run when selected (LW002 unused-suppression).
    EXPECT_EQ(runs(options, rule.id), !analysis::is_off_by_default(rule.id)) << rule.code;
  }
  EXPECT_FALSE(runs(options, analysis::RuleId::LW002));
  const Configuration selected = make_config("/p/loopwarden.toml", "select = [\"LW\"]\n");
  EXPECT_TRUE(runs(selected.options_for("/p/x.py"), analysis::RuleId::LW002));
}

TEST(ConfigurationTest, SelectAndIgnoreWithSpecificity) {
  const Configuration config =
      make_config("/p/loopwarden.toml", "select = [\"LW10\"]\nignore = [\"LW1\", \"LW103\"]\n");
  // ignore LW1 is less specific than select LW10: LW10x stay on, except LW103.
  const analysis::AnalysisOptions options = config.options_for("/p/x.py");
  EXPECT_TRUE(runs(options, RuleId::LW101));
  EXPECT_FALSE(runs(options, RuleId::LW103));
}

TEST(ConfigurationTest, CommandLineSelectReplacesAndIgnoreAdds) {
  const Configuration config =
      make_config("/p/loopwarden.toml", "select = [\"LW101\", \"LW102\"]\nignore = [\"LW102\"]\n");
  const analysis::AnalysisOptions file_only = config.options_for("/p/x.py");
  EXPECT_TRUE(runs(file_only, RuleId::LW101));
  EXPECT_FALSE(runs(file_only, RuleId::LW102));
  EXPECT_FALSE(runs(file_only, RuleId::LW104));

  const RuleSelection cli_select{std::vector<std::string>{"LW102", "LW104"}, {}};
  const analysis::AnalysisOptions selected = config.options_for("/p/x.py", &cli_select);
  EXPECT_FALSE(runs(selected, RuleId::LW101));
  EXPECT_TRUE(runs(selected, RuleId::LW102)) << "a command-line select overrides file ignores";
  EXPECT_TRUE(runs(selected, RuleId::LW104));

  const RuleSelection cli_ignore{std::nullopt, {"LW101"}};
  const analysis::AnalysisOptions ignored = config.options_for("/p/x.py", &cli_ignore);
  EXPECT_FALSE(runs(ignored, RuleId::LW101));
  EXPECT_FALSE(runs(ignored, RuleId::LW102));
}

TEST(ConfigurationTest, PerFileIgnoresMatchRelativeToTheConfigDirectory) {
  const Configuration config = make_config(
      "/p/loopwarden.toml",
      "per-file-ignores = { \"tests/**\" = [\"LW102\"], \"conftest.py\" = [\"LW1\"] }\n");
  EXPECT_FALSE(runs(config.options_for("/p/tests/unit/test_a.py"), RuleId::LW102));
  EXPECT_TRUE(runs(config.options_for("/p/tests/unit/test_a.py"), RuleId::LW101));
  EXPECT_TRUE(runs(config.options_for("/p/src/tests/x.py"), RuleId::LW102));
  EXPECT_TRUE(runs(config.options_for("/elsewhere/tests/x.py"), RuleId::LW102));
  // A pattern without "/" also matches a file name at any depth.
  EXPECT_FALSE(runs(config.options_for("/p/src/conftest.py"), RuleId::LW104));
  // CLI select cannot bring back a per-file ignore.
  const RuleSelection cli{std::vector<std::string>{"LW102"}, {}};
  EXPECT_FALSE(runs(config.options_for("/p/tests/x.py", &cli), RuleId::LW102));
}

TEST(ConfigurationTest, SeverityOverridesMostSpecificWins) {
  const Configuration config =
      make_config("/p/loopwarden.toml", "severity = { LW103 = \"error\", LW1 = \"hint\" }\n");
  const analysis::AnalysisOptions options = config.options_for("/p/x.py");
  EXPECT_EQ(options.severity_overrides[static_cast<std::size_t>(RuleId::LW103)],
            analysis::Severity::Error);
  EXPECT_EQ(options.severity_overrides[static_cast<std::size_t>(RuleId::LW101)],
            analysis::Severity::Hint);
}

TEST(ConfigurationTest, ExtendListsAreCarried) {
  const Configuration config = make_config("/p/loopwarden.toml",
                                           "extend-blocking-calls = [\"sdk.fetch_sync\"]\n"
                                           "extend-async-functions = [\"sdk.fetch\"]\n");
  const analysis::AnalysisOptions options = config.options_for("/p/x.py");
  EXPECT_THAT(options.extend_blocking_calls, ::testing::ElementsAre("sdk.fetch_sync"));
  EXPECT_THAT(options.extend_async_functions, ::testing::ElementsAre("sdk.fetch"));
}

TEST(ConfigurationTest, Exclude) {
  const Configuration config = make_config(
      "/p/loopwarden.toml", "exclude = [\"migrations/**\", \"legacy\", \"*_pb2.py\"]\n");
  EXPECT_TRUE(config.is_excluded("/p/migrations/0001.py"));
  EXPECT_FALSE(config.is_excluded("/p/migrations"));
  EXPECT_FALSE(config.is_excluded("/p/app/migrations/0001.py"));
  EXPECT_TRUE(config.is_excluded("/p/legacy"));
  EXPECT_TRUE(config.is_excluded("/p/src/legacy"));
  EXPECT_TRUE(config.is_excluded("/p/src/api_pb2.py"));
  EXPECT_FALSE(config.is_excluded("/p/src/api.py"));
  EXPECT_FALSE(config.is_excluded("/q/migrations/0001.py"));
}

}  // namespace
}  // namespace lw::server::config
