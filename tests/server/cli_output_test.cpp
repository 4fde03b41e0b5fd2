#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/config.h"
#include "server/cli/emitters.h"

namespace lw::server::cli {
namespace {

using analysis::RuleId;
using analysis::Severity;
using nlohmann::json;

OutputDiagnostic sleep_diagnostic() {
  OutputDiagnostic d;
  d.rule = RuleId::LW102;
  d.severity = Severity::Warning;
  d.message = "`time.sleep` blocks the event loop in async function `handler`";
  d.filename = "app/routes.py";
  d.location = {12, 5};
  d.end_location = {12, 18};
  d.fix = OutputFix{analysis::Applicability::Safe,
                    "Replace with `await asyncio.sleep(...)`",
                    {OutputEdit{"await asyncio.sleep", {12, 5}, {12, 15}}}};
  d.related.push_back(OutputRelated{"app/util.py", {3, 9}, {3, 20}, "blocking call here"});
  return d;
}

OutputDiagnostic open_diagnostic() {
  OutputDiagnostic d;
  d.rule = RuleId::LW103;
  d.severity = Severity::Error;
  d.message = "`open` blocks, 100%: really\nyes";
  d.filename = "app/a,b.py";
  d.location = {3, 1};
  d.end_location = {4, 2};
  return d;
}

std::vector<OutputDiagnostic> sample() { return {sleep_diagnostic(), open_diagnostic()}; }

TEST(ConciseOutputTest, LinesAndSummary) {
  std::ostringstream out;
  write_concise(sample(), out, {});
  write_summary(sample(), out, {});
  EXPECT_EQ(out.str(),
            "app/routes.py:12:5: LW102 [*] `time.sleep` blocks the event loop in async function "
            "`handler`\n"
            "app/a,b.py:3:1: LW103 `open` blocks, 100%: really\nyes\n"
            "Found 2 errors.\n"
            "[*] 1 fixable with the `--fix` option.\n");
}

TEST(SummaryTest, Variants) {
  std::ostringstream none;
  write_summary({}, none, {});
  EXPECT_EQ(none.str(), "All checks passed!\n");

  std::ostringstream failed;
  write_summary({}, failed, {.had_errors = true});
  EXPECT_EQ(failed.str(), "Found 0 errors.\n");

  std::ostringstream one;
  write_summary(std::vector<OutputDiagnostic>{open_diagnostic()}, one, {});
  EXPECT_EQ(one.str(), "Found 1 error.\n");

  std::ostringstream fixed;
  write_summary(std::vector<OutputDiagnostic>{open_diagnostic()}, fixed, {.fixed = 3});
  EXPECT_EQ(fixed.str(), "Found 4 errors (3 fixed, 1 remaining).\n");
}

TEST(SummaryTest, HiddenUnsafeFixesAreAnnounced) {
  OutputDiagnostic unsafe = sleep_diagnostic();
  unsafe.fix->applicability = analysis::Applicability::Unsafe;
  const std::vector<OutputDiagnostic> only_unsafe{unsafe, unsafe};
  std::ostringstream hidden;
  write_summary(only_unsafe, hidden, {});
  EXPECT_EQ(hidden.str(),
            "Found 2 errors.\n"
            "No fixes available (2 hidden fixes can be enabled with the `--unsafe-fixes` "
            "option).\n");

  const std::vector<OutputDiagnostic> mixed{sleep_diagnostic(), unsafe};
  std::ostringstream both;
  write_summary(mixed, both, {});
  EXPECT_EQ(both.str(),
            "Found 2 errors.\n"
            "[*] 1 fixable with the `--fix` option (1 hidden fix can be enabled with the "
            "`--unsafe-fixes` option).\n");

  std::ostringstream enabled;
  write_summary(mixed, enabled, {.unsafe_fixes = true});
  EXPECT_EQ(enabled.str(), "Found 2 errors.\n[*] 2 fixable with the `--fix` option.\n");
}

TEST(ConciseOutputTest, UnsafeFixesAreMarkedOnlyWhenEnabled) {
  OutputDiagnostic d = sleep_diagnostic();
  d.fix->applicability = analysis::Applicability::Unsafe;
  std::ostringstream safe_only;
  write_concise(std::vector<OutputDiagnostic>{d}, safe_only, {});
  EXPECT_THAT(safe_only.str(), ::testing::HasSubstr("LW102 `time.sleep`"));
  std::ostringstream with_unsafe;
  write_concise(std::vector<OutputDiagnostic>{d}, with_unsafe, {.unsafe_fixes = true});
  EXPECT_THAT(with_unsafe.str(), ::testing::HasSubstr("LW102 [*] `time.sleep`"));
}

TEST(ConciseOutputTest, ColoursOnlyWhenAsked) {
  std::ostringstream plain;
  write_concise(sample(), plain, {});
  EXPECT_EQ(plain.str().find('\x1b'), std::string::npos);
  std::ostringstream colored;
  write_concise(sample(), colored, {.color = true});
  EXPECT_THAT(colored.str(), ::testing::HasSubstr("\x1b[1;31mLW102\x1b[0m"));
}

TEST(GroupedOutputTest, FilesWithAlignedPositions) {
  std::vector<OutputDiagnostic> diagnostics = sample();
  OutputDiagnostic later = sleep_diagnostic();
  later.location = {120, 13};
  later.fix.reset();
  diagnostics.insert(diagnostics.begin() + 1, later);
  std::ostringstream out;
  write_grouped(diagnostics, out, {});
  EXPECT_EQ(out.str(),
            "app/routes.py:\n"
            "   12:5  LW102 [*] `time.sleep` blocks the event loop in async function `handler`\n"
            "  120:13 LW102 `time.sleep` blocks the event loop in async function `handler`\n"
            "\n"
            "app/a,b.py:\n"
            "  3:1 LW103 `open` blocks, 100%: really\nyes\n"
            "\n");
}

TEST(JsonOutputTest, DocumentedShape) {
  std::ostringstream out;
  write_json(sample(), out);
  const json array = json::parse(out.str());
  ASSERT_TRUE(array.is_array());
  ASSERT_EQ(array.size(), 2U);
  const json expected = json::parse(R"({
    "code": "LW102",
    "name": "blocking-sleep",
    "severity": "warning",
    "message": "`time.sleep` blocks the event loop in async function `handler`",
    "filename": "app/routes.py",
    "location": {"row": 12, "column": 5},
    "end_location": {"row": 12, "column": 18},
    "fix": {
      "applicability": "safe",
      "message": "Replace with `await asyncio.sleep(...)`",
      "edits": [{"content": "await asyncio.sleep", "location": {"row": 12, "column": 5},
                 "end_location": {"row": 12, "column": 15}}]
    },
    "related": [{"filename": "app/util.py", "location": {"row": 3, "column": 9},
                 "message": "blocking call here"}],
    "url": "https://github.com/loopwarden/loopwarden/blob/main/docs/rules/LW102.md",
    "noqa_row": 12,
    "cell": null
  })");
  EXPECT_EQ(array[0], expected);
  EXPECT_TRUE(array[1]["fix"].is_null());
  EXPECT_EQ(array[1]["related"], json::array());
  EXPECT_EQ(array[1]["severity"], "error");
  EXPECT_EQ(array[1]["message"], "`open` blocks, 100%: really\nyes");
  // Keys in the documented order.
  std::size_t previous = 0;
  for (const char* key :
       {"\"code\"", "\"name\"", "\"severity\"", "\"message\"", "\"filename\"", "\"location\"",
        "\"end_location\"", "\"fix\"", "\"related\"", "\"url\"", "\"noqa_row\"", "\"cell\""}) {
    const std::size_t at = out.str().find(key);
    EXPECT_GT(at, previous) << key;
    previous = at;
  }
}

TEST(JsonOutputTest, JsonLinesHoldOneObjectPerLine) {
  std::ostringstream out;
  write_json_lines(sample(), out);
  std::istringstream in(out.str());
  std::ostringstream whole;
  write_json(sample(), whole);
  const json array = json::parse(whole.str());
  std::size_t n = 0;
  for (std::string line; std::getline(in, line); ++n) {
    ASSERT_LT(n, array.size());
    EXPECT_EQ(json::parse(line), array[n]);
  }
  EXPECT_EQ(n, 2U);
  std::ostringstream none;
  write_json_lines({}, none);
  EXPECT_EQ(none.str(), "");
}

TEST(JsonOutputTest, EmptyIsAnEmptyArray) {
  std::ostringstream out;
  write_json({}, out);
  EXPECT_EQ(json::parse(out.str()), json::array());
}

TEST(SarifOutputTest, RequiredFields) {
  std::ostringstream out;
  write_sarif(sample(), out);
  const json sarif = json::parse(out.str());
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_THAT(sarif["$schema"].get<std::string>(), ::testing::HasSubstr("sarif-2.1.0"));
  ASSERT_EQ(sarif["runs"].size(), 1U);
  const json& run = sarif["runs"][0];
  const json& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "loopwarden");
  EXPECT_TRUE(driver["version"].is_string());
  EXPECT_THAT(driver["informationUri"].get<std::string>(), ::testing::StartsWith("https://"));

