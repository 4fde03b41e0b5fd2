// Fixes of LW201-LW209: the fixed text re-parses without ERROR nodes, no longer reports the
// diagnostic, and reads as expected.
#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "analysis/engine.h"

using namespace lw::analysis;

namespace {

std::vector<Diagnostic> diagnostics(const std::string& text, RuleId rule,
                                    const AnalysisOptions& options = {}) {
  Document doc(text);
  std::vector<Diagnostic> out;
  for (auto& d : analyze(doc, options)) {
    if (d.rule != rule) continue;
    // Only the rule's own fixes: "Disable LWxxx for this line" (Manual, on every diagnostic)
    // is tested in tests/analysis/fixes/.
    std::erase_if(d.fixes, [](const Fix& f) { return f.applicability == Applicability::Manual; });
    out.push_back(std::move(d));
  }
  return out;
}

std::string apply(std::string text, const Fix& fix) {
  std::vector<TextEdit> edits = fix.edits;
  std::sort(edits.begin(), edits.end(),
            [](const TextEdit& a, const TextEdit& b) { return a.range.start > b.range.start; });
  for (const auto& e : edits) {
    text.replace(e.range.start, e.range.end - e.range.start, e.replacement);
  }
  return text;
}

bool parses_cleanly(const std::string& text) {
  Document doc(text);
  return doc.tree() != nullptr && !ts_node_has_error(ts_tree_root_node(doc.tree()));
}

struct Fixed {
  std::string text;
  Applicability applicability;
};

// Applies the first fix of the only `rule` diagnostic of `text`.
std::optional<Fixed> fix_once(const std::string& text, RuleId rule) {
  auto found = diagnostics(text, rule);
  EXPECT_EQ(found.size(), 1u) << text;
  if (found.size() != 1 || found[0].fixes.empty()) return std::nullopt;
  const Fix& fix = found[0].fixes[0];
  for (std::size_t i = 1; i < fix.edits.size(); ++i) {
    EXPECT_LE(fix.edits[i - 1].range.end, fix.edits[i].range.start) << "edits sorted, disjoint";
  }
  return Fixed{apply(text, fix), fix.applicability};
}

void expect_fixed(const std::string& before, RuleId rule, const std::string& after,
                  Applicability applicability) {
  auto fixed = fix_once(before, rule);
  ASSERT_TRUE(fixed.has_value()) << "no fix for:\n" << before;
  EXPECT_EQ(fixed->text, after);
  EXPECT_EQ(fixed->applicability, applicability);
  EXPECT_TRUE(parses_cleanly(fixed->text)) << fixed->text;
  EXPECT_TRUE(diagnostics(fixed->text, rule).empty()) << fixed->text;
}

const std::string kFetch =
    "import asyncio\n\n\nasync def fetch():\n    await asyncio.sleep(0)\n    return {}\n\n\n";

TEST(Lw201Fix, AddsAwaitToAStatement) {
  expect_fixed(kFetch + "async def f():\n    fetch()\n", RuleId::LW201,
               kFetch + "async def f():\n    await fetch()\n", Applicability::Safe);
}

TEST(Lw201Fix, ParenthesisesAnAttributeObject) {
  expect_fixed(kFetch + "async def f():\n    return fetch().get('x')\n", RuleId::LW201,
               kFetch + "async def f():\n    return (await fetch()).get('x')\n",
               Applicability::Safe);
}

TEST(Lw201Fix, ParenthesisesASubscriptValue) {
  expect_fixed(kFetch + "async def f():\n    return fetch()['x']\n", RuleId::LW201,
               kFetch + "async def f():\n    return (await fetch())['x']\n", Applicability::Safe);
}

TEST(Lw201Fix, TruthTestAndIteration) {
  expect_fixed(kFetch + "async def f():\n    if not fetch():\n        return 1\n", RuleId::LW201,
               kFetch + "async def f():\n    if not await fetch():\n        return 1\n",
               Applicability::Safe);
  expect_fixed(kFetch + "async def f():\n    for x in fetch():\n        print(x)\n", RuleId::LW201,
               kFetch + "async def f():\n    for x in await fetch():\n        print(x)\n",
               Applicability::Safe);
}

TEST(Lw201Fix, BoundNameIsFixedAtTheCall) {
  const std::string head =
      "from fastapi import FastAPI, UploadFile\napp = FastAPI()\n\n@app.post('/u')\n"
      "async def upload(file: UploadFile):\n";
  expect_fixed(head + "    content = file.read()\n    return len(content)\n", RuleId::LW201,
               head + "    content = await file.read()\n    return len(content)\n",
               Applicability::Safe);
}

TEST(Lw201Fix, RouteHandlerReturn) {
  const std::string head =
      kFetch + "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/')\n";
  expect_fixed(head + "async def h():\n    return fetch()\n", RuleId::LW201,
               head + "async def h():\n    return await fetch()\n", Applicability::Safe);
}

TEST(Lw201Fix, NoFixInSyncContextOrGeneratorExpression) {
  auto sync = diagnostics(kFetch + "def f():\n    fetch()\n", RuleId::LW201);
  ASSERT_EQ(sync.size(), 1u);
  EXPECT_TRUE(sync[0].fixes.empty());
  auto genexp = diagnostics(
      kFetch + "async def f(xs):\n    return list(fetch()['k'] for x in xs)\n", RuleId::LW201);
  ASSERT_EQ(genexp.size(), 1u);
  EXPECT_TRUE(genexp[0].fixes.empty());
}

TEST(Lw202Fix, KeepsAReferenceInANewModuleSet) {
  const std::string before =
      "import asyncio\n\n\nasync def work():\n    await asyncio.sleep(0)\n\n\n"
      "async def spawn():\n    asyncio.create_task(work())  # fire and forget\n"
      "    await asyncio.sleep(0)\n";
  const std::string after =
      "import asyncio\n\n_background_tasks = set()\n\n\nasync def work():\n"
      "    await asyncio.sleep(0)\n\n\nasync def spawn():\n"
      "    task = asyncio.create_task(work())\n    _background_tasks.add(task)\n"
      "    task.add_done_callback(_background_tasks.discard)  # fire and forget\n"
      "    await asyncio.sleep(0)\n";
  expect_fixed(before, RuleId::LW202, after, Applicability::Unsafe);
}

TEST(Lw202Fix, ReusesAnExistingSetAndAFreshName) {
  const std::string before =
      "import asyncio\n\nbackground_tasks = set()\n\n\nasync def spawn(task):\n"
      "    if task:\n        asyncio.ensure_future(asyncio.sleep(1))\n";
  const std::string after =
      "import asyncio\n\nbackground_tasks = set()\n\n\nasync def spawn(task):\n"
      "    if task:\n        task_2 = asyncio.ensure_future(asyncio.sleep(1))\n"
      "        background_tasks.add(task_2)\n"
      "        task_2.add_done_callback(background_tasks.discard)\n";
  expect_fixed(before, RuleId::LW202, after, Applicability::Unsafe);
}

TEST(Lw202Fix, NoFixWhenTheStatementSharesItsLine) {
  auto found = diagnostics(
      "import asyncio\n\nasync def f(x):\n    if x: asyncio.create_task(asyncio.sleep(1))\n",
      RuleId::LW202);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].fixes.empty());
}

