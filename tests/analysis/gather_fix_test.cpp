// The LW301 fix "Convert to `asyncio.gather`": the edits applied to the text give code that
// parses without ERROR/MISSING nodes, no longer reports LW301, and keeps comments and
// indentation.
#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "analysis/engine.h"

using namespace lw::analysis;

namespace {

std::vector<Diagnostic> lw301(const std::string& text) {
  Document doc(text);
  std::vector<Diagnostic> out;
  for (auto& d : analyze(doc, AnalysisOptions{})) {
    if (d.rule != RuleId::LW301) continue;
    // Only the rule's own fix: "Disable LW301 for this line" (Manual, on every diagnostic)
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

// Applies the fix of the only LW301 diagnostic and checks the invariants every fix keeps.
std::string fixed(const std::string& text) {
  auto diags = lw301(text);
  EXPECT_EQ(diags.size(), 1u) << text;
  if (diags.size() != 1) return text;
  const auto& d = diags[0];
  EXPECT_EQ(d.fixes.size(), 1u);
  if (d.fixes.empty()) return text;
  const Fix& fix = d.fixes[0];
  EXPECT_EQ(fix.title, "Convert to `asyncio.gather`");
  EXPECT_EQ(fix.applicability, Applicability::Unsafe);
  for (std::size_t i = 1; i < fix.edits.size(); ++i) {
    EXPECT_LE(fix.edits[i - 1].range.end, fix.edits[i].range.start) << "edits sorted, disjoint";
  }
  std::string out = apply(text, fix);
  EXPECT_TRUE(parses_cleanly(out)) << out;
  EXPECT_TRUE(lw301(out).empty()) << out;
  return out;
}

TEST(GatherFix, LongRunGetsOneCallPerLine) {
  std::string text =
      "import asyncio\n"
      "\n"
      "\n"
      "async def get_user(i): ...\n"
      "async def get_posts(i): ...\n"
      "async def get_stats(i): ...\n"
      "\n"
      "\n"
      "async def dashboard(user_id):\n"
      "    user = await get_user(user_id)\n"
      "    posts = await get_posts(user_id)\n"
      "    stats = await get_stats(user_id)\n"
      "    return user, posts, stats\n";
  // On one line the statement would need 99 columns (> 88): one call per line instead.
  std::string out = fixed(text);
  EXPECT_NE(out.find("    user, posts, stats = await asyncio.gather(\n"
                     "        get_user(user_id),\n"
                     "        get_posts(user_id),\n"
                     "        get_stats(user_id),\n"
                     "    )\n"
                     "    return user, posts, stats\n"),
            std::string::npos)
      << out;
}

TEST(GatherFix, ShortRunStaysOnOneLine) {
  std::string text =
      "import asyncio\n"
      "async def f(x): ...\n"
      "async def g(x): ...\n"
      "async def h(x):\n"
      "    a = await f(x)\n"
      "    b = await g(x)\n"
      "    return a + b\n";
  EXPECT_EQ(fixed(text),
            "import asyncio\n"
            "async def f(x): ...\n"
            "async def g(x): ...\n"
            "async def h(x):\n"
            "    a, b = await asyncio.gather(f(x), g(x))\n"
            "    return a + b\n");
}

TEST(GatherFix, AddsImportWhenMissing) {
  std::string text =
      "\"\"\"Module docstring.\"\"\"\n"
      "import json\n"
      "\n"
      "async def f(x): ...\n"
      "async def g(x): ...\n"
      "async def h(x):\n"
      "    a = await f(x)\n"
      "    b = await g(x)\n"
      "    return json.dumps([a, b])\n";
  std::string out = fixed(text);
  EXPECT_EQ(out,
            "\"\"\"Module docstring.\"\"\"\n"
            "import asyncio\n"
            "import json\n"
            "\n"
            "async def f(x): ...\n"
            "async def g(x): ...\n"
            "async def h(x):\n"
            "    a, b = await asyncio.gather(f(x), g(x))\n"
            "    return json.dumps([a, b])\n");
}

TEST(GatherFix, UsesExistingAlias) {
  std::string text =
      "import asyncio as aio\n"
      "async def f(x): ...\n"
      "async def g(x): ...\n"
      "async def h(x):\n"
      "    a = await f(x)\n"
      "    b = await g(x)\n"
      "    await aio.sleep(0)\n"
      "    return a, b\n";
  std::string out = fixed(text);
  EXPECT_NE(out.find("    a, b = await aio.gather(f(x), g(x))\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("import asyncio\n"), std::string::npos) << out;
}

TEST(GatherFix, NoFixWhenTheNameAsyncioIsTaken) {
  std::string text =
      "async def f(x): ...\n"
      "async def g(x): ...\n"
      "async def h(x, asyncio):\n"
      "    a = await f(x)\n"
      "    b = await g(x)\n"
      "    return a, b, asyncio\n";
  auto diags = lw301(text);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_TRUE(diags[0].fixes.empty());
}

TEST(GatherFix, KeepsCommentsAndIndentation) {
  std::string text =
      "import asyncio\n"
      "async def f(x): ...\n"
      "async def g(x): ...\n"
      "async def k(): ...\n"
      "class C:\n"
      "    async def m(self, x):\n"
      "        if x:\n"
      "            a = await f(x)  # first\n"
      "            # the second one\n"
      "\n"
      "            b = await g(x)\n"
      "            c = await k()  # last\n"
      "            return a, b, c\n";
  std::string out = fixed(text);
  EXPECT_NE(out.find("            a, b, c = await asyncio.gather(\n"
                     "                f(x),  # first\n"
                     "                # the second one\n"
                     "                g(x),\n"
                     "                k(),\n"
                     "            )  # last\n"
                     "            return a, b, c\n"),
            std::string::npos)
      << out;
}

TEST(GatherFix, TupleTargetsUnusedResultsAndMultiLineCalls) {
  std::string text =
      "import asyncio\n"
      "async def f(x): ...\n"
      "async def g(x, y): ...\n"
      "async def k(): ...\n"
      "async def h(x):\n"
      "    first, second = await f(x)\n"
      "    unused = await g(\n"
      "        x,\n"
      "        1,\n"
      "    )\n"
      "    last = await k()\n"
      "    return first, second, last\n";
  std::string out = fixed(text);
  EXPECT_NE(out.find("    (first, second), _, last = await asyncio.gather(\n"
                     "        f(x),\n"
                     "        g(\n"
                     "        x,\n"
                     "        1,\n"
                     "    ),\n"
                     "        k(),\n"
                     "    )\n"),
            std::string::npos)
      << out;
}

TEST(GatherFix, KeepsCrLfLineEndings) {
  std::string text =
      "import asyncio\r\n"
      "async def f(x): ...\r\n"
      "async def g(x): ...\r\n"
      "async def h(x):\r\n"
      "    a = await f(x)  # note\r\n"
      "    b = await g(x)\r\n"
      "    return a, b\r\n";
  std::string out = fixed(text);
  EXPECT_NE(out.find("    a, b = await asyncio.gather(\r\n"
                     "        f(x),  # note\r\n"
                     "        g(x),\r\n"
                     "    )\r\n"),
            std::string::npos)
      << out;
}

TEST(GatherFix, SecondRunOfABlock) {
  std::string text =
      "import asyncio\n"
      "async def f(x): ...\n"
      "async def g(x): ...\n"
      "async def h(x):\n"
      "    a = await f(x)\n"
      "    b = await g(a)\n"
      "    c = await f(x)\n"
      "    return a, b, c\n";
  std::string out = fixed(text);
  EXPECT_NE(out.find("    a = await f(x)\n    b, c = await asyncio.gather(g(a), f(x))\n"),
            std::string::npos)
      << out;
}

}  // namespace
