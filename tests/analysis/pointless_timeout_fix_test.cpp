// LW503 "Remove the timeout block": golden outputs, and for every case the fixed text
// re-parses without ERROR/MISSING nodes, no longer reports LW503, and a second pass over it
// changes nothing.
#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/engine.h"

using namespace lw::analysis;

namespace {

std::vector<Diagnostic> lw503(const std::string& text) {
  Document doc(text);
  AnalysisOptions options;
  std::vector<Diagnostic> out;
  for (auto& d : analyze(doc, options)) {
    if (d.rule != RuleId::LW503) continue;
    // Only the rule's own fix: "Disable LW503 for this line" (Manual, on every diagnostic)
    // is tested in tests/analysis/fixes/.
    std::erase_if(d.fixes, [](const Fix& f) { return f.applicability == Applicability::Manual; });
    out.push_back(std::move(d));
  }
  return out;
}

// Applies the first fix of every LW503 diagnostic (edits of different fixes never overlap
// here: the cases hold independent blocks).
std::string apply_fixes(const std::string& text) {
  std::vector<TextEdit> edits;
  for (const auto& d : lw503(text)) {
    if (d.fixes.empty()) continue;
    EXPECT_EQ(d.fixes.front().applicability, Applicability::Unsafe);
    for (const auto& e : d.fixes.front().edits) edits.push_back(e);
  }
  std::sort(edits.begin(), edits.end(),
            [](const TextEdit& a, const TextEdit& b) { return a.range.start > b.range.start; });
  std::string out = text;
  for (const auto& e : edits) {
    EXPECT_LE(e.range.start, e.range.end);
    EXPECT_LE(e.range.end, out.size());
    out.replace(e.range.start, e.range.end - e.range.start, e.replacement);
  }
  return out;
}

bool has_error_or_missing(TSNode node) {
  if (ts_node_is_error(node) || ts_node_is_missing(node)) return true;
  std::uint32_t n = ts_node_child_count(node);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (has_error_or_missing(ts_node_child(node, i))) return true;
  }
  return false;
}

void expect_clean(const std::string& fixed) {
  Document doc(fixed);
  ASSERT_NE(doc.tree(), nullptr);
  EXPECT_FALSE(has_error_or_missing(ts_tree_root_node(doc.tree()))) << fixed;
  EXPECT_TRUE(lw503(fixed).empty()) << fixed;
  EXPECT_EQ(apply_fixes(fixed), fixed);
}

struct Case {
  const char* name;
  std::string before;
  std::string after;
};

class PointlessTimeoutFix : public ::testing::TestWithParam<Case> {};

TEST_P(PointlessTimeoutFix, GoldenAndIdempotent) {
  const Case& c = GetParam();
  auto diags = lw503(c.before);
  ASSERT_FALSE(diags.empty());
  ASSERT_FALSE(diags.front().fixes.empty());
  std::string fixed = apply_fixes(c.before);
  EXPECT_EQ(fixed, c.after);
  expect_clean(fixed);
}