  const json& rules = driver["rules"];
  ASSERT_EQ(rules.size(), analysis::all_rules().size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const analysis::RuleInfo& info = analysis::all_rules()[i];
    EXPECT_EQ(rules[i]["id"], info.code);
    EXPECT_EQ(rules[i]["name"], info.name);
    EXPECT_EQ(rules[i]["shortDescription"]["text"], info.summary);
    EXPECT_TRUE(rules[i]["help"]["text"].is_string());
    EXPECT_TRUE(rules[i]["help"]["markdown"].is_string());
    EXPECT_THAT(rules[i]["helpUri"].get<std::string>(),
                ::testing::EndsWith("/docs/rules/" + std::string(info.code) + ".md"));
    EXPECT_THAT(rules[i]["defaultConfiguration"]["level"].get<std::string>(),
                ::testing::AnyOf("error", "warning", "note"));
  }

  const json& results = run["results"];
  ASSERT_EQ(results.size(), 2U);
  const json& first = results[0];
  EXPECT_EQ(first["ruleId"], "LW102");
  const std::size_t index = first["ruleIndex"];
  EXPECT_EQ(rules[index]["id"], "LW102");
  EXPECT_EQ(first["level"], "warning");
  EXPECT_EQ(first["message"]["text"], sleep_diagnostic().message);
  const json& physical = first["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "app/routes.py");
  EXPECT_EQ(physical["region"],
            json::parse(R"({"startLine": 12, "startColumn": 5, "endLine": 12, "endColumn": 18})"));
  EXPECT_EQ(first["relatedLocations"][0]["message"]["text"], "blocking call here");
  EXPECT_EQ(results[1]["level"], "error");
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "app/a%2Cb.py");
}

