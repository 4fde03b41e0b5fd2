#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

TEST(TextOutputTest, LinesAndSummary) {
  std::ostringstream out;
  write_text(sample(), out, {});
  EXPECT_EQ(out.str(),
            "app/routes.py:12:5: LW102 [*] `time.sleep` blocks the event loop in async function "
            "`handler`\n"
            "app/a,b.py:3:1: LW103 `open` blocks, 100%: really\nyes\n"
            "Found 2 diagnostics (1 fixable with --fix).\n");
}

TEST(TextOutputTest, SummaryVariants) {
  std::ostringstream none;
  write_text({}, none, {});
  EXPECT_EQ(none.str(), "All checks passed!\n");

  std::ostringstream one;
  write_text(std::vector<OutputDiagnostic>{open_diagnostic()}, one, {});
  EXPECT_THAT(one.str(), ::testing::EndsWith("\nFound 1 diagnostic.\n"));

  std::ostringstream quiet;
  write_text(sample(), quiet, {.show_summary = false});
  EXPECT_THAT(quiet.str(), ::testing::Not(::testing::HasSubstr("Found")));
  std::ostringstream quiet_none;
  write_text({}, quiet_none, {.show_summary = false});
  EXPECT_EQ(quiet_none.str(), "");
}

TEST(TextOutputTest, UnsafeFixesAreMarkedOnlyWhenEnabled) {
  OutputDiagnostic d = sleep_diagnostic();
  d.fix->applicability = analysis::Applicability::Unsafe;
  std::ostringstream safe_only;
  write_text(std::vector<OutputDiagnostic>{d}, safe_only, {});
  EXPECT_THAT(safe_only.str(), ::testing::HasSubstr("LW102 `time.sleep`"));
  std::ostringstream with_unsafe;
  write_text(std::vector<OutputDiagnostic>{d}, with_unsafe, {.unsafe_fixes = true});
  EXPECT_THAT(with_unsafe.str(), ::testing::HasSubstr("LW102 [*] `time.sleep`"));
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
    "url": "https://github.com/loopwarden/loopwarden/blob/main/docs/rules/LW102.md"
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
        "\"end_location\"", "\"fix\"", "\"related\"", "\"url\""}) {
    const std::size_t at = out.str().find(key);
    EXPECT_GT(at, previous) << key;
    previous = at;
  }
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
