// What the fixtures cannot see for LW3xx/LW4xx: ranges, severities and related locations.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/engine.h"

using namespace lw::analysis;

namespace {

std::vector<Diagnostic> only(const std::string& text, RuleId rule) {
  Document doc(text);
  std::vector<Diagnostic> out;
  for (auto& d : analyze(doc, AnalysisOptions{})) {
    if (d.rule == rule) out.push_back(std::move(d));
  }
  return out;
}

std::string slice(const std::string& text, ByteRange r) {
  return text.substr(r.start, r.end - r.start);
}

TEST(Lw3Details, SequentialAwaitsRangeSpansTheRun) {
  std::string text =
      "async def f(x): ...\n"
      "async def g(x): ...\n"
      "async def h(x):\n"
      "    a = await f(x)\n"
      "    # between\n"
      "    b = await g(x)\n"
      "    return a, b\n";
  auto d = only(text, RuleId::LW301);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(slice(text, d[0].range), "a = await f(x)\n    # between\n    b = await g(x)");
  EXPECT_EQ(d[0].severity, Severity::Information);
}

TEST(Lw3Details, ClientPerRequestSeverityDependsOnWhere) {
  std::string text =
      "import httpx\n"
      "from fastapi import FastAPI\n"
      "app = FastAPI()\n"
      "@app.get('/')\n"
      "async def handler():\n"
      "    async with httpx.AsyncClient() as c:\n"
      "        return await c.get('https://example.com')\n"
      "async def crawl(urls):\n"
      "    for u in urls:\n"
      "        async with httpx.AsyncClient() as c:\n"
      "            await c.get(u)\n";
  auto d = only(text, RuleId::LW303);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(slice(text, d[0].range), "httpx.AsyncClient()");
  EXPECT_EQ(d[0].severity, Severity::Information);
  EXPECT_EQ(d[1].severity, Severity::Warning);
}

TEST(Lw3Details, SeverityOverrideWinsOverTheRulesOwnChoice) {
  std::string text =
      "import httpx\n"
      "async def crawl(urls):\n"
      "    for u in urls:\n"
      "        client = httpx.AsyncClient()\n"
      "        await client.get(u)\n";
  Document doc(text);
  AnalysisOptions options;
  options.severity_overrides[static_cast<std::size_t>(RuleId::LW303)] = Severity::Hint;
  std::vector<Diagnostic> lw303;
  for (auto& d : analyze(doc, options)) {
    if (d.rule == RuleId::LW303) lw303.push_back(d);
  }
  ASSERT_EQ(lw303.size(), 1u);
  EXPECT_EQ(lw303[0].severity, Severity::Hint);
}

TEST(Lw3Details, SyncDependencyPointsAtTheDependency) {
  std::string text =
      "from fastapi import Depends, FastAPI\n"
      "from sqlalchemy.orm import sessionmaker\n"
      "app = FastAPI()\n"
      "SessionLocal = sessionmaker()\n"
      "def get_db():\n"
      "    db = SessionLocal()\n"
      "    try:\n"
      "        yield db\n"
      "    finally:\n"
      "        db.close()\n"
      "@app.get('/items')\n"
      "async def list_items(db=Depends(get_db)):\n"
      "    return db.query(object).all()\n";
  auto d = only(text, RuleId::LW402);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(slice(text, d[0].range), "list_items");
  EXPECT_EQ(d[0].severity, Severity::Warning);
  ASSERT_EQ(d[0].related.size(), 1u);
  EXPECT_TRUE(d[0].related[0].path.empty());
  EXPECT_EQ(slice(text, d[0].related[0].range), "get_db");
  EXPECT_NE(d[0].related[0].message.find("sqlalchemy.orm.Session"), std::string::npos);
}

TEST(Lw3Details, BusyWaitAndOnEventRanges) {
  std::string text =
      "import asyncio\n"
      "from fastapi import FastAPI\n"
      "app = FastAPI()\n"
      "@app.on_event('shutdown')\n"
      "def bye():\n"
      "    pass\n"
      "async def wait(state):\n"
      "    while not state.ready:\n"
      "        await asyncio.sleep(1)\n";
  auto busy = only(text, RuleId::LW305);
  ASSERT_EQ(busy.size(), 1u);
  EXPECT_EQ(slice(text, busy[0].range), "while not state.ready");
  auto event = only(text, RuleId::LW401);
  ASSERT_EQ(event.size(), 1u);
  EXPECT_EQ(slice(text, event[0].range), "@app.on_event('shutdown')");
  EXPECT_EQ(event[0].severity, Severity::Warning);
}

TEST(Lw3Details, RulesStaySilentOnBrokenCode) {
  // Half-typed code must not crash or report from ERROR nodes.
  const char* texts[] = {
      "async def f(:\n    a = await\n    b = await g(\n",
      "for x in:\n    await\n",
      "while :\n    await asyncio.sleep(\n",
      "@app.on_event(\nasync def s(): ...\n",
      "async def h(db=Depends(\n",
      "await asyncio.gather(*[\n",
  };
  for (const char* t : texts) {
    Document doc(t);
    for (const auto& d : analyze(doc, AnalysisOptions{})) {
      EXPECT_LE(d.range.start, d.range.end) << t;
      EXPECT_LE(d.range.end, std::string(t).size()) << t;
    }
  }
}

}  // namespace