TEST(SarifOutputTest, AbsolutePathsBecomeFileUris) {
  OutputDiagnostic d = open_diagnostic();
  d.filename = "/srv/my app/x.py";
  d.severity = Severity::Hint;
  std::ostringstream out;
  write_sarif(std::vector<OutputDiagnostic>{d}, out);
  const json result = json::parse(out.str())["runs"][0]["results"][0];
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "file:///srv/my%20app/x.py");
  EXPECT_EQ(result["level"], "note");
}

TEST(SarifOutputTest, FixesAndFingerprints) {
  std::vector<OutputDiagnostic> diagnostics = sample();
  diagnostics.push_back(sleep_diagnostic());  // an identical twin: another fingerprint
  std::ostringstream out;
  write_sarif(diagnostics, out);
  const json results = json::parse(out.str())["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3U);
  const json& fix = results[0]["fixes"][0];
  EXPECT_EQ(fix["description"]["text"], "Replace with `await asyncio.sleep(...)`");
  const json& change = fix["artifactChanges"][0];
  EXPECT_EQ(change["artifactLocation"]["uri"], "app/routes.py");
  EXPECT_EQ(change["replacements"][0]["deletedRegion"],
            json::parse(R"({"startLine": 12, "startColumn": 5, "endLine": 12, "endColumn": 15})"));
  EXPECT_EQ(change["replacements"][0]["insertedContent"]["text"], "await asyncio.sleep");
  EXPECT_FALSE(results[1].contains("fixes"));
  const std::string a = results[0]["partialFingerprints"]["loopwarden/v1"];
  const std::string b = results[1]["partialFingerprints"]["loopwarden/v1"];
  const std::string twin = results[2]["partialFingerprints"]["loopwarden/v1"];
  EXPECT_EQ(a.size(), 16U);
  EXPECT_NE(a, b);
  EXPECT_NE(a, twin);
  // Moving the diagnostic keeps its fingerprint.
  OutputDiagnostic moved = sleep_diagnostic();
  moved.location = {40, 1};
  EXPECT_EQ(diagnostic_fingerprint(moved, 0), a);
}

TEST(PylintOutputTest, ParseableLines) {
  std::ostringstream out;
  write_pylint(sample(), out);
  EXPECT_EQ(out.str(),
            "app/routes.py:12: [LW102] `time.sleep` blocks the event loop in async function "
            "`handler`\n"
            "app/a,b.py:3: [LW103] `open` blocks, 100%: really yes\n");
}

TEST(AzureOutputTest, LoggingCommands) {
  std::ostringstream out;
  write_azure(sample(), out);
  EXPECT_EQ(out.str(),
            "##vso[task.logissue type=warning;sourcepath=app/routes.py;linenumber=12;"
            "columnnumber=5;code=LW102;]`time.sleep` blocks the event loop in async function "
            "`handler`\n"
            "##vso[task.logissue type=error;sourcepath=app/a,b.py;linenumber=3;columnnumber=1;"
            "code=LW103;]`open` blocks, 100%AZP25: really%0Ayes\n");
}

TEST(RdjsonOutputTest, DiagnosticResult) {
  std::ostringstream out;
  write_rdjson(sample(), out);
  const json result = json::parse(out.str());
  EXPECT_EQ(result["source"]["name"], "loopwarden");
  ASSERT_EQ(result["diagnostics"].size(), 2U);
  const json& first = result["diagnostics"][0];
  EXPECT_EQ(first["location"]["path"], "app/routes.py");
  EXPECT_EQ(
      first["location"]["range"],
      json::parse(R"({"start": {"line": 12, "column": 5}, "end": {"line": 12, "column": 18}})"));
  EXPECT_EQ(first["code"]["value"], "LW102");
  EXPECT_EQ(first["severity"], "WARNING");
  EXPECT_EQ(first["suggestions"][0]["text"], "await asyncio.sleep");
  EXPECT_EQ(result["diagnostics"][1]["severity"], "ERROR");
  EXPECT_FALSE(result["diagnostics"][1].contains("suggestions"));
}

TEST(GitlabOutputTest, CodeQualityIssues) {
  std::ostringstream out;
  write_gitlab(sample(), out, std::nullopt);
  const json issues = json::parse(out.str());
  ASSERT_EQ(issues.size(), 2U);
  EXPECT_EQ(issues[0]["check_name"], "LW102");
  EXPECT_EQ(issues[0]["severity"], "major");
  EXPECT_EQ(issues[1]["severity"], "critical");
  EXPECT_EQ(issues[0]["location"]["path"], "app/routes.py");
  EXPECT_EQ(issues[0]["location"]["positions"]["begin"]["line"], 12);
  EXPECT_NE(issues[0]["fingerprint"], issues[1]["fingerprint"]);
  std::ostringstream in_project;
  OutputDiagnostic absolute = sleep_diagnostic();
  absolute.filename = "/builds/group/project/app/routes.py";
  write_gitlab(std::vector<OutputDiagnostic>{absolute}, in_project,
               std::string("/builds/group/project"));
  EXPECT_EQ(json::parse(in_project.str())[0]["location"]["path"], "app/routes.py");
}

TEST(JunitOutputTest, SuitesPerFile) {
  std::ostringstream out;
  write_junit(sample(), out);
  EXPECT_THAT(out.str(),
              ::testing::HasSubstr("<testsuites name=\"loopwarden\" tests=\"2\" failures=\"2\" "
                                   "errors=\"0\">"));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("<testcase name=\"org.loopwarden.LW103\" "
                                              "classname=\"app/a,b.py\" line=\"3\" column=\"1\">"));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("100%: really&#10;yes</failure>"));
  std::ostringstream clean;
  write_junit({}, clean);
  EXPECT_THAT(clean.str(), ::testing::HasSubstr("<testcase name=\"No errors found\""));
}

