// End-to-end runs of the built `loopwarden` binary on the trees under fixtures/cli/.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/rules/catalog.h"
#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using testing::fixtures_dir;
using ::testing::HasSubstr;
using testing::run_loopwarden;
using testing::RunResult;

const std::filesystem::path kProject = fixtures_dir() / "project";

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// "path:row:col: CODE" of every diagnostic line (the message text belongs to the rules); in
// `full` output the headers (source lines start with a space or a row number).
std::vector<std::string> locations(const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& line : lines(text)) {
    if (line.empty() || line[0] == ' ' || (line[0] >= '0' && line[0] <= '9') ||
        line.starts_with("note: ") || line.starts_with("help: ")) {
      continue;
    }
    const std::size_t colon_space = line.find(": LW");
    if (colon_space == std::string::npos) continue;
    out.push_back(line.substr(0, colon_space + 7));
  }
  return out;
}

TEST(CheckE2eTest, ProjectTextOutput) {
  const RunResult r = run_loopwarden(kProject, "check");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(
      locations(r.out),
      ElementsAre("app/routes.py:10:5: LW102", "app/routes.py:16:24: LW102",
                  "app/routes.py:17:10: LW103", "app/routes.py:23:12: LW108",
                  "app/service.py:8:12: LW109", "keep.tmp.py:7:5: LW102", "other/b.py:7:5: LW102",
                  "sub/s.py:8:12: LW103", "tests/test_routes.py:8:12: LW103"));
  EXPECT_THAT(r.out, HasSubstr("app/routes.py:10:5: LW102 [*] `time.sleep`"));
  EXPECT_THAT(r.out, ::testing::EndsWith("\nFound 9 errors.\n[*] 4 fixable with the `--fix` option "
                                         "(4 hidden fixes can be enabled with the "
                                         "`--unsafe-fixes` option).\n"));
}

TEST(CheckE2eTest, PathsAreShownAsGiven) {
  const RunResult r = run_loopwarden(kProject.parent_path(), "check project/app ./project/sub/");
  EXPECT_THAT(
      locations(r.out),
      ElementsAre("project/app/routes.py:10:5: LW102", "project/app/routes.py:16:24: LW102",
                  "project/app/routes.py:17:10: LW103", "project/app/routes.py:23:12: LW108",
                  "project/app/service.py:8:12: LW109", "project/sub/s.py:8:12: LW103"));
}

TEST(CheckE2eTest, JsonShape) {
  const RunResult r = run_loopwarden(kProject, "check --output-format json");
  EXPECT_EQ(r.status, 1) << r.err;
  const json array = json::parse(r.out);
  ASSERT_EQ(array.size(), 9U);
  for (const json& d : array) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : d.items()) keys.push_back(key);
    EXPECT_THAT(keys, ::testing::UnorderedElementsAre("code", "name", "severity", "message",
                                                      "filename", "location", "end_location", "fix",
                                                      "related", "url", "noqa_row", "cell"));
    EXPECT_TRUE(d["fix"].is_null() || d["fix"]["edits"].is_array());
    EXPECT_TRUE(d["related"].is_array());
    EXPECT_EQ(d["url"], "https://github.com/loopwarden/loopwarden/blob/main/docs/rules/" +
                            d["code"].get<std::string>() + ".md");
    EXPECT_GE(d["location"]["row"].get<int>(), 1);
    EXPECT_GE(d["location"]["column"].get<int>(), 1);
  }
  // Sorted by filename, then row, then column.
  for (std::size_t i = 1; i < array.size(); ++i) {
    const auto key = [](const json& d) {
      return std::make_tuple(d["filename"].get<std::string>(), d["location"]["row"].get<int>(),
                             d["location"]["column"].get<int>());
    };
    EXPECT_LE(key(array[i - 1]), key(array[i]));
  }
  // Columns count code points: `label = "héllo 😀"; time.sleep(2)`.
  EXPECT_EQ(array[1]["filename"], "app/routes.py");
  EXPECT_EQ(array[1]["location"], json::parse(R"({"row": 16, "column": 24})"));
  EXPECT_EQ(array[1]["end_location"]["row"], 16);
  EXPECT_EQ(array[1]["fix"]["applicability"], "safe");
  // `severity = { LW103 = "error" }` from the project's configuration; sub/ has its own.
  EXPECT_EQ(array[2]["code"], "LW103");
  EXPECT_EQ(array[2]["severity"], "error");
  EXPECT_EQ(array[7]["filename"], "sub/s.py");
  EXPECT_EQ(array[7]["severity"], "warning");
  // A chain into another checked file (LW109): the related location names that file.
  EXPECT_EQ(array[4]["code"], "LW109");
  EXPECT_EQ(array[4]["related"], json::parse(R"([{"filename": "app/helpers.py",
      "location": {"row": 2, "column": 10}, "message": "blocking call `open()` in `read_settings`"}])"));
  EXPECT_EQ(array[0]["name"], "blocking-sleep");
}

