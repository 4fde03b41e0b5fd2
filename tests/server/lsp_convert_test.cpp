#include <gtest/gtest.h>

#include "analysis/rules/catalog.h"
#include "server/lsp/convert.h"

namespace lw::server {
namespace {

TEST(LspConvert, RuleDocsUrl) {
  EXPECT_EQ(analysis::rule_docs_url("LW102"),
            "https://github.com/loopwarden/loopwarden/blob/main/docs/rules/LW102.md");
}

TEST(LspConvert, DiagnosticFieldsAndUtf16Range) {
  const std::string text = "x = \"😀\"; time.sleep(1)\n";
  const protocol::LineIndex lines(text);
  const SourceView source{"file:///a.py", text, lines, protocol::PositionEncoding::Utf16};

  analysis::Diagnostic d;
  d.rule = analysis::RuleId::LW102;
  d.severity = analysis::Severity::Warning;
  const auto start = static_cast<std::uint32_t>(text.find("time"));
  d.range = {start, start + 10};
  d.message = "`time.sleep` blocks the event loop";
  d.related.push_back({"", {0, 1}, "same file"});
  d.related.push_back({"/other.py", {0, 1}, "other file"});

  const protocol::Diagnostic out = to_lsp_diagnostic(d, source);
  EXPECT_EQ(out.range, (protocol::Range{{0, 10}, {0, 20}}));
  EXPECT_EQ(out.severity, protocol::DiagnosticSeverity::Warning);
  EXPECT_EQ(std::get<std::string>(*out.code), "LW102");
  EXPECT_EQ(out.code_description->href, analysis::rule_docs_url("LW102"));
  EXPECT_EQ(out.source, "loopwarden");
  EXPECT_EQ(out.message, d.message);
  EXPECT_FALSE(out.tags.has_value());
  ASSERT_TRUE(out.related_information.has_value());
  ASSERT_EQ(out.related_information->size(), 1U);
  EXPECT_EQ(out.related_information->at(0).location.uri, "file:///a.py");
  EXPECT_EQ(out.related_information->at(0).location.range, (protocol::Range{{0, 0}, {0, 1}}));
  EXPECT_EQ(out.data, (protocol::json{{"rule", "LW102"}}));

  const SourceView utf8{"file:///a.py", text, lines, protocol::PositionEncoding::Utf8};
  EXPECT_EQ(to_lsp_range(d.range, utf8), (protocol::Range{{0, 12}, {0, 22}}));
}

// Tags come from the diagnostic (set by its rule), not from a list of codes in the server.
TEST(LspConvert, TagsComeFromTheDiagnostic) {
  const std::string text = "x\n";
  const protocol::LineIndex lines(text);
  const SourceView source{"u", text, lines, protocol::PositionEncoding::Utf16};
  analysis::Diagnostic d;
  d.rule = analysis::RuleId::LW101;
  d.unnecessary = true;
  EXPECT_EQ(protocol::json(to_lsp_diagnostic(d, source))["tags"], protocol::json::array({1}));
  d.unnecessary = false;
  d.deprecated = true;
  EXPECT_EQ(protocol::json(to_lsp_diagnostic(d, source))["tags"], protocol::json::array({2}));
  d.deprecated = false;
  d.rule = analysis::RuleId::LW208;  // the code alone tags nothing
  EXPECT_FALSE(protocol::json(to_lsp_diagnostic(d, source)).contains("tags"));
}

TEST(LspConvert, SeverityValuesMatchLsp) {
  const std::string text = "x\n";
  const protocol::LineIndex lines(text);
  const SourceView source{"u", text, lines, protocol::PositionEncoding::Utf16};
  for (const auto severity : {analysis::Severity::Error, analysis::Severity::Warning,
                              analysis::Severity::Information, analysis::Severity::Hint}) {
    analysis::Diagnostic d;
    d.rule = analysis::RuleId::LW101;
    d.severity = severity;
    const protocol::json j = to_lsp_diagnostic(d, source);
    EXPECT_EQ(j["severity"], static_cast<int>(severity));
    EXPECT_FALSE(j.contains("relatedInformation"));
  }
}

}  // namespace
}  // namespace lw::server
