// ruff's `extend` (a configuration inheriting another's settings) and `--show-settings`,
// through the built binary (INTERFACES.md "Configuration, as ruff's").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::run_loopwarden;
using testing::RunResult;
using testing::ScratchDir;

// LW102 (warning) on line 7, LW103 (warning) on line 8.
constexpr std::string_view kBlocking =
    "import asyncio\nimport time\n\n\nasync def blocked():\n    await asyncio.sleep(0)\n"
    "    time.sleep(1)\n    return open('x')\n";

std::vector<std::string> codes(const RunResult& r) {
  std::vector<std::string> out;
  if (r.out.empty()) return out;
  for (const auto& d : nlohmann::json::parse(r.out)) out.push_back(d["code"]);
  return out;
}

TEST(ExtendTest, InheritsSettingsRelativeToTheFile) {
  ScratchDir dir;
  dir.write("configs/base.toml",
            "select = [\"LW102\", \"LW103\"]\nseverity = { LW102 = \"error\" }\n"
            "output-format = \"json\"\n");
  dir.write("service/pyproject.toml",
            "[tool.loopwarden]\nextend = \"../configs/base.toml\"\nextend-ignore = [\"LW103\"]\n");
  dir.write("service/a.py", kBlocking);
  const RunResult r = run_loopwarden(dir.path() / "service", "check --no-cache");
  // output-format and select from the base, LW103 ignored by the child, LW102's severity kept.
  EXPECT_THAT(codes(r), ElementsAre("LW102")) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"severity\": \"error\""));
}

TEST(ExtendTest, ChildKeysWinAndChainsAreFollowed) {
  ScratchDir dir;
  dir.write("root.toml", "select = [\"LW102\"]\nfail-level = \"error\"\n");
  dir.write("middle.toml", "extend = \"root.toml\"\nextend-select = [\"LW103\"]\n");
  dir.write("loopwarden.toml", "extend = \"middle.toml\"\nfail-level = \"warning\"\n");
  dir.write("a.py", kBlocking);
  const RunResult r = run_loopwarden(dir.path(), "check --no-cache --output-format json");
  EXPECT_THAT(codes(r), ElementsAre("LW102", "LW103"));
  EXPECT_EQ(r.status, 1);  // fail-level warning (the child's), not error (the root's)
  // A `select` of the child starts a new selection.
  dir.write("loopwarden.toml", "extend = \"middle.toml\"\nselect = [\"LW103\"]\n");
  EXPECT_THAT(codes(run_loopwarden(dir.path(), "check --no-cache --output-format json")),
              ElementsAre("LW103"));
}

TEST(ExtendTest, CyclesAndMissingFilesAreConfigurationErrors) {
  ScratchDir dir;
  dir.write("a.py", kBlocking);
  dir.write("loopwarden.toml", "extend = \"other.toml\"\n");
  dir.write("other.toml", "extend = \"loopwarden.toml\"\n");
  const RunResult cycle = run_loopwarden(dir.path(), "check --no-cache");
  EXPECT_EQ(cycle.status, 2);
  EXPECT_THAT(cycle.err, HasSubstr("`extend` makes a cycle: "));
  EXPECT_THAT(cycle.err, HasSubstr("loopwarden.toml -> other.toml -> loopwarden.toml"));
  dir.write("loopwarden.toml", "extend = \"loopwarden.toml\"\n");
  EXPECT_THAT(run_loopwarden(dir.path(), "check --no-cache").err,
              HasSubstr("`extend` makes a cycle: loopwarden.toml -> loopwarden.toml"));
  dir.write("loopwarden.toml", "extend = \"missing.toml\"\n");
  const RunResult missing = run_loopwarden(dir.path(), "check --no-cache");
  EXPECT_EQ(missing.status, 2);
  EXPECT_THAT(missing.err, HasSubstr("`extend` names `missing.toml`, which is not a file"));
  // An error in the extended file is reported with that file's position.
  dir.write("loopwarden.toml", "extend = \"other.toml\"\n");
  dir.write("other.toml", "select = [\"LW999\"]\n");
  const RunResult bad = run_loopwarden(dir.path(), "check --no-cache");
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, HasSubstr("other.toml:1:11: unknown rule code or prefix `LW999`"));
  // Not a setting of the command line (it would apply after every file's own `extend`).
  const RunResult option = run_loopwarden(dir.path(), "check --config 'extend = \"x.toml\"'");
  EXPECT_EQ(option.status, 2);
  EXPECT_THAT(option.err, HasSubstr("--config: `extend` belongs in a configuration file"));
}

TEST(ShowSettingsTest, PrintsTheResolvedSettingsOfTheFirstFile) {
  ScratchDir dir;
  dir.write("base.toml", "ignore = [\"LW3\"]\nseverity = { LW102 = \"error\" }\n");
  dir.write("pyproject.toml",
            "[project]\nrequires-python = \">=3.10\"\n\n[tool.loopwarden]\n"
            "extend = \"base.toml\"\nextend-exclude = [\"build\"]\n"
            "per-file-ignores = { \"tests/*\" = [\"LW102\"] }\n");
  dir.write("a.py", kBlocking);
  const RunResult r =
      run_loopwarden(dir.path(), "check --show-settings --extend-ignore LW103 --fix a.py");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Resolved settings for: \"a.py\"\n"));
  EXPECT_THAT(r.out, HasSubstr("Settings path: \"" + (dir.path() / "pyproject.toml").string()));
  EXPECT_THAT(r.out, HasSubstr("extends = [\"" + (dir.path() / "base.toml").string() + "\"]"));
  EXPECT_THAT(r.out, HasSubstr("\"LW102 blocking-sleep (error)\""));
  EXPECT_THAT(r.out, HasSubstr("rules.disabled = [\"LW002 unused-suppression (information)\", "
                               "\"LW103 blocking-file-io (warning)\""));
  EXPECT_THAT(r.out, HasSubstr("\"LW301 sequential-awaits"));
  EXPECT_THAT(r.out, HasSubstr("target-version = \"py310\"  # from [project] requires-python"));
  EXPECT_THAT(r.out, HasSubstr("exclude = [\"build\"]"));
  EXPECT_THAT(r.out, HasSubstr("per-file-ignores = { \"tests/*\" = [\"LW102\"] }"));
  EXPECT_THAT(r.out, HasSubstr("fix = true\n"));
  EXPECT_THAT(r.out, Not(HasSubstr("LW102 [*]")));  // nothing is checked
  const RunResult target =
      run_loopwarden(dir.path(), "check --show-settings --target-version py38 a.py");
  EXPECT_THAT(target.out, HasSubstr("target-version = \"py38\"\n"));
  ScratchDir empty;
  const RunResult none = run_loopwarden(empty.path(), "check --show-settings");
  EXPECT_EQ(none.status, 2);
  EXPECT_THAT(none.err, HasSubstr("--show-settings: no Python file found"));
}

}  // namespace
}  // namespace lw::server::cli
