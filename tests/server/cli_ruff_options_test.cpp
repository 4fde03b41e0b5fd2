// `check`'s options and run settings with ruff's meaning (INTERFACES.md "Added in the second
// wave"), through the built binary, and --add-noqa's text edits.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/cli/add_noqa.h"
#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::run_loopwarden;
using testing::RunResult;
using testing::ScratchDir;

constexpr std::string_view kBlocking =
    "import asyncio\nimport time\n\n\nasync def blocked():\n    await asyncio.sleep(0)\n"
    "    time.sleep(1)\n    return open('x')\n";

std::vector<std::string> codes(const RunResult& r) {
  std::vector<std::string> out;
  for (const auto& d : nlohmann::json::parse(r.out)) out.push_back(d["code"]);
  return out;
}

TEST(RuffOptionsTest, ExtendSelectAddsAndSelectAllIsCaseInsensitive) {
  ScratchDir dir;
  dir.write("loopwarden.toml", "select = [\"LW102\"]\n");
  dir.write("a.py", kBlocking);
  EXPECT_THAT(codes(run_loopwarden(dir.path(), "check --no-cache --output-format json")),
              ::testing::ElementsAre("LW102"));
  EXPECT_THAT(codes(run_loopwarden(dir.path(),
                                   "check --no-cache --output-format json --extend-select lw103")),
              ::testing::ElementsAre("LW102", "LW103"));
  EXPECT_THAT(codes(run_loopwarden(dir.path(),
                                   "check --no-cache --output-format json --select all "
                                   "--extend-ignore LW102")),
              ::testing::ElementsAre("LW103"));
  const RunResult bad = run_loopwarden(dir.path(), "check --extend-select LW9");
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, HasSubstr("--extend-select"));
}

TEST(RuffOptionsTest, ConfigurationKeysOfTheRun) {
  ScratchDir dir;
  dir.write("pyproject.toml",
            "[tool.loopwarden]\nextend-select = [\"LW103\"]\nselect = [\"LW102\"]\n"
            "output-format = \"concise\"\nfail-level = \"error\"\n");
  dir.write("a.py", kBlocking);
  const RunResult r = run_loopwarden(dir.path(), "check --no-cache");
  // concise from the configuration; LW102 and LW103 are warnings: below the fail level.
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("a.py:7:5: LW102 [*] "));
  EXPECT_THAT(r.out, HasSubstr("a.py:8:12: LW103 "));
  EXPECT_THAT(r.out, Not(HasSubstr("  |")));
  // The command line wins.
  const RunResult full = run_loopwarden(dir.path(),
                                        "check --no-cache --output-format full "
                                        "--fail-level warning");
  EXPECT_EQ(full.status, 1);
  EXPECT_THAT(full.out, HasSubstr("  |     ^^^^^^^^^^^^^ LW102 (warning)"));
  ScratchDir bad;
  bad.write("loopwarden.toml", "output-format = \"xml\"\n");
  const RunResult invalid = run_loopwarden(bad.path(), "check");
  EXPECT_EQ(invalid.status, 2);
  EXPECT_THAT(invalid.err, HasSubstr("loopwarden.toml:1:17: `output-format` must be one of"));
}

TEST(RuffOptionsTest, ShowFixesAndExitNonZeroOnFix) {
  ScratchDir dir;
  dir.write("a.py", "import asyncio\nimport time\n\n\nasync def f():\n    time.sleep(1)\n");
  const RunResult fixed =
      run_loopwarden(dir.path(), "check --no-cache --fix --show-fixes --exit-non-zero-on-fix");
  EXPECT_EQ(fixed.status, 1) << fixed.out << fixed.err;
  EXPECT_THAT(fixed.out,
              HasSubstr("Fixed 1 error:\n- a.py:\n    1 \xC3\x97 LW102 (blocking-sleep)\n"));
  const RunResult again =
      run_loopwarden(dir.path(), "check --no-cache --fix --exit-non-zero-on-fix");
  EXPECT_EQ(again.status, 0) << again.out;
}

TEST(RuffOptionsTest, FixOnlyReportsNothingLeft) {
  ScratchDir dir;
  dir.write("a.py", kBlocking);
  const RunResult r = run_loopwarden(dir.path(), "check --no-cache --fix-only");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_THAT(testing::read_text(dir.path() / "a.py"), HasSubstr("await asyncio.sleep(1)"));
  EXPECT_THAT(r.out, Not(HasSubstr("LW103")));
}