TEST(FullOutputTest, SourceLinesUnderlineNotesAndHelp) {
  const std::string routes =
      "import time\n\n\nasync def handler():\n    x = 1\n    time.sleep(1)\n    return x\n";
  const std::string util = "def helper():\n\ttime.sleep(2)\n";
  OutputDiagnostic d = sleep_diagnostic();
  d.location = {6, 5};
  d.end_location = {6, 18};
  d.related = {OutputRelated{"app/util.py", {2, 2}, {2, 15}, "blocking call here"}};
  d.fix->applicability = analysis::Applicability::Unsafe;
  HumanOutputOptions options;
  options.source = [&](const std::string& name,
                       std::optional<std::uint32_t>) -> const std::string* {
    if (name == "app/routes.py") return &routes;
    if (name == "app/util.py") return &util;
    return nullptr;
  };
  std::ostringstream out;
  write_full(std::vector<OutputDiagnostic>{d}, out, options);
  EXPECT_EQ(out.str(),
            "app/routes.py:6:5: LW102 `time.sleep` blocks the event loop in async function "
            "`handler`\n"
            "  |\n"
            "4 | async def handler():\n"
            "5 |     x = 1\n"
            "6 |     time.sleep(1)\n"
            "  |     ^^^^^^^^^^^^^ LW102 (warning)\n"
            "7 |     return x\n"
            "  |\n"
            "note: app/util.py:2:2: blocking call here\n"
            "  |\n"
            "1 | def helper():\n"
            "2 |     time.sleep(2)\n"
            "  |     ^^^^^^^^^^^^^\n"
            "  |\n"
            "help: Replace with `await asyncio.sleep(...)` (unsafe fix)\n"
            "\n");
}

