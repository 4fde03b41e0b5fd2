#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <memory>
#include <string>

#include "server/lsp/document_store.h"

namespace lw::server {
namespace {

using protocol::PositionEncoding;
using protocol::TextDocumentContentChangeEvent;

constexpr const char* kUri = "file:///a.py";

TextDocumentContentChangeEvent edit(std::uint32_t l1, std::uint32_t c1, std::uint32_t l2,
                                    std::uint32_t c2, std::string text) {
  return {protocol::Range{{l1, c1}, {l2, c2}}, std::nullopt, std::move(text)};
}

std::string tree_string(const TSTree* tree) {
  const std::unique_ptr<char, decltype(&std::free)> s(ts_node_string(ts_tree_root_node(tree)),
                                                      &std::free);
  return s.get();
}

// The incrementally edited tree must equal a fresh parse of the same text.
void expect_tree_matches_fresh_parse(const OpenDocument& doc) {
  const analysis::Document fresh(doc.text());
  EXPECT_EQ(tree_string(doc.document.tree()), tree_string(fresh.tree()));
}

class LspDocumentStore : public ::testing::Test {
 protected:
  DocumentStore store;
  const OpenDocument& open(const std::string& text, std::int32_t version = 1) {
    return store.open({kUri, "python", version, text});
  }
  std::optional<std::string> change(std::int32_t version,
                                    std::vector<TextDocumentContentChangeEvent> changes,
                                    PositionEncoding enc = PositionEncoding::Utf16) {
    return store.change({kUri, version}, changes, enc);
  }
  const OpenDocument& doc() { return *store.find(kUri); }
  // The document with its deferred parse done.
  const OpenDocument& parsed_doc() { return *store.parsed(kUri); }
};

TEST_F(LspDocumentStore, IncrementalEditsInUtf16) {
  open("x = \"😀\"\ny = 1\n");
  // After the emoji (2 UTF-16 units): character 7 is the closing quote.
  EXPECT_EQ(change(2, {edit(0, 7, 0, 7, "!")}), std::nullopt);
  EXPECT_EQ(doc().text(), "x = \"😀!\"\ny = 1\n");
  EXPECT_EQ(doc().version, 2);
  expect_tree_matches_fresh_parse(parsed_doc());
}

TEST_F(LspDocumentStore, IncrementalEditsInUtf8) {
  open("x = \"😀\"\n");
  EXPECT_EQ(change(2, {edit(0, 9, 0, 9, "!")}, PositionEncoding::Utf8), std::nullopt);
  EXPECT_EQ(doc().text(), "x = \"😀!\"\n");
}

TEST_F(LspDocumentStore, SeveralChangesApplyInOrder) {
  open("a\nb\nc\n");
  EXPECT_EQ(change(2, {edit(0, 0, 0, 1, "first"), edit(1, 0, 2, 0, ""), edit(0, 5, 0, 5, "!")}),
            std::nullopt);
  EXPECT_EQ(doc().text(), "first!\nc\n");
  EXPECT_EQ(doc().lines.line_count(), 3U);
  expect_tree_matches_fresh_parse(parsed_doc());
}

TEST_F(LspDocumentStore, FullTextChange) {
  open("a = 1\n");
  EXPECT_EQ(change(2, {{std::nullopt, std::nullopt, "def f():\n    pass\n"}}), std::nullopt);
  EXPECT_EQ(doc().text(), "def f():\n    pass\n");
  EXPECT_EQ(doc().lines.line_count(), 3U);
  // A full change followed by a ranged one in the same notification.
  EXPECT_EQ(change(3, {{std::nullopt, std::nullopt, "x\n"}, edit(0, 1, 0, 1, "y")}), std::nullopt);
  EXPECT_EQ(doc().text(), "xy\n");
}

TEST_F(LspDocumentStore, BadRangeChangesNothing) {
  open("a\nb\n");
  const auto error = change(2, {edit(0, 0, 0, 0, "ok"), edit(7, 0, 7, 1, "bad")});
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("outside the document"), std::string::npos) << *error;
  EXPECT_EQ(doc().text(), "a\nb\n");
  EXPECT_EQ(doc().version, 1);