TEST(CheckE2eTest, ExplicitPathsIgnoreExcludesAndGitignore) {
  const RunResult r =
      run_loopwarden(kProject, "check generated/gen.py ignored_dir/x.py scratch.tmp.py build/b.py");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(locations(r.out),
              ElementsAre("build/b.py:7:5: LW102", "generated/gen.py:7:5: LW102",
                          "ignored_dir/x.py:7:5: LW102", "scratch.tmp.py:7:5: LW102"));
}

TEST(CheckE2eTest, CommandLineSelectReplacesTheConfiguredSelection) {
  // LW104 is ignored by the configuration; a command-line select brings it back.
  const RunResult r = run_loopwarden(kProject, "check app --select LW104,LW108");
  EXPECT_THAT(locations(r.out),
              ElementsAre("app/routes.py:11:5: LW104", "app/routes.py:23:12: LW108"));
  // Per-file ignores still apply.
  const RunResult tests = run_loopwarden(kProject, "check tests --select=LW102");
  EXPECT_EQ(tests.status, 0) << tests.out << tests.err;
  EXPECT_EQ(tests.out, "All checks passed!\n");
}

TEST(CheckE2eTest, CommandLineIgnoreAddsToTheConfiguration) {
  const RunResult r = run_loopwarden(kProject, "check app --ignore LW102 --ignore LW108,LW109");
  EXPECT_THAT(locations(r.out), ElementsAre("app/routes.py:17:10: LW103"));
}

TEST(CheckE2eTest, UnknownCodeOnTheCommandLine) {
  const RunResult r = run_loopwarden(kProject, "check --select LW999");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "loopwarden: error: unknown rule code or prefix `LW999` in --select\n");
}

TEST(CheckE2eTest, StdinFilename) {
  const std::string source = "import time\n\n\nasync def piped():\n    time.sleep(1)\n";
  const RunResult r =
      run_loopwarden(kProject, "check --stdin-filename app/piped.py --output-format json", source);
  EXPECT_EQ(r.status, 1) << r.err;
  const json array = json::parse(r.out);
  ASSERT_EQ(array.size(), 1U);
  EXPECT_EQ(array[0]["filename"], "app/piped.py");
  EXPECT_EQ(array[0]["code"], "LW102");
  EXPECT_EQ(array[0]["location"], json::parse(R"({"row": 5, "column": 5})"));
  // The configuration that applies to the named path is used: tests/** ignores LW102.
  const RunResult ignored = run_loopwarden(kProject, "check --stdin-filename tests/x.py", source);
  EXPECT_EQ(ignored.status, 0) << ignored.out << ignored.err;
  // The file need not exist, and "-" may be given as the path.
  const RunResult dash = run_loopwarden(kProject, "check --stdin-filename new.py -", source);
  EXPECT_THAT(locations(dash.out), ElementsAre("new.py:5:5: LW102"));
}

TEST(CheckE2eTest, StdinWithPathsIsAUsageError) {
  const RunResult r = run_loopwarden(kProject, "check --stdin-filename a.py app", "");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("--stdin-filename"));
}