TEST(FullOutputTest, LongLinesAreCutAroundTheRange) {
  const std::string text = "x = " + std::string(200, 'a') + " + time.sleep(1)\n";
  OutputDiagnostic d = sleep_diagnostic();
  d.fix.reset();
  d.related.clear();
  d.location = {1, 208};
  d.end_location = {1, 221};
  HumanOutputOptions options;
  options.width = 60;
  options.source = [&](const std::string&, std::optional<std::uint32_t>) { return &text; };
  std::ostringstream out;
  write_full(std::vector<OutputDiagnostic>{d}, out, options);
  std::istringstream lines(out.str());
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  ASSERT_GE(rows.size(), 4U);
  EXPECT_EQ(rows[2],
            "1 | \xE2\x80\xA6"
            "aaaaaa + time.sleep(1)");
  EXPECT_EQ(rows[3], "  |           ^^^^^^^^^^^^^ LW102 (warning)");
}

// Without a terminal a line is shown whole up to 1,000 columns; a longer one is cut to a window
// around each range, so 4,000 diagnostics on one line of 100,000 columns print in linear time
// (they took minutes when every one printed the whole line).
TEST(FullOutputTest, ManyDiagnosticsOnOneHugeLineWithoutATerminal) {
  std::string line = "    ";
  std::vector<OutputDiagnostic> all;
  for (int i = 0; i < 4000; ++i) {
    if (i > 0) line += "; ";
    OutputDiagnostic d = sleep_diagnostic();
    d.fix.reset();
    d.related.clear();
    d.location = {2, static_cast<std::uint32_t>(line.size() + 1)};
    line += "time.sleep(1)\t#\xC3\xA9";  // a tab and a two-byte character in every call
    d.end_location = {2, static_cast<std::uint32_t>(d.location.column + 13)};
    all.push_back(d);
  }
  // Columns count code points: every call after the first is one byte longer than that.
  for (std::size_t i = 0; i < all.size(); ++i) {
    all[i].location.column -= static_cast<std::uint32_t>(i);
    all[i].end_location.column -= static_cast<std::uint32_t>(i);
  }
  const std::string text = "async def f():\n" + line + "\n";
  HumanOutputOptions options;  // no width: not a terminal
  options.source = [&](const std::string&, std::optional<std::uint32_t>) { return &text; };
  std::ostringstream out;
  write_full(all, out, options);
  std::istringstream lines(out.str());
  std::size_t quoted = 0;
  std::size_t underlined = 0;
  for (std::string row; std::getline(lines, row);) {
    if (row.rfind("2 | ", 0) == 0) {
      ++quoted;
      EXPECT_LE(row.size(), 1100U) << "quoted row " << quoted;
    }
    const std::size_t carets = row.find("^^^^^^^^^^^^^ LW102");
    if (carets == std::string::npos) continue;
    ++underlined;
    // The underline sits under the call it names, in the window shown above it.
    EXPECT_EQ(row.find('^'), carets);
  }
  EXPECT_EQ(quoted, all.size());
  EXPECT_EQ(underlined, all.size());
  // The last call: its window starts ten columns before it, after an ellipsis.
  const std::string s = out.str();
  const std::size_t last = s.rfind("2 | \xE2\x80\xA6");
  ASSERT_NE(last, std::string::npos);
  const std::size_t end_of_row = s.find('\n', last);
  const std::string row = s.substr(last, end_of_row - last);
  const std::string under = s.substr(end_of_row + 1, s.find('\n', end_of_row + 1) - end_of_row - 1);
  // Display columns (code points: the shown text has no tabs and no wide characters left).
  const auto columns = [](std::string_view t) {
    return static_cast<std::size_t>(std::count_if(t.begin(), t.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
  };
  const std::size_t call = row.rfind("time.sleep(1)");
  ASSERT_NE(call, std::string::npos) << row;
  EXPECT_EQ(columns(under.substr(0, under.find('^'))), columns(row.substr(0, call))) << row << "\n"
                                                                                     << under;
}

TEST(FullOutputTest, WideCharactersAndMultiLineRanges) {
  const std::string text = "s = '\xE6\x97\xA5\xE6\x9C\xAC'; f(a,\n      b)\n";
  OutputDiagnostic d = open_diagnostic();
  d.filename = "w.py";
  d.message = "m";
  d.location = {1, 11};
  d.end_location = {2, 9};
  HumanOutputOptions options;
  options.source = [&](const std::string&, std::optional<std::uint32_t>) { return &text; };
  std::ostringstream out;
  write_full(std::vector<OutputDiagnostic>{d}, out, options);
  EXPECT_EQ(out.str(),
            "w.py:1:11: LW103 m\n"
            "  |\n"
            "1 | s = '\xE6\x97\xA5\xE6\x9C\xAC'; f(a,\n"
            "  |             ^^^^\n"
            "2 |       b)\n"
            "  |       ^^ LW103 (error)\n"
            "  |\n"
            "\n");
}

TEST(GithubOutputTest, WorkflowCommands) {
  std::ostringstream out;
  std::vector<OutputDiagnostic> diagnostics = sample();
  OutputDiagnostic info = open_diagnostic();
  info.severity = Severity::Information;
  info.message = "plain";
  diagnostics.push_back(info);
  write_github(diagnostics, out);
  EXPECT_EQ(out.str(),
            "::warning file=app/routes.py,line=12,col=5,endLine=12,endColumn=18,title=LW102::"
            "`time.sleep` blocks the event loop in async function `handler`\n"
            "::error file=app/a%2Cb.py,line=3,col=1,endLine=4,endColumn=2,title=LW103::"
            "`open` blocks, 100%25: really%0Ayes\n"
            "::notice file=app/a%2Cb.py,line=3,col=1,endLine=4,endColumn=2,title=LW103::plain\n");
}

TEST(StatisticsOutputTest, CountsPerCode) {
  std::vector<OutputDiagnostic> diagnostics = sample();
  diagnostics.push_back(open_diagnostic());
  std::ostringstream text;
  write_statistics(diagnostics, text, false, false);
  EXPECT_EQ(text.str(), "2\tLW103\t[ ] blocking-file-io\n1\tLW102\t[*] blocking-sleep\n");
  std::ostringstream as_json;
  write_statistics(diagnostics, as_json, true, false);
  EXPECT_EQ(json::parse(as_json.str()), json::parse(R"([
    {"code": "LW103", "name": "blocking-file-io", "count": 2, "fixable": false},
    {"code": "LW102", "name": "blocking-sleep", "count": 1, "fixable": true}])"));
}

TEST(OutputDiagnosticTest, ColumnsCountCodePointsAndRowsStartAtOne) {
  // "é" is 2 bytes, "😀" 4 bytes (2 UTF-16 units): columns count each as one.
  const std::string text = "x = 1\ns = 'é😀'; time.sleep(1)\n";
  const auto start = static_cast<std::uint32_t>(text.find("time.sleep"));
  analysis::Diagnostic d;
  d.rule = RuleId::LW102;
  d.range = {start, start + 13};
  d.message = "m";
  d.fixes.push_back(
      analysis::Fix{"t", analysis::Applicability::Unsafe, {{{start, start + 10}, "x"}}});
  d.related.push_back(analysis::RelatedLocation{"", {0, 1}, "here"});
  const std::vector<OutputDiagnostic> out = to_output("f.py", text, {d});
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].filename, "f.py");
  EXPECT_EQ(out[0].location, (TextPosition{2, 11}));
  EXPECT_EQ(out[0].end_location, (TextPosition{2, 24}));
  ASSERT_TRUE(out[0].fix.has_value());
  EXPECT_EQ(out[0].fix->applicability, analysis::Applicability::Unsafe);
  EXPECT_EQ(out[0].fix->edits[0].end_location, (TextPosition{2, 21}));
  EXPECT_EQ(out[0].related[0].filename, "f.py");
  EXPECT_EQ(out[0].related[0].location, (TextPosition{1, 1}));
}

