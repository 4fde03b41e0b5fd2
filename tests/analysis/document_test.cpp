// analysis::Document: incremental edits and snapshots.
#include "analysis/document.h"

#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <memory>
#include <string>

namespace lw::analysis {
namespace {

std::string sexp(const Document& doc) {
  std::unique_ptr<char, decltype(&std::free)> s(ts_node_string(ts_tree_root_node(doc.tree())),
                                                &std::free);
  return s.get();
}

TEST(Document, IncrementalEditEqualsFreshParse) {
  Document doc("async def f():\n    x = 1\n");
  doc.edit(23, 24, "await g()");
  EXPECT_EQ(doc.text(), "async def f():\n    x = await g()\n");
  EXPECT_EQ(sexp(doc), sexp(Document(doc.text())));
}

TEST(Document, SnapshotIsIndependentOfLaterEdits) {
  Document doc("import time\n");
  const Document snap = doc.snapshot();
  doc.edit(0, 0, "x = 1\n");
  EXPECT_EQ(snap.text(), "import time\n");
  EXPECT_EQ(sexp(snap), sexp(Document("import time\n")));
  EXPECT_EQ(sexp(doc), sexp(Document("x = 1\nimport time\n")));
}

TEST(Document, ASnapshotCanBeEditedItself) {
  const Document doc("def f():\n    pass\n");
  Document snap = doc.snapshot();
  snap.edit(4, 5, "g");
  EXPECT_EQ(snap.text(), "def g():\n    pass\n");
  EXPECT_EQ(sexp(snap), sexp(Document(snap.text())));
  EXPECT_EQ(doc.text(), "def f():\n    pass\n");
}

TEST(Document, DeferredEditsAccumulateUntilReparse) {
  Document doc("async def f():\n    x = 1\n");
  doc.edit_text(23, 24, "await g()");
  doc.edit_text(0, 0, "import asyncio\n");
  EXPECT_TRUE(doc.needs_parse());
  EXPECT_EQ(doc.text(), "import asyncio\nasync def f():\n    x = await g()\n");
  Document snap = doc.snapshot();  // carries the edited tree
  EXPECT_TRUE(snap.needs_parse());
  snap.reparse();
  EXPECT_EQ(sexp(snap), sexp(Document(doc.text())));
  doc.reparse();
  EXPECT_FALSE(doc.needs_parse());
  EXPECT_EQ(sexp(doc), sexp(Document(doc.text())));
}

TEST(Document, UnparsedAndResetTextParseOnReparse) {
  Document doc = Document::unparsed("x = (\n");
  EXPECT_TRUE(doc.needs_parse());
  EXPECT_EQ(doc.tree(), nullptr);
  doc.edit_text(0, 1, "y");
  doc.reparse();
  EXPECT_EQ(sexp(doc), sexp(Document("y = (\n")));
  doc.reset_text("import time\n");
  EXPECT_EQ(doc.tree(), nullptr);
  Document other("z = 1\n");
  Document snap = doc.snapshot();
  snap.reparse();
  doc.adopt_tree(std::move(other));  // another text: refused
  EXPECT_TRUE(doc.needs_parse());
  doc.adopt_tree(std::move(snap));
  EXPECT_FALSE(doc.needs_parse());
  EXPECT_EQ(sexp(doc), sexp(Document("import time\n")));
}

}  // namespace
}  // namespace lw::analysis
