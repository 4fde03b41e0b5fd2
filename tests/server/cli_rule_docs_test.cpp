#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analysis/rules/catalog.h"
#include "server/cli/rule_docs.h"
#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using ::testing::HasSubstr;
using testing::ScratchDir;

TEST(RuleDocsTest, EveryRuleHasMarkdown) {
  for (const analysis::RuleInfo& rule : analysis::all_rules()) {
    const std::string text = rule_markdown(rule);
    EXPECT_THAT(text, HasSubstr(std::string(rule.code))) << rule.code;
    if (!embedded_rule_doc(rule.code)) {
      // The fallback: built from the catalog.
      EXPECT_THAT(text, HasSubstr(std::string(rule.summary)));
      EXPECT_THAT(text, HasSubstr(std::string(analysis::to_string(rule.default_severity))));
    }
  }
  EXPECT_FALSE(embedded_rule_doc("LW000").has_value());
}

TEST(RuleDocsTest, EmbeddedPagesMatchTheDocsFolder) {
  for (const analysis::RuleInfo& rule : analysis::all_rules()) {
    const std::filesystem::path page =
        std::filesystem::path(LW_SOURCE_DIR) / "docs" / "rules" / (std::string(rule.code) + ".md");
    const auto embedded = embedded_rule_doc(rule.code);
    if (std::filesystem::exists(page)) {
      ASSERT_TRUE(embedded.has_value()) << rule.code << ": rebuild to embed " << page;
      EXPECT_EQ(*embedded, testing::read_text(page)) << rule.code;
    } else {
      EXPECT_FALSE(embedded.has_value()) << rule.code;
    }
  }
}

TEST(RuleDocsTest, GeneratorEmbedsPagesVerbatim) {
  ScratchDir dir;
  const std::string page = "# LW102\n\nQuotes \" and backslashes \\ and )\" stay as they are.\n";
  const auto a = dir.write("docs/LW102.md", page);
  const auto b = dir.write("docs/LW101.md", "one;two\n");
  dir.write("docs/README.md", "not a rule page\n");
  const auto out = dir.path() / "out.cpp";
  const std::string command = "cmake \"-DDOCS=" + b.string() + ";" + a.string() + ";" +
                              (dir.path() / "docs/README.md").string() +
                              "\" -DOUTPUT=" + out.string() + " -P " + LW_SOURCE_DIR +
                              "/server/cli/embed_rule_docs.cmake";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const std::string generated = testing::read_text(out);
  EXPECT_THAT(generated, HasSubstr("{\"LW101\", R\"lwdoc(one;two\n)lwdoc\"},\n"
                                   "    {\"LW102\", R\"lwdoc(" +
                                   page + ")lwdoc\"},"));
  EXPECT_THAT(generated, ::testing::Not(HasSubstr("not a rule page")));
}

}  // namespace
}  // namespace lw::server::cli
