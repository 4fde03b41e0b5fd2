// Which fixes a diagnostic offers, in which order and with which applicability (the golden
// tests check what applying them produces).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/engine.h"

using namespace lw::analysis;

namespace {

struct Offer {
  std::string title;
  Applicability applicability;
  bool has_edits;
};

// The fixes of the only diagnostic of `rule` in `text`.
std::vector<Offer> offers(const std::string& text, RuleId rule) {
  Document doc(text);
  AnalysisOptions options;
  options.rules = RuleSet::none();
  options.rules.set(rule, true);
  std::vector<Offer> out;
  int found = 0;
  for (const Diagnostic& d : analyze(doc, options)) {
    if (d.rule != rule) continue;
    ++found;
    for (const Fix& f : d.fixes) out.push_back(Offer{f.title, f.applicability, !f.edits.empty()});
  }
  EXPECT_EQ(found, 1) << text;
  return out;
}

std::vector<std::string> titles(const std::vector<Offer>& list) {
  std::vector<std::string> out;
  for (const Offer& o : list) out.push_back(o.title);
  return out;
}

const std::string kRoute =
    "from fastapi import FastAPI\nimport requests\n\napp = FastAPI()\n\n\n@app.get(\"/\")\n";

TEST(OfferedFixes, PlainAsyncioModule) {
  auto list =
      offers("import requests\n\nasync def f(u):\n    return requests.get(u)\n", RuleId::LW101);
  ASSERT_EQ(list.size(), 3U);
  EXPECT_EQ(list[0].title, "Wrap in `asyncio.to_thread`");
  EXPECT_EQ(list[0].applicability, Applicability::Unsafe);
  EXPECT_EQ(list[1].applicability, Applicability::DisplayOnly);
  EXPECT_FALSE(list[1].has_edits);
  EXPECT_NE(list[1].title.find("httpx.AsyncClient"), std::string::npos);
  EXPECT_EQ(list[2].title, "Disable LW101 for this line");
  EXPECT_EQ(list[2].applicability, Applicability::Manual);
}

TEST(OfferedFixes, FastApiRouteHandlerWithoutAwait) {
  auto list =
      offers(kRoute + "async def f(u: str):\n    return requests.get(u).json()\n", RuleId::LW101);
  EXPECT_EQ(titles(list),
            (std::vector<std::string>{"Wrap in `run_in_threadpool`", "Wrap in `asyncio.to_thread`",
                                      "Make this route handler sync (`async def` -> `def`)",
                                      list[3].title, "Disable LW101 for this line"}));
  EXPECT_EQ(list[2].applicability, Applicability::Unsafe);
}

TEST(OfferedFixes, NoMakeSyncWhereTheHandlerMustStayAsync) {
  auto wrap_only = [](const std::vector<Offer>& list) {
    for (const Offer& o : list) {
      if (o.title.starts_with("Make this route handler sync")) return false;
    }
    return true;
  };
  // awaits something
  EXPECT_TRUE(wrap_only(offers(
      kRoute + "async def f(u: str, req):\n    await req.body()\n    return requests.get(u)\n",
      RuleId::LW101)));
  // needs the running loop
  EXPECT_TRUE(
      wrap_only(offers(kRoute + "async def f(u: str):\n    import asyncio\n"
                                "    asyncio.get_running_loop()\n    return requests.get(u)\n",
                       RuleId::LW101)));
  // awaited by other code
  EXPECT_TRUE(wrap_only(offers(kRoute + "async def f(u: str):\n    return requests.get(u)\n\n\n"
                                        "async def g():\n    return await f('x')\n",
                               RuleId::LW101)));
  // a websocket endpoint
  EXPECT_TRUE(
      wrap_only(offers("from fastapi import FastAPI\nimport requests\n\napp = "
                       "FastAPI()\n\n\n@app.websocket(\"/ws\")\nasync def f(ws):\n"
                       "    return requests.get('u')\n",
                       RuleId::LW101)));
  // not a route handler
  EXPECT_TRUE(
      wrap_only(offers("from fastapi import FastAPI\nimport requests\n\n\nasync def "
                       "f(u):\n    return requests.get(u)\n",
                       RuleId::LW101)));
}

TEST(OfferedFixes, SleepIsReplacedNotWrapped) {
  auto list = offers("import time\n\nasync def f():\n    time.sleep(1)\n", RuleId::LW102);
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].title, "Replace with `await asyncio.sleep(...)`");
  EXPECT_EQ(list[0].applicability, Applicability::Safe);
  EXPECT_EQ(list[1].applicability, Applicability::Manual);
}