  const auto reversed = change(2, {edit(1, 1, 0, 0, "x")});
  ASSERT_TRUE(reversed.has_value());
  EXPECT_NE(reversed->find("ends before it starts"), std::string::npos) << *reversed;
  EXPECT_EQ(doc().text(), "a\nb\n");
}

TEST_F(LspDocumentStore, CharacterPastLineEndClampsAndEndOfDocumentIsAccepted) {
  open("ab\ncd");
  EXPECT_EQ(change(2, {edit(0, 99, 0, 99, "!")}), std::nullopt);
  EXPECT_EQ(doc().text(), "ab!\ncd");
  // One line past the last line, character 0: the end of the text.
  EXPECT_EQ(change(3, {edit(2, 0, 2, 0, "\nef")}), std::nullopt);
  EXPECT_EQ(doc().text(), "ab!\ncd\nef");
  EXPECT_TRUE(change(4, {edit(3, 1, 3, 1, "x")}).has_value());
}

TEST_F(LspDocumentStore, CrLfText) {
  open("a\r\nb\r\n");
  EXPECT_EQ(change(2, {edit(0, 1, 1, 0, "")}), std::nullopt);  // join the lines
  EXPECT_EQ(doc().text(), "ab\r\n");
}

TEST_F(LspDocumentStore, ChangeOfADocumentThatIsNotOpen) {
  EXPECT_EQ(store.change({"file:///nope.py", 1}, {}, PositionEncoding::Utf16),
            "document is not open");
}

TEST_F(LspDocumentStore, ReopenReplacesAndCloseDrops) {
  open("a\n");
  open("b\n", 5);
  EXPECT_EQ(doc().text(), "b\n");
  EXPECT_EQ(doc().version, 5);
  EXPECT_TRUE(store.close(kUri));
  EXPECT_FALSE(store.close(kUri));
  EXPECT_EQ(store.find(kUri), nullptr);
}

TEST_F(LspDocumentStore, ManyRandomEditsKeepTheTreeInSync) {
  open("import time\nasync def handler():\n    time.sleep(1)\n");
  std::uint32_t state = 7;
  auto rnd = [&state](std::uint32_t n) {
    state = state * 1103515245U + 12345U;
    return (state >> 16U) % n;
  };
  const char* pieces[] = {"x", "\n", "😀", "é", "(", ")", "async ", "await ", "    ", "", "\r\n"};
  for (int i = 0; i < 200; ++i) {
    const auto& lines = doc().lines;
    const std::uint32_t l1 = rnd(lines.line_count());
    const std::uint32_t c1 = rnd(8);
    const std::uint32_t l2 = l1 + rnd(2);
    const std::uint32_t c2 = rnd(8);
    const auto before = doc().text();
    const auto result = change(i + 2, {edit(l1, c1, l2, c2, pieces[rnd(11)])});
    if (result) {
      EXPECT_EQ(doc().text(), before);
      continue;
    }
    EXPECT_EQ(doc().lines.line_count(), protocol::LineIndex(doc().text()).line_count());
  }
  expect_tree_matches_fresh_parse(parsed_doc());
}

// Changes do not parse: the edits accumulate on the tree and one parse catches up. A parse
// done on a snapshot is kept only while the document is still at that revision.
TEST_F(LspDocumentStore, ChangesDeferTheParseAndASnapshotParseIsAdopted) {
  open("import time\n");
  EXPECT_TRUE(doc().document.needs_parse());  // not even didOpen parses
  for (int v = 2; v < 50; ++v) {
    ASSERT_EQ(change(v, {edit(0, 0, 0, 0, "x = 1\n")}), std::nullopt);
    EXPECT_TRUE(doc().document.needs_parse());
  }
  const std::uint64_t revision = doc().revision;
  analysis::Document snapshot = doc().document.snapshot();
  snapshot.reparse();
  const TSTree* tree = snapshot.tree();
  store.adopt_parse(kUri, revision + 1, snapshot.snapshot());  // another revision: ignored
  EXPECT_TRUE(doc().document.needs_parse());
  store.adopt_parse(kUri, revision, std::move(snapshot));
  EXPECT_FALSE(doc().document.needs_parse());
  EXPECT_EQ(doc().document.tree(), tree);
  expect_tree_matches_fresh_parse(doc());

  ASSERT_EQ(change(50, {edit(1, 0, 1, 0, "y = (\n")}), std::nullopt);
  ASSERT_EQ(change(51, {edit(0, 0, 0, 5, "")}), std::nullopt);
  EXPECT_NE(doc().revision, revision);
  expect_tree_matches_fresh_parse(parsed_doc());
}

}  // namespace
}  // namespace lw::server
