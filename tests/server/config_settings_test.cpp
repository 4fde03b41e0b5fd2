#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "server/config/settings_json.h"
#include "server/config/settings_parser.h"

namespace lw::server::config {
namespace {

using ::testing::HasSubstr;

ParsedSettings parse(std::string_view text, ConfigFileKind kind = ConfigFileKind::LoopwardenToml) {
  return parse_settings(text, "cfg.toml", kind);
}

// The single error of a parse, as "line:column: message".
std::string only_error(const ParsedSettings& parsed) {
  EXPECT_EQ(parsed.errors.size(), 1U);
  if (parsed.errors.empty()) return "";
  const ConfigError& e = parsed.errors.front();
  EXPECT_EQ(e.path, "cfg.toml");
  return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message;
}

TEST(SettingsParserTest, ReadsEveryKey) {
  const ParsedSettings parsed = parse(R"(
select = ["LW1"]
ignore = ["LW108"]
extend-blocking-calls = ["mylib.client.fetch_sync", "legacy.db.query"]
extend-async-functions = ["mylib.client.fetch"]
exclude = ["migrations/**", "./generated"]
severity = { LW101 = "hint", LW103 = "error" }
per-file-ignores = { "tests/**" = ["LW102"], "conftest.py" = ["LW1"] }
)");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().to_string();
  const Settings& s = parsed.settings;
  ASSERT_TRUE(s.select.has_value());
  EXPECT_THAT(*s.select, ::testing::ElementsAre("LW1"));
  EXPECT_THAT(s.ignore, ::testing::ElementsAre("LW108"));
  EXPECT_THAT(s.extend_blocking_calls,
              ::testing::ElementsAre("mylib.client.fetch_sync", "legacy.db.query"));
  EXPECT_THAT(s.extend_async_functions, ::testing::ElementsAre("mylib.client.fetch"));
  ASSERT_EQ(s.exclude.size(), 2U);
  EXPECT_EQ(s.exclude[1].pattern(), "generated");  // "./" dropped
  ASSERT_EQ(s.severity.size(), 2U);
  EXPECT_EQ(s.severity[0].selector, "LW101");
  EXPECT_EQ(s.severity[0].severity, analysis::Severity::Hint);
  EXPECT_EQ(s.severity[1].severity, analysis::Severity::Error);
  ASSERT_EQ(s.per_file_ignores.size(), 2U);
  const auto tests =
      std::find_if(s.per_file_ignores.begin(), s.per_file_ignores.end(),
                   [](const PerFileIgnore& p) { return p.pattern.pattern() == "tests/**"; });
  ASSERT_NE(tests, s.per_file_ignores.end());
  EXPECT_THAT(tests->selectors, ::testing::ElementsAre("LW102"));
}

TEST(SettingsParserTest, EmptyFileMeansDefaults) {
  const ParsedSettings parsed = parse("");
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_FALSE(parsed.settings.select.has_value());
  EXPECT_TRUE(parsed.has_section);
}

TEST(SettingsParserTest, UnknownKeyIsAnErrorAtTheKey) {
  const ParsedSettings parsed = parse("select = [\"LW1\"]\n  selct = [\"LW1\"]\n");
  EXPECT_THAT(only_error(parsed), HasSubstr("2:3: unknown key `selct`"));
  EXPECT_FALSE(parsed.settings.select.has_value()) << "errors leave the defaults";
}

TEST(SettingsParserTest, UnderscoreSpellingGetsASuggestion) {
  EXPECT_THAT(only_error(parse("extend_blocking_calls = []\n")),
              HasSubstr("did you mean `extend-blocking-calls`?"));
}

TEST(SettingsParserTest, WrongTypes) {
  EXPECT_THAT(only_error(parse("select = \"LW1\"\n")),
              HasSubstr("1:10: `select` must be an array of strings, found a string"));
  EXPECT_THAT(only_error(parse("ignore = [\"LW101\", 3]\n")),
              HasSubstr("1:20: `ignore` must contain only strings, found an integer"));
  EXPECT_THAT(only_error(parse("\n\nseverity = [\"LW101\"]\n")),
              HasSubstr("3:12: `severity` must be a table, found an array"));
  EXPECT_THAT(only_error(parse("per-file-ignores = { \"tests/**\" = \"LW102\" }\n")),
              HasSubstr("`per-file-ignores` must be an array of strings, found a string"));
  EXPECT_THAT(only_error(parse("severity = { LW101 = 1 }\n")),
              HasSubstr("severity of `LW101` must be a string, found an integer"));
}

TEST(SettingsParserTest, UnknownRuleCodes) {
  EXPECT_THAT(only_error(parse("select = [\"LW1\", \"LW999\"]\n")),
              HasSubstr("1:18: unknown rule code or prefix `LW999` in `select`"));
  // Codes are case-insensitive and ALL is every rule (second wave, as ruff).
  const ParsedSettings lower = parse("ignore = [\"lw101\"]\nselect = [\"all\"]\n");
  EXPECT_TRUE(lower.errors.empty());
  EXPECT_EQ(lower.settings.ignore, std::vector<std::string>{"LW101"});
  EXPECT_EQ(lower.settings.select, std::vector<std::string>{"LW"});
  EXPECT_THAT(only_error(parse("ignore = [\"\"]\n")), HasSubstr("unknown rule code or prefix ``"));
  EXPECT_THAT(only_error(parse("severity = { LW9 = \"hint\" }\n")),
              HasSubstr("1:14: unknown rule code or prefix `LW9` in `severity`"));
  EXPECT_THAT(only_error(parse("[per-file-ignores]\n\"a.py\" = [\"ASYNC251\"]\n")),
              HasSubstr("2:11: unknown rule code or prefix `ASYNC251` in `per-file-ignores`"));
}

TEST(SettingsParserTest, BadSeverity) {
  EXPECT_THAT(only_error(parse("[severity]\nLW101 = \"fatal\"\n")),
              HasSubstr("2:9: invalid severity `fatal` for `LW101` (expected error, warning, "
                        "information or hint)"));
}

TEST(SettingsParserTest, BadNamesAndGlobs) {
  EXPECT_THAT(only_error(parse("extend-blocking-calls = [\"a..b\"]\n")),
              HasSubstr("`a..b` in `extend-blocking-calls` is not a qualified name"));
  EXPECT_THAT(only_error(parse("exclude = [\"src/[a-z\"]\n")),
              HasSubstr("1:12: invalid glob `src/[a-z` in `exclude`: unterminated"));
}

TEST(SettingsParserTest, ReportsEveryErrorInFileOrder) {
  const ParsedSettings parsed = parse("zz = 1\nb = 2\nselect = [\"LW9\"]\n");
  ASSERT_EQ(parsed.errors.size(), 3U);
  EXPECT_EQ(parsed.errors[0].line, 1U);
  EXPECT_EQ(parsed.errors[1].line, 2U);
  EXPECT_EQ(parsed.errors[2].line, 3U);
}

TEST(SettingsParserTest, InvalidToml) {
  const ParsedSettings parsed = parse("select = [\"LW1\"\nignore = []\n");
  ASSERT_EQ(parsed.errors.size(), 1U);
  EXPECT_GT(parsed.errors[0].line, 0U);
  EXPECT_THAT(parsed.errors[0].message, HasSubstr("invalid TOML"));
  EXPECT_THAT(parsed.errors[0].to_string(), ::testing::StartsWith("cfg.toml:"));
}

TEST(SettingsParserTest, PyprojectSection) {
  const ParsedSettings parsed = parse(R"(
[project]
name = "demo"

[tool.loopwarden]
ignore = ["LW102"]
)",
                                      ConfigFileKind::PyprojectToml);
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_TRUE(parsed.has_section);
  EXPECT_THAT(parsed.settings.ignore, ::testing::ElementsAre("LW102"));
}

TEST(SettingsParserTest, PyprojectWithoutSection) {
  const ParsedSettings parsed = parse("[project]\nname = \"demo\"\n[tool.ruff]\nselect = [\"E\"]\n",
                                      ConfigFileKind::PyprojectToml);
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_FALSE(parsed.has_section);
}

TEST(SettingsParserTest, PyprojectSectionMustBeATable) {
  const ParsedSettings parsed = parse("[tool]\nloopwarden = 1\n", ConfigFileKind::PyprojectToml);
  EXPECT_THAT(only_error(parsed), HasSubstr("2:14: `tool.loopwarden` must be a table"));
}

TEST(SettingsParserTest, PyprojectUnknownKeyNamesTheSection) {
  EXPECT_THAT(only_error(parse("[tool.loopwarden]\nfoo = 1\n", ConfigFileKind::PyprojectToml)),
              HasSubstr("2:1: unknown key `foo` in [tool.loopwarden]"));
}

TEST(SettingsParserTest, ErrorRendering) {
  EXPECT_EQ((ConfigError{"a/b.toml", 3, 7, "boom"}).to_string(), "a/b.toml:3:7: boom");
  EXPECT_EQ((ConfigError{"a/b.toml", 0, 0, "boom"}).to_string(), "a/b.toml: boom");
  EXPECT_EQ((ConfigError{"", 0, 0, "boom"}).to_string(), "boom");
}

TEST(SettingsParserTest, RuleSelectorValidation) {
  EXPECT_TRUE(is_valid_rule_selector("LW"));
  EXPECT_TRUE(is_valid_rule_selector("LW1"));
  EXPECT_TRUE(is_valid_rule_selector("LW10"));
  EXPECT_TRUE(is_valid_rule_selector("LW102"));
  EXPECT_FALSE(is_valid_rule_selector("LW1029"));
  EXPECT_FALSE(is_valid_rule_selector("L"));
  EXPECT_FALSE(is_valid_rule_selector("LWx"));
  EXPECT_FALSE(is_valid_rule_selector("ALL"));
}

}  // namespace
}  // namespace lw::server::config

