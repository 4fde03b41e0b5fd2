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

}  // namespace
}  // namespace lw::analysis