TEST(Lw203Fix, AsyncWithAndAsyncFor) {
  expect_fixed(
      "import httpx\n\nasync def f():\n    with httpx.AsyncClient() as c:\n"
      "        return await c.get('u')\n",
      RuleId::LW203,
      "import httpx\n\nasync def f():\n    async with httpx.AsyncClient() as c:\n"
      "        return await c.get('u')\n",
      Applicability::Safe);
  expect_fixed(
      "import aiofiles\n\nasync def f():\n    async with aiofiles.open('x') as fh:\n"
      "        for line in fh:\n            print(line)\n",
      RuleId::LW203,
      "import aiofiles\n\nasync def f():\n    async with aiofiles.open('x') as fh:\n"
      "        async for line in fh:\n            print(line)\n",
      Applicability::Safe);
  expect_fixed("async def agen():\n    yield 1\n\nasync def f():\n    return [x for x in agen()]\n",
               RuleId::LW203,
               "async def agen():\n    yield 1\n\nasync def f():\n"
               "    return [x async for x in agen()]\n",
               Applicability::Safe);
}

TEST(Lw203Fix, NoFixWhenAnItemIsPlainOrOutsideAsync) {
  auto mixed = diagnostics(
      "import asyncio\nimport threading\n\nasync def f():\n"
      "    with threading.Lock(), asyncio.Lock():\n        pass\n",
      RuleId::LW203);
  ASSERT_EQ(mixed.size(), 1u);
  EXPECT_TRUE(mixed[0].fixes.empty());
  auto sync = diagnostics("import asyncio\n\ndef f():\n    with asyncio.Lock():\n        pass\n",
                          RuleId::LW203);
  ASSERT_EQ(sync.size(), 1u);
  EXPECT_TRUE(sync[0].fixes.empty());
}