TEST(CheckE2eTest, UnreadableFilesAreReportedAndTheRunGoesOn) {
  // RULES.md LW003: a file that cannot be read or decoded is a diagnostic at 1:1, not a run
  // error on stderr.
  const RunResult r = run_loopwarden(fixtures_dir() / "bad_files", "check");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  // The byte-order mark of bom.py is not a column: `s = "é"; time.sleep(1)` starts at 14.
  EXPECT_THAT(locations(r.out), ElementsAre("binary.py:1:1: LW003", "bom.py:7:14: LW102",
                                            "good.py:7:5: LW102", "latin1.py:1:1: LW003"));
  EXPECT_THAT(r.out, HasSubstr("binary.py:1:1: LW003 File cannot be checked: binary file "
                               "(contains a NUL byte at line 2)"));
  EXPECT_THAT(r.out, HasSubstr("latin1.py:1:1: LW003 File cannot be checked: not valid UTF-8 "
                               "(byte 0xE9 at line 1, column 6)"));
  EXPECT_THAT(r.out, HasSubstr("Found 4 errors."));
  // --exit-zero treats it like any finding.
  EXPECT_EQ(run_loopwarden(fixtures_dir() / "bad_files", "check --exit-zero").status, 0);
}

TEST(CheckE2eTest, MissingPath) {
  const RunResult r = run_loopwarden(kProject, "check app/clean.py no/such.py");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "loopwarden: error: no/such.py: No such file or directory\n");
  EXPECT_EQ(r.out, "Found 0 errors.\n");  // not "All checks passed!": one path failed
  const json sarif = json::parse(
      run_loopwarden(kProject, "check app/clean.py no/such.py --output-format sarif").out);
  const json& invocation = sarif["runs"][0]["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["message"]["text"],
            "no/such.py: No such file or directory");
}

TEST(CheckE2eTest, ConfigurationErrorsHaveFilePositions) {
  // Discovered as the tree's loopwarden.toml: every problem is reported, nothing is checked.
  const testing::ScratchDir dir;
  dir.write("loopwarden.toml", testing::read_text(fixtures_dir() / "invalid_config.toml"));
  dir.write("pkg/a.py", "import time\n");
  const RunResult r = run_loopwarden(dir.path(), "check");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(lines(r.err),
              ElementsAre("loopwarden: error: loopwarden.toml:3:18: unknown rule code or prefix "
                          "`LW999` in `select`",
                          "loopwarden: error: loopwarden.toml:4:22: invalid severity `fatal` for "
                          "`LW102` (expected error, warning, information or hint)",
                          "loopwarden: error: loopwarden.toml:5:1: unknown key "
                          "`extend_blocking_calls` (did you mean `extend-blocking-calls`?)"));
  // Also when the tree is named from elsewhere: the path is shown as found.
  const RunResult from_above =
      run_loopwarden(dir.path().parent_path(), "check " + dir.path().filename().string());
  EXPECT_THAT(from_above.err,
              HasSubstr(dir.path().filename().string() + "/loopwarden.toml:3:18: unknown rule"));
}

TEST(CheckE2eTest, ExplicitConfigFile) {
  const RunResult r = run_loopwarden(kProject, "check app --config ../alt_config.toml");
  EXPECT_THAT(locations(r.out), ElementsAre("app/routes.py:23:12: LW108"));
  const RunResult bad =
      run_loopwarden(kProject, "check app/clean.py --config ../invalid_config.toml");
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, HasSubstr("invalid_config.toml:3:18: unknown rule code"));
  const RunResult missing = run_loopwarden(kProject, "check --config nope.toml");
  EXPECT_EQ(missing.status, 2);
  EXPECT_THAT(missing.err, HasSubstr("nope.toml"));
}

TEST(CheckE2eTest, CleanRunExitCodesAndQuiet) {
  const RunResult clean = run_loopwarden(fixtures_dir() / "clean", "check");
  EXPECT_EQ(clean.status, 0);
  EXPECT_EQ(clean.out, "All checks passed!\n");
  EXPECT_EQ(run_loopwarden(fixtures_dir() / "clean", "check --quiet").out, "");
  const RunResult zero =
      run_loopwarden(kProject, "check --exit-zero --quiet --output-format concise");
  EXPECT_EQ(zero.status, 0);
  EXPECT_EQ(lines(zero.out).size(), 9U);
}