TEST(OutputDiagnosticTest, RelatedLocationInAnotherFile) {
  analysis::Diagnostic d;
  d.rule = RuleId::LW101;
  d.related.push_back(analysis::RelatedLocation{"/x/util.py", {4, 5}, "blocking call"});
  d.related.push_back(analysis::RelatedLocation{"/x/missing.py", {4, 5}, "gone"});
  const auto read = [](const std::string& path) -> std::optional<OtherFile> {
    if (path != "/x/util.py") return std::nullopt;
    return OtherFile{"abc\ndef\n", "x/util.py"};
  };
  const std::vector<OutputDiagnostic> out = to_output("f.py", "pass\n", {d}, read);
  EXPECT_EQ(out[0].related[0].filename, "x/util.py");
  EXPECT_EQ(out[0].related[0].location, (TextPosition{2, 1}));
  EXPECT_EQ(out[0].related[1].filename, "/x/missing.py");
  EXPECT_EQ(out[0].related[1].location, (TextPosition{1, 1}));
}

TEST(OutputDiagnosticTest, Ordering) {
  OutputDiagnostic a = open_diagnostic();
  a.filename = "a.py";
  OutputDiagnostic b = a;
  b.location = {3, 2};
  OutputDiagnostic c = a;
  c.filename = "b.py";
  c.location = {1, 1};
  std::vector<OutputDiagnostic> v{c, b, a};
  std::sort(v.begin(), v.end(), output_order);
  EXPECT_EQ(v[0].location, a.location);
  EXPECT_EQ(v[1].location, b.location);
  EXPECT_EQ(v[2].filename, "b.py");
}

}  // namespace
}  // namespace lw::server::cli