TEST(OfferedFixes, NotesForFilesAndSubprocesses) {
  auto open_notes = titles(offers("async def f(p):\n    return open(p)\n", RuleId::LW103));
  EXPECT_NE(open_notes[1].find("aiofiles"), std::string::npos);
  auto path_notes = titles(
      offers("from pathlib import Path\n\nasync def f():\n    return Path('x').read_text()\n",
             RuleId::LW103));
  EXPECT_NE(path_notes[1].find("anyio.Path"), std::string::npos);
  auto run = titles(
      offers("import subprocess\n\nasync def f():\n    subprocess.run(['ls'])\n", RuleId::LW104));
  EXPECT_NE(run[1].find("create_subprocess_exec"), std::string::npos);
  auto shell = titles(offers("import os\n\nasync def f():\n    os.system('ls')\n", RuleId::LW104));
  EXPECT_NE(shell[1].find("create_subprocess_shell"), std::string::npos);
}

TEST(OfferedFixes, RunInThreadpoolCannotPassAFuncKeyword) {
  auto list = titles(
      offers("from starlette.applications import Starlette\nimport requests\n\n\nasync def f():\n"
             "    return requests.request('GET', 'u', func=1)\n",
             RuleId::LW101));
  EXPECT_EQ(list.front(), "Wrap in `asyncio.to_thread`");
}

TEST(OfferedFixes, NoWrapWhereAwaitCannotGo) {
  auto list =
      offers("import requests\n\nasync def f(us):\n    return list(requests.get(u) for u in us)\n",
             RuleId::LW101);
  ASSERT_EQ(list.size(), 2U);  // the note and noqa
  EXPECT_EQ(list[0].applicability, Applicability::DisplayOnly);
}

TEST(OfferedFixes, TransitiveBlockingCallIsWrapped) {
  auto list = titles(
      offers("def load():\n    return open('x').read()\n\n\nasync def f():\n    return load()\n",
             RuleId::LW109));
  EXPECT_EQ(list, (std::vector<std::string>{"Wrap in `asyncio.to_thread`",
                                            "Disable LW109 for this line"}));
}

TEST(OfferedFixes, NoNoqaWhereACommentCannotGo) {
  auto continued = offers(
      "import time\n\nasync def f(x):\n    y = x + \\\n        time.sleep(1)\n    return y\n",
      RuleId::LW102);
  // The call starts on the line after the backslash: that line can take the comment.
  EXPECT_EQ(continued.back().title, "Disable LW102 for this line");
  auto before_backslash = offers(
      "import time\n\nasync def f(x):\n    y = time.sleep(1) or \\\n        x\n    return y\n",
      RuleId::LW102);
  EXPECT_NE(before_backslash.back().applicability, Applicability::Manual);
}

}  // namespace

namespace {

TEST(OfferedFixes, SyntaxErrorHasNoFixNotEvenNoqa) {
  EXPECT_TRUE(offers("x = [1, 2 3]\n", RuleId::LW001).empty());
}

TEST(OfferedFixes, AwaitOnSyncCall) {
  auto sleep = offers("import time\n\nasync def f():\n    await time.sleep(1)\n", RuleId::LW210);
  ASSERT_EQ(sleep.size(), 2U);
  EXPECT_EQ(sleep[0].title, "Replace with `await asyncio.sleep(...)`");
  EXPECT_EQ(sleep[0].applicability, Applicability::Safe);
  EXPECT_EQ(sleep[1].title, "Disable LW210 for this line");

  auto http =
      offers("import requests\n\nasync def f(u):\n    await requests.get(u)\n", RuleId::LW210);
  ASSERT_EQ(http.size(), 2U);
  EXPECT_EQ(http[0].applicability, Applicability::DisplayOnly);
  EXPECT_FALSE(http[0].has_edits);

  auto own = offers("def save() -> None:\n    print(1)\n\nasync def f():\n    await save()\n",
                    RuleId::LW210);
  ASSERT_EQ(own.size(), 2U);
  EXPECT_EQ(own[0].title, "Remove `await` (the call still blocks)");
  EXPECT_EQ(own[0].applicability, Applicability::Unsafe);
}

TEST(OfferedFixes, UnusedSuppressionOfAPeerCodeIsUnsafe) {
  // LW102 must run for its codes to be judged.
  const auto first_fix = [](const std::string& code) {
    Document doc("import asyncio\n\nasync def f():\n    await asyncio.sleep(1)  # noqa: " + code +
                 "\n");
    AnalysisOptions options;
    options.rules.set(RuleId::LW002, true);
    const auto found = analyze(doc, options);
    EXPECT_EQ(found.size(), 1U) << code;
    if (found.empty() || found[0].fixes.empty()) return Applicability::Manual;
    EXPECT_EQ(found[0].rule, RuleId::LW002);
    return found[0].fixes[0].applicability;
  };
  EXPECT_EQ(first_fix("LW102"), Applicability::Safe);
  EXPECT_EQ(first_fix("ASYNC251"), Applicability::Unsafe);
  EXPECT_EQ(first_fix("LW999"), Applicability::Safe);
}

}  // namespace
