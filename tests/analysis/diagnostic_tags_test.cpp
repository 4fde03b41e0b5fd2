// The LSP tags a rule puts on its findings (Diagnostic::unnecessary / deprecated): the server
// only converts them (server/lsp/convert.cpp).
#include <gtest/gtest.h>

#include "analysis/engine.h"

namespace lw::analysis {
namespace {

std::vector<Diagnostic> of(const std::string& text, RuleId rule) {
  AnalysisOptions options;
  options.rules = RuleSet::all();
  std::vector<Diagnostic> out;
  for (Diagnostic& d : analyze(Document(text), options)) {
    if (d.rule == rule) out.push_back(std::move(d));
  }
  return out;
}

TEST(DiagnosticTags, AnUnusedSuppressionIsUnnecessary) {
  const auto found = of("x = 1  # noqa: LW102\n", RuleId::LW002);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].unnecessary);
  EXPECT_FALSE(found[0].deprecated);
}

TEST(DiagnosticTags, OnEventIsDeprecated) {
  const auto found =
      of("from fastapi import FastAPI\napp = FastAPI()\n\n@app.on_event(\"startup\")\n"
         "async def start():\n    pass\n",
         RuleId::LW401);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].deprecated);
  EXPECT_FALSE(found[0].unnecessary);
}

TEST(DiagnosticTags, ABlockingCallHasNoTag) {
  const auto found = of("import time\nasync def f():\n    time.sleep(1)\n", RuleId::LW102);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_FALSE(found[0].unnecessary);
  EXPECT_FALSE(found[0].deprecated);
}

}  // namespace
}  // namespace lw::analysis