TEST(CheckE2eTest, ThreadCountDoesNotChangeTheOutput) {
  // Many files: the analysis tests' fixtures and this project.
  const std::string args = " --output-format json --exit-zero analysis " + kProject.string();
  const RunResult one = run_loopwarden(LW_TESTS_DIR, "check --threads 1" + args);
  const RunResult many = run_loopwarden(LW_TESTS_DIR, "check --threads 8" + args);
  const RunResult fallback = run_loopwarden(LW_TESTS_DIR, "check" + args);
  EXPECT_EQ(one.status, many.status);
  EXPECT_GT(json::parse(one.out).size(), 8U);
  EXPECT_EQ(one.out, many.out);
  EXPECT_EQ(one.out, fallback.out);
  EXPECT_EQ(one.err, many.err);
}

TEST(CheckE2eTest, SarifOutput) {
  const RunResult r = run_loopwarden(kProject, "check --output-format sarif");
  EXPECT_EQ(r.status, 1);
  const json sarif = json::parse(r.out);
  EXPECT_EQ(sarif["version"], "2.1.0");
  ASSERT_EQ(sarif["runs"].size(), 1U);
  const json& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), analysis::all_rules().size());
  ASSERT_EQ(run["results"].size(), 9U);
  const json& first = run["results"][0];
  EXPECT_EQ(first["ruleId"], "LW102");
  EXPECT_EQ(run["tool"]["driver"]["rules"][first["ruleIndex"].get<std::size_t>()]["id"], "LW102");
  EXPECT_EQ(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "app/routes.py");
  EXPECT_EQ(first["locations"][0]["physicalLocation"]["region"]["startLine"], 10);
  EXPECT_EQ(run["results"][2]["level"], "error");
}

TEST(CheckE2eTest, GithubOutput) {
  const RunResult r = run_loopwarden(kProject, "check app --output-format github");
  EXPECT_EQ(r.status, 1);
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), 5U);
  EXPECT_THAT(out[0], ::testing::StartsWith(
                          "::warning file=app/routes.py,line=10,col=5,endLine=10,endColumn="));
  EXPECT_THAT(out[0], HasSubstr(",title=LW102::`time.sleep`"));
  EXPECT_THAT(out[2], ::testing::StartsWith("::error file=app/routes.py,line=17,col=10,"));
}

TEST(CheckE2eTest, Statistics) {
  const RunResult r = run_loopwarden(kProject, "check --statistics");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out,
            "4\tLW102\t[*] blocking-sleep\n"
            "3\tLW103\t[ ] blocking-file-io\n"
            "1\tLW108\t[ ] configured-blocking-call\n"
            "1\tLW109\t[ ] transitively-blocking-call\n");
}

TEST(CheckE2eTest, FixAndDiffOnACopyOfTheProject) {
  // The fixture tree itself is never written: --diff only reads, --fix runs on a copy.
  const RunResult diff = run_loopwarden(kProject, "check --diff --no-cache");
  EXPECT_EQ(diff.status, 1) << diff.err;
  EXPECT_THAT(diff.out, HasSubstr("--- app/routes.py\n+++ app/routes.py\n"));
  EXPECT_THAT(diff.out, HasSubstr("\n-    time.sleep(1)\n+    await asyncio.sleep(1)\n"));
  EXPECT_EQ(diff.err, "Would fix 4 diagnostics in 3 files.\n");

  testing::ScratchDir copy;
  std::filesystem::copy(kProject, copy.path(), std::filesystem::copy_options::recursive);
  const RunResult fixed = run_loopwarden(copy.path(), "check --fix");
  EXPECT_EQ(fixed.status, 1) << fixed.err;
  EXPECT_EQ(fixed.err, "");
  EXPECT_THAT(locations(fixed.out),
              ElementsAre("app/routes.py:17:10: LW103", "app/routes.py:23:12: LW108",
                          "app/service.py:8:12: LW109", "sub/s.py:8:12: LW103",
                          "tests/test_routes.py:8:12: LW103"));
  EXPECT_THAT(fixed.out, ::testing::EndsWith("\nFound 9 errors (4 fixed, 5 remaining).\nNo fixes "
                                             "available (4 hidden fixes can be enabled with the "
                                             "`--unsafe-fixes` option).\n"));
  EXPECT_THAT(testing::read_text(copy.path() / "other/b.py"),
              HasSubstr("    await asyncio.sleep(1)\n"));
  // Accepted and harmless without --fix.
  EXPECT_EQ(run_loopwarden(kProject, "check --no-cache --unsafe-fixes --quiet").status, 1);
}