const Case kCases[] = {
    {"simple",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f(raw):\n"
     "    async with asyncio.timeout(5):\n"
     "        value = int(raw)\n"
     "    await asyncio.sleep(0)\n"
     "    return value\n",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f(raw):\n"
     "    value = int(raw)\n"
     "    await asyncio.sleep(0)\n"
     "    return value\n"},
    {"comments_blank_lines_and_strings",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f():\n"
     "    async with asyncio.timeout(5):  # bounded\n"
     "        # compute\n"
     "        value = 1\n"
     "\n"
     "        text = \"\"\"first\n"
     "        second\"\"\"\n"
     "        # done\n"
     "    await asyncio.sleep(0)\n"
     "    return value, text\n",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f():\n"
     "    # bounded\n"
     "    # compute\n"
     "    value = 1\n"
     "\n"
     "    text = \"\"\"first\n"
     "        second\"\"\"\n"
     "    # done\n"
     "    await asyncio.sleep(0)\n"
     "    return value, text\n"},
    {"one_line_body",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f():\n"
     "    async with asyncio.timeout(5): value = 1\n"
     "    await asyncio.sleep(0)\n"
     "    return value\n",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f():\n"
     "    value = 1\n"
     "    await asyncio.sleep(0)\n"
     "    return value\n"},
    {"nested_block_and_compound_body",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f(items):\n"
     "    for item in items:\n"
     "        if item:\n"
     "            async with asyncio.timeout(1):\n"
     "                total = sum(\n"
     "                    item,\n"
     "        start=0)\n"
     "                if total:\n"
     "                    print(total)\n"
     "    await asyncio.sleep(0)\n",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f(items):\n"
     "    for item in items:\n"
     "        if item:\n"
     "            total = sum(\n"
     "                item,\n"
     "        start=0)\n"
     "            if total:\n"
     "                print(total)\n"
     "    await asyncio.sleep(0)\n"},
    {"parenthesized_header_with_comment",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f():\n"
     "    async with (\n"
     "        asyncio.timeout(5)  # five seconds\n"
     "    ):\n"
     "        value = 1\n"
     "    await asyncio.sleep(0)\n"
     "    return value\n",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f():\n"
     "    # five seconds\n"
     "    value = 1\n"
     "    await asyncio.sleep(0)\n"
     "    return value\n"},
    {"tabs",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f():\n"
     "\tasync with asyncio.timeout(5):\n"
     "\t\tvalue = 1\n"
     "\tawait asyncio.sleep(0)\n"
     "\treturn value\n",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f():\n"
     "\tvalue = 1\n"
     "\tawait asyncio.sleep(0)\n"
     "\treturn value\n"},
    {"crlf",
     "import asyncio\r\n"
     "\r\n"
     "\r\n"
     "async def f():\r\n"
     "    async with asyncio.timeout(5):\r\n"
     "        value = 1\r\n"
     "        other = 2\r\n"
     "    await asyncio.sleep(0)\r\n"
     "    return value, other\r\n",
     "import asyncio\r\n"
     "\r\n"
     "\r\n"
     "async def f():\r\n"
     "    value = 1\r\n"
     "    other = 2\r\n"
     "    await asyncio.sleep(0)\r\n"
     "    return value, other\r\n"},
    {"anyio_sync_with_at_end_of_file",
     "import anyio\n"
     "\n"
     "\n"
     "async def f():\n"
     "    await anyio.sleep(0)\n"
     "    with anyio.fail_after(1):\n"
     "        return 1",
     "import anyio\n"
     "\n"
     "\n"
     "async def f():\n"
     "    await anyio.sleep(0)\n"
     "    return 1"},
    {"two_blocks",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f():\n"
     "    async with asyncio.timeout(5):\n"
     "        a = 1\n"
     "    async with asyncio.timeout(5):\n"
     "        b = 2\n"
     "    await asyncio.sleep(0)\n"
     "    return a, b\n",
     "import asyncio\n"
     "\n"
     "\n"
     "async def f():\n"
     "    a = 1\n"
     "    b = 2\n"
     "    await asyncio.sleep(0)\n"
     "    return a, b\n"},
};

INSTANTIATE_TEST_SUITE_P(Cases, PointlessTimeoutFix, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           return std::string(param_info.param.name);
                         });

TEST(PointlessTimeoutFixOffered, NotWithOtherItemsOrTarget) {
  const std::string text =
      "import asyncio\n"
      "import threading\n"
      "\n"
      "lock = threading.Lock()\n"
      "\n"
      "\n"
      "async def f():\n"
      "    async with asyncio.timeout(5) as cm:\n"
      "        a = 1\n"
      "    with anyio_like():\n"
      "        pass\n"
      "    await asyncio.sleep(0)\n"
      "    return a, cm\n"
      "\n"
      "\n"
      "async def g():\n"
      "    with lock, open_scope():\n"
      "        pass\n"
      "    await asyncio.sleep(0)\n";
  auto diags = lw503(text);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_TRUE(diags.front().fixes.empty());
}

TEST(PointlessTimeoutFixOffered, SeveralItemsReportedWithoutFix) {
  const std::string text =
      "import anyio\n"
      "\n"
      "\n"
      "async def f(lock):\n"
      "    with anyio.fail_after(1), lock:\n"
      "        value = 1\n"
      "    await anyio.sleep(0)\n"
      "    return value\n";
  auto diags = lw503(text);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_TRUE(diags.front().fixes.empty());
}

}  // namespace