TEST(RuffOptionsTest, OutputFileSilentAndHiddenFixes) {
  ScratchDir dir;
  dir.write("a.py", kBlocking);
  const RunResult to_file =
      run_loopwarden(dir.path(), "check --no-cache -o reports/out.json --output-format json");
  EXPECT_EQ(to_file.status, 1);
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(nlohmann::json::parse(testing::read_text(dir.path() / "reports/out.json")).size(), 2U);
  const RunResult silent = run_loopwarden(dir.path(), "check --no-cache -s");
  EXPECT_EQ(silent.status, 1);
  EXPECT_EQ(silent.out, "");
  EXPECT_EQ(silent.err, "");
  const RunResult summary = run_loopwarden(dir.path(), "check --no-cache --output-format concise");
  EXPECT_THAT(summary.out, ::testing::EndsWith(
                               "Found 2 errors.\n[*] 1 fixable with the `--fix` option (1 "
                               "hidden fix can be enabled with the `--unsafe-fixes` option).\n"));
}

TEST(RuffOptionsTest, VerboseTimingsAndShowFiles) {
  ScratchDir dir;
  dir.write("a.py", kBlocking);
  dir.write("pkg/b.py", "x = 1\n");
  const RunResult verbose = run_loopwarden(dir.path(), "check --no-cache -v");
  EXPECT_THAT(verbose.err, HasSubstr("loopwarden: discovery and configuration: 2 files in "));
  EXPECT_THAT(verbose.err, HasSubstr("loopwarden: parsing, indexing and analysis: "));
  const RunResult files = run_loopwarden(dir.path(), "check --show-files");
  EXPECT_EQ(files.status, 0);
  EXPECT_EQ(files.out, "a.py\npkg/b.py\n");
}

TEST(RuffOptionsTest, CacheLivesAtTheProjectRoot) {
  ScratchDir dir;
  dir.write("pyproject.toml", "[tool.loopwarden]\nselect = [\"LW1\"]\n");
  dir.write("src/pkg/a.py", kBlocking);
  const RunResult r = run_loopwarden(dir.path() / "src", "check pkg");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / ".loopwarden_cache"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "src" / ".loopwarden_cache"));
  run_loopwarden(dir.path() / "src", "check pkg --cache-dir ../elsewhere");
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "elsewhere"));
}

TEST(RuffOptionsTest, AddNoqaMergesAndSilences) {
  ScratchDir dir;
  dir.write("a.py",
            "import asyncio\nimport time\n\n\nasync def blocked():\n    await asyncio.sleep(0)\n"
            "    time.sleep(1)  # noqa: E501\n    return open('x')\n");
  const RunResult added = run_loopwarden(dir.path(), "check --no-cache --add-noqa");
  EXPECT_EQ(added.status, 0) << added.err;
  EXPECT_EQ(added.err, "Added 2 noqa directives.\n");
  EXPECT_THAT(
      testing::read_text(dir.path() / "a.py"),
      HasSubstr("    time.sleep(1)  # noqa: E501, LW102\n    return open('x')  # noqa: LW103\n"));
  const RunResult after = run_loopwarden(dir.path(), "check --no-cache");
  EXPECT_EQ(after.status, 0) << after.out;
  EXPECT_EQ(run_loopwarden(dir.path(), "check --no-cache --add-noqa").err,
            "Added 0 noqa directives.\n");
}

TEST(RuffOptionsTest, ConfigKeyValueOverridesEveryConfiguration) {
  ScratchDir dir;
  dir.write("loopwarden.toml", "select = [\"LW102\"]\n");
  dir.write("a.py", kBlocking);
  EXPECT_THAT(codes(run_loopwarden(dir.path(),
                                   "check --no-cache --output-format json "
                                   "--config 'select = [\"LW103\"]'")),
              ::testing::ElementsAre("LW103"));
  ScratchDir bare;
  bare.write("a.py", kBlocking);
  EXPECT_THAT(codes(run_loopwarden(bare.path(),
                                   "check --no-cache --config 'ignore = [\"LW102\"]' "
                                   "--config 'output-format = \"json\"'")),
              ::testing::ElementsAre("LW103"));
  const RunResult bad = run_loopwarden(bare.path(), "check --config 'selectt = 1'");
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, HasSubstr("--config:1:1: unknown key `selectt`"));
}

TEST(AddNoqaTest, LinesACommentCannotEndAreLeftAlone) {
  const std::string text =
      "a = f(\"\"\"\n  text\"\"\")\nb = 1 + \\\n  2\nc = g()  # noqa\nd = h()  # note\ne = 1\r\n";
  const NoqaEdit edit = add_noqa(
      text, {{1, {"LW1"}}, {2, {"LW2"}}, {3, {"LW3"}}, {5, {"LW5"}}, {6, {"LW6"}}, {7, {"LW7"}}});
  EXPECT_EQ(edit.text,
            "a = f(\"\"\"\n  text\"\"\")  # noqa: LW2\nb = 1 + \\\n  2\nc = g()  # noqa\n"
            "d = h()  # noqa: LW6 # note\ne = 1  # noqa: LW7\r\n");
  EXPECT_EQ(edit.added, 3U);
}

}  // namespace
}  // namespace lw::server::cli
