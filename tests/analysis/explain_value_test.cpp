// analysis::explain_value_at, the editor's hover on a receiver: the type inferred for the
// identifier or attribute at a position, its blocking methods, and where it was typed.
#include "analysis/explain_value.h"

#include <gtest/gtest.h>

#include <string>

namespace lw::analysis {
namespace {

constexpr const char* kClient =
    "import requests, httpx\n"
    "\n"
    "class Rates:\n"
    "    def __init__(self):\n"
    "        self.http = requests.Session()\n"
    "        self.client = httpx.AsyncClient()\n"
    "\n"
    "    async def latest(self):\n"
    "        return self.http.get('u'), self.client.get('u')\n";

std::optional<ValueExplanation> at(const std::string& text, const std::string& needle,
                                   std::size_t nth = 0) {
  std::size_t pos = text.find(needle);
  for (std::size_t i = 0; i < nth && pos != std::string::npos; ++i)
    pos = text.find(needle, pos + 1);
  EXPECT_NE(pos, std::string::npos) << needle;
  const Document doc(text);
  return explain_value_at(doc, AnalysisOptions{}, FileContext{},
                          static_cast<std::uint32_t>(pos + needle.size() - 1));
}

TEST(ExplainValue, AnAttributeTypedInInitPointsAtItsAssignment) {
  const std::string text = kClient;
  const auto v = at(text, "self.http", 1);  // in `latest`
  ASSERT_TRUE(v);
  EXPECT_EQ(v->expression, "self.http");
  EXPECT_EQ(v->type, "requests.Session");
  EXPECT_FALSE(v->workspace_class);
  EXPECT_NE(std::find(v->blocking_methods.begin(), v->blocking_methods.end(), "get"),
            v->blocking_methods.end());
  ASSERT_TRUE(v->origin);
  EXPECT_EQ(v->origin->path, "") << "this file";
  EXPECT_EQ(text.substr(v->origin->range.start, 9), "self.http");
  EXPECT_LT(v->origin->range.start, text.find("async def"));
}

TEST(ExplainValue, AnAsyncClientHasNoBlockingMethods) {
  const auto v = at(kClient, "self.client", 1);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->type, "httpx.AsyncClient");
  EXPECT_TRUE(v->blocking_methods.empty());
}

TEST(ExplainValue, TheObjectOfAnAttributeIsExplainedOnItsOwn) {
  const auto self = at(kClient, "self", 4);  // the `self` of `self.http.get` in `latest`
  ASSERT_TRUE(self);
  EXPECT_EQ(self->expression, "self");
  EXPECT_TRUE(self->workspace_class);
  EXPECT_EQ(self->type, "Rates");
}

TEST(ExplainValue, NothingForUnknownValuesKeywordsAndBrokenText) {
  EXPECT_FALSE(at("x = 1\nprint(x)\n", "x", 1));
  EXPECT_FALSE(at("import time\n", "import"));
  EXPECT_FALSE(at("def f(:\n  ((((\n", "(("));
  const Document empty("");
  EXPECT_FALSE(explain_value_at(empty, AnalysisOptions{}, FileContext{}, 0));
  EXPECT_FALSE(explain_value_at(Document("x = 1\n"), AnalysisOptions{}, FileContext{}, 999));
}

}  // namespace
}  // namespace lw::analysis