TEST(Lw205Fix, RenamesTheAttribute) {
  expect_fixed("import asyncio as aio\n\nasync def f():\n    return aio.get_event_loop()\n",
               RuleId::LW205,
               "import asyncio as aio\n\nasync def f():\n    return aio.get_running_loop()\n",
               Applicability::Safe);
}

TEST(Lw205Fix, FromImportUsesTheModuleOrAddsTheImport) {
  expect_fixed(
      "import asyncio\nfrom asyncio import get_event_loop\n\nasync def f():\n"
      "    return get_event_loop()\n",
      RuleId::LW205,
      "import asyncio\nfrom asyncio import get_event_loop\n\nasync def f():\n"
      "    return asyncio.get_running_loop()\n",
      Applicability::Safe);
  expect_fixed(
      "from asyncio import get_event_loop\n\nasync def f():\n    return get_event_loop()\n",
      RuleId::LW205,
      "import asyncio\nfrom asyncio import get_event_loop\n\nasync def f():\n"
      "    return asyncio.get_running_loop()\n",
      Applicability::Safe);
}

TEST(Lw206Fix, AwaitsTheCoroutineInstead) {
  expect_fixed(kFetch + "async def f():\n    value = asyncio.run(fetch())\n    return value\n",
               RuleId::LW206,
               kFetch + "async def f():\n    value = await fetch()\n    return value\n",
               Applicability::Unsafe);
  expect_fixed(kFetch + "async def f(a, b):\n    return asyncio.run(a or b)\n", RuleId::LW206,
               kFetch + "async def f(a, b):\n    return await (a or b)\n", Applicability::Unsafe);
}

TEST(Lw208Fix, MakesTheRouteHandlerSync) {
  const std::string head = "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/')\n";
  auto found = diagnostics(head + "async def root():\n    return {'ok': True}\n", RuleId::LW208);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].unnecessary);
  EXPECT_EQ(found[0].severity, Severity::Information);
  expect_fixed(head + "async def root():\n    return {'ok': True}\n", RuleId::LW208,
               head + "def root():\n    return {'ok': True}\n", Applicability::Unsafe);
}

TEST(Lw208Fix, NoFixOutsideRouteHandlers) {
  auto found = diagnostics("async def helper():\n    return 1\n", RuleId::LW208);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].fixes.empty());
}

TEST(Lw208Finalizer, SuppressedAndDisabledFindingsStillCount) {
  // The blocking call is silenced by a comment: the function is still not "unnecessary async".
  EXPECT_TRUE(diagnostics("import time\n\nasync def f():\n    time.sleep(1)  # noqa: LW102\n",
                          RuleId::LW208)
                  .empty());
  // LW201 disabled by configuration: the missing await still blocks LW208.
  AnalysisOptions options;
  options.rules.ignore("LW201");
  EXPECT_TRUE(
      diagnostics(kFetch + "async def f():\n    fetch()\n", RuleId::LW208, options).empty());
}

}  // namespace