namespace lw::server::config {
namespace {

TEST(SettingsJsonTest, SameKeysAndValidationAsToml) {
  const ParsedSettings parsed =
      parse_settings_json(nlohmann::json::parse(R"({"select": ["LW1"], "ignore": null,
        "severity": {"LW101": "hint"}, "per-file-ignores": {"tests/**": ["LW102"]},
        "exclude": ["gen/**"], "extend-blocking-calls": ["a.b"]})"),
                          "settings");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().to_string();
  EXPECT_THAT(*parsed.settings.select, ::testing::ElementsAre("LW1"));
  EXPECT_EQ(parsed.settings.severity.at(0).severity, analysis::Severity::Hint);
  EXPECT_EQ(parsed.settings.per_file_ignores.size(), 1U);
  EXPECT_THAT(parsed.settings.extend_blocking_calls, ::testing::ElementsAre("a.b"));
}

TEST(SettingsJsonTest, ErrorsNameTheOrigin) {
  const ParsedSettings parsed = parse_settings_json(
      nlohmann::json::parse(R"({"select": "LW1", "bogus": 1, "severity": {"LW101": "loud"}})"),
      "workspace settings");
  ASSERT_EQ(parsed.errors.size(), 3U);
  for (const ConfigError& e : parsed.errors) {
    EXPECT_THAT(e.to_string(), ::testing::StartsWith("workspace settings: ")) << e.to_string();
  }
  EXPECT_FALSE(parsed.settings.select.has_value());
  EXPECT_EQ(parse_settings_json(nlohmann::json::array(), "s").errors.size(), 1U);
  EXPECT_TRUE(parse_settings_json(nullptr, "s").errors.empty());
}

}  // namespace
}  // namespace lw::server::config
