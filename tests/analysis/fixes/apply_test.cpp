// analysis::apply_fixes / apply_edits / whole_change: ordering, identical edits applied once,
// conflicts left for a later pass, whole-line insertions, isolation ranges, bad input.
#include "analysis/fixes/apply.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace lw::analysis;

namespace {

Fix fix(std::vector<TextEdit> edits, std::optional<ByteRange> isolation = std::nullopt) {
  Fix f;
  f.title = "t";
  f.edits = std::move(edits);
  f.isolation = isolation;
  return f;
}

AppliedFixes apply(std::string_view text, const std::vector<Fix>& fixes) {
  std::vector<const Fix*> pointers;
  for (const Fix& f : fixes) pointers.push_back(&f);
  return apply_fixes(text, pointers);
}

TEST(ApplyFixes, AppliesDisjointFixesInPositionOrder) {
  // Given in reverse order: taken by position.
  auto r = apply("abcdef", {fix({{{4, 5}, "E"}}), fix({{{0, 1}, "A"}})});
  EXPECT_EQ(r.text, "AbcdEf");
  EXPECT_EQ(r.applied, (std::vector<std::size_t>{0, 1}));
}

TEST(ApplyFixes, IdenticalImportEditsAreAppliedOnce) {
  const std::string text = "import os\n\nx = 1\ny = 2\n";
  TextEdit import{{10, 10}, "import asyncio\n"};
  auto r = apply(text, {fix({import, {{11, 12}, "X"}}), fix({import, {{17, 18}, "Y"}})});
  EXPECT_EQ(r.text, "import os\nimport asyncio\n\nX = 1\nY = 2\n");
  EXPECT_EQ(r.applied.size(), 2U);
}

TEST(ApplyFixes, AFixWhoseEditsAreAllAppliedAlreadyCountsAsApplied) {
  TextEdit e{{0, 6}, ""};
  auto r = apply("async def f(): ...\n", {fix({e}), fix({e}, ByteRange{0, 18})});
  EXPECT_EQ(r.text, "def f(): ...\n");
  EXPECT_EQ(r.applied.size(), 2U);
}

TEST(ApplyFixes, DifferentImportLinesAtOnePointAreBothApplied) {
  const std::string text = "import os\nx = 1\ny = 2\n";
  auto r = apply(text, {fix({{{10, 10}, "import asyncio\n"}, {{10, 11}, "X"}}),
                        fix({{{10, 10}, "from m import n\n"}, {{16, 17}, "Y"}})});
  EXPECT_EQ(r.text, "import os\nimport asyncio\nfrom m import n\nX = 1\nY = 2\n");
  EXPECT_EQ(r.applied.size(), 2U);
}

TEST(ApplyFixes, OverlappingFixesWaitForTheNextPass) {
  auto r = apply("abcdef", {fix({{{1, 4}, "X"}}), fix({{{3, 5}, "Y"}})});
  EXPECT_EQ(r.text, "aXef");
  EXPECT_EQ(r.applied, (std::vector<std::size_t>{0}));
}

TEST(ApplyFixes, SpansConflictEvenWhenEditsInterleave) {
  // The second fix's edit lies between the first fix's two edits.
  auto r = apply("abcdefgh", {fix({{{0, 0}, "("}, {{6, 6}, ")"}}), fix({{{3, 4}, "D"}})});
  EXPECT_EQ(r.text, "(abcdef)gh");
  EXPECT_EQ(r.applied.size(), 1U);
}

TEST(ApplyFixes, InsertionsAtOnePointConflictUnlessWholeLines) {
  auto r = apply("abc", {fix({{{1, 1}, "X"}}), fix({{{1, 1}, "Y"}})});
  EXPECT_EQ(r.text, "aXbc");
  EXPECT_EQ(r.applied.size(), 1U);
  // An insertion touching a replacement: the order would be undefined.
  auto touching = apply("abc", {fix({{{1, 2}, "B"}}), fix({{{2, 2}, "Z"}})});
  EXPECT_EQ(touching.applied.size(), 1U);
  // Two replacements that only touch are fine.
  auto adjacent = apply("abc", {fix({{{0, 1}, "A"}}), fix({{{1, 2}, "B"}})});
  EXPECT_EQ(adjacent.text, "ABc");
}

TEST(ApplyFixes, LineInsertionSwallowedByAReplacementWaits) {
  const std::string text = "a\nb\nc\n";
  auto r = apply(text, {fix({{{0, 4}, "X\n"}}), fix({{{2, 2}, "import y\n"}, {{4, 5}, "C"}})});
  EXPECT_EQ(r.text, "X\nc\n");
  EXPECT_EQ(r.applied.size(), 1U);
}

TEST(ApplyFixes, IsolationKeepsOtherFixesOutOfTheRange) {
  const std::string text = "async def f():\n    g()\n    h()\n";
  Fix make_sync = fix({{{0, 6}, ""}}, ByteRange{0, static_cast<std::uint32_t>(text.size())});
  Fix add_await = fix({{{19, 19}, "await "}});
  auto r = apply(text, {add_await, make_sync});
  EXPECT_EQ(r.text, "def f():\n    g()\n    h()\n");
  EXPECT_EQ(r.applied, (std::vector<std::size_t>{1}));
  // The other way round: a fix taken first with an edit in the range keeps it out.
  const std::string prefixed = "x = 1\n" + text;
  Fix isolated = fix({{{6, 12}, ""}}, ByteRange{6, static_cast<std::uint32_t>(prefixed.size())});
  auto later = apply(prefixed, {fix({{{0, 1}, "y"}, {{25, 25}, "await "}}), isolated});
  EXPECT_EQ(later.text, "y = 1\nasync def f():\n    await g()\n    h()\n");
  EXPECT_EQ(later.applied, (std::vector<std::size_t>{0}));
}

TEST(ApplyFixes, MalformedFixesAreNeverApplied) {
  auto r = apply("abc", {fix({{{2, 1}, "X"}}), fix({{{1, 9}, "Y"}}),
                         fix({{{2, 3}, "B"}, {{0, 1}, "A"}}), fix({})});
  EXPECT_EQ(r.text, "abc");
  EXPECT_TRUE(r.applied.empty());
}

TEST(ApplyEdits, AppliesSortedEditsAndRefusesOthers) {
  std::vector<TextEdit> edits{{{0, 1}, "A"}, {{1, 1}, "-"}, {{2, 3}, ""}};
  EXPECT_EQ(apply_edits("abc", edits), "A-b");
  std::vector<TextEdit> unsorted{{{2, 3}, ""}, {{0, 1}, "A"}};
  EXPECT_EQ(apply_edits("abc", unsorted), "abc");
}

TEST(WholeChange, CoversTheDifferingMiddle) {
  TextEdit e = whole_change("import os\nx = 1\n", "import os\nimport asyncio\nx = 1\n");
  EXPECT_EQ(e.range, (ByteRange{10, 10}));
  EXPECT_EQ(e.replacement, "import asyncio\n");
  EXPECT_EQ(apply_edits("import os\nx = 1\n", std::vector<TextEdit>{e}),
            "import os\nimport asyncio\nx = 1\n");
  TextEdit none = whole_change("same", "same");
  EXPECT_EQ(none.range, (ByteRange{4, 4}));
  EXPECT_EQ(none.replacement, "");
}

TEST(WholeChange, NeverSplitsAUtf8Character) {
  // "é" (C3 A9) -> "è" (C3 A8): the common prefix byte C3 is not a boundary.
  TextEdit e = whole_change("a\xC3\xA9z", "a\xC3\xA8z");
  EXPECT_EQ(e.range, (ByteRange{1, 3}));
  EXPECT_EQ(e.replacement, "\xC3\xA8");
}

}  // namespace