TEST(CommandLineTest, UsageErrorsExitTwoWithOneLine) {
  for (const char* args :
       {"check --output-format xml", "check --threads 0", "check --bogus", "", "frobnicate", "rule",
        "rules --output-format sarif", "server --log-level loud"}) {
    const RunResult r = run_loopwarden(kProject, args);
    EXPECT_EQ(r.status, 2) << args;
    EXPECT_EQ(lines(r.err).size(), 1U) << args << ": " << r.err;
    EXPECT_THAT(r.err, ::testing::StartsWith("loopwarden: error: ")) << args;
    EXPECT_EQ(r.out, "") << args;
  }
}

TEST(CommandLineTest, Version) {
  const RunResult r = run_loopwarden(kProject, "--version");
  EXPECT_EQ(r.status, 0);
  // "loopwarden 0.1.0", then " (<commit> <date>)" when built from a git checkout.
  EXPECT_THAT(r.out, ::testing::StartsWith(std::string("loopwarden ") + LW_VERSION));
  EXPECT_THAT(r.out, ::testing::MatchesRegex("loopwarden [0-9.]+( \\([0-9a-f]{12} "
                                             "[0-9]{4}-[0-9]{2}-[0-9]{2}\\))?\n"));
}

TEST(CommandLineTest, Help) {
  const RunResult r = run_loopwarden(kProject, "check --help");
  EXPECT_EQ(r.status, 0);
  EXPECT_THAT(r.out, HasSubstr("--output-format"));
  EXPECT_THAT(r.out, HasSubstr("--stdin-filename"));
}

TEST(CommandLineTest, RuleExplainsOneRule) {
  const RunResult r = run_loopwarden(kProject, "rule LW102");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("LW102"));
  EXPECT_EQ(run_loopwarden(kProject, "rule lw102").out, r.out);
  const RunResult unknown = run_loopwarden(kProject, "rule LW999");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_EQ(unknown.err, "loopwarden: error: unknown rule code `LW999` (see `loopwarden rules`)\n");
}

TEST(CommandLineTest, RulesListsTheCatalog) {
  const RunResult text = run_loopwarden(kProject, "rules");
  EXPECT_EQ(text.status, 0);
  const auto rules = analysis::all_rules();
  ASSERT_EQ(lines(text.out).size(), rules.size());
  EXPECT_THAT(lines(text.out)[0], ::testing::StartsWith(std::string(rules[0].code) + "  "));

  const RunResult as_json = run_loopwarden(kProject, "rules --output-format json");
  const json array = json::parse(as_json.out);
  ASSERT_EQ(array.size(), rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    EXPECT_EQ(array[i]["code"], rules[i].code);
    EXPECT_EQ(array[i]["name"], rules[i].name);
    EXPECT_EQ(array[i]["severity"], analysis::to_string(rules[i].default_severity));
    EXPECT_EQ(array[i]["summary"], rules[i].summary);
  }
}

TEST(CommandLineTest, ServerAcceptsStdioFlags) {
  // Standard input is empty: the server starts, sees the end of input and stops; what matters
  // here is that `--stdio` is not a usage error.
  for (const char* args : {"server --stdio", "--stdio", "server --log-level debug"}) {
    const RunResult r = run_loopwarden(kProject, args);
    EXPECT_NE(r.status, 2) << args << ": " << r.err;
    EXPECT_EQ(r.out, "") << args;
  }
}

}  // namespace
}  // namespace lw::server::cli
