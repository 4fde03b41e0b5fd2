// syntax::parent and syntax::named_children must give tree-sitter's own answers
// (ts_node_parent, ts_node_named_child) for every node of every fixture, broken code included.
#include "analysis/syntax/navigation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/document.h"
#include "analysis/semantic/model.h"

namespace lw::analysis::syntax {
namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The Kind whose grammar name is `type` (Other for names kinds.inc does not list).
Kind kind_by_name(std::string_view type) {
  static constexpr std::pair<Kind, std::string_view> kNames[] = {
#define LW_KIND(id, name) {Kind::id, name},
#include "analysis/syntax/kinds.inc"
#undef LW_KIND
  };
  for (const auto& [k, name] : kNames) {
    if (name == type) return k;
  }
  return Kind::Other;
}

// Every node (named and anonymous), pre-order.
void all_nodes(TSNode node, std::vector<TSNode>& out) {
  out.push_back(node);
  const std::uint32_t n = ts_node_child_count(node);
  for (std::uint32_t i = 0; i < n; ++i) all_nodes(ts_node_child(node, i), out);
}

std::size_t expect_same_navigation(const std::string& source, const std::string& label) {
  const Document doc(source);
  const semantic::SemanticModel model(doc.tree(), doc.text());
  // The walk's record of each site's parent is tree-sitter's answer.
  EXPECT_EQ(model.sites().size(), model.site_parents().size()) << label;
  for (const syntax::KnownParent& known : model.site_parents()) {
    EXPECT_EQ(ts_node_parent(known.node).id, known.parent.id)
        << label << " byte " << ts_node_start_byte(known.node);
  }
  // sites_in(node) is exactly the sites starting inside the node.
  for (const semantic::Site& outer : model.sites()) {
    std::vector<const void*> want;
    for (const semantic::Site& site : model.sites()) {
      if (ts_node_start_byte(site.node) >= ts_node_start_byte(outer.node) &&
          ts_node_start_byte(site.node) < ts_node_end_byte(outer.node)) {
        want.push_back(site.node.id);
      }
    }
    std::vector<const void*> have;
    for (const semantic::Site& site : model.sites_in(outer.node)) have.push_back(site.node.id);
    EXPECT_EQ(want, have) << label << " byte " << ts_node_start_byte(outer.node);
  }
  const ScopedParentIndex index(doc.tree(), model.site_parents());
  std::vector<TSNode> nodes;
  all_nodes(ts_tree_root_node(doc.tree()), nodes);
  for (TSNode node : nodes) {
    // kind() without ts_node_is_named: anonymous tokens are Other, named nodes keep theirs.
    if (!ts_node_is_named(node)) {
      EXPECT_EQ(kind(node), Kind::Other) << label << " " << ts_node_type(node);
    } else {
      EXPECT_EQ(kind(node), kind_by_name(ts_node_type(node))) << label << " " << ts_node_type(node);
    }
    const TSNode expected = ts_node_parent(node);
    const TSNode got = parent(node);
    EXPECT_EQ(expected.id, got.id)
        << label << " byte " << ts_node_start_byte(node) << " " << ts_node_type(node);
    std::vector<const void*> want;
    const std::uint32_t n = ts_node_named_child_count(node);
    for (std::uint32_t i = 0; i < n; ++i) want.push_back(ts_node_named_child(node, i).id);
    std::vector<const void*> have;
    for (TSNode child : named_children(node)) have.push_back(child.id);
    EXPECT_EQ(want, have) << label << " byte " << ts_node_start_byte(node);
  }
  return nodes.size();
}

TEST(Navigation, MatchesTreeSitterOnEveryFixture) {
  std::size_t files = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(LW_TESTS_DIR) + "/analysis")) {
    if (entry.path().extension() != ".py") continue;
    expect_same_navigation(read(entry.path()), entry.path().string());
    ++files;
  }
  EXPECT_GT(files, 30u);
}

TEST(Navigation, MatchesTreeSitterOnBrokenAndOddCode) {
  const char* cases[] = {
      "",
      "\n\n",
      "def f(:\n  pass\n",
      "async def f():\n    await\n",
      "x = (1,\n",
      "class A:\n    def m(self): return [\n",
      "@decorator\n",
      "if x:\n  y\nelse\n  z\n",
      "\xff\xfe\x00binary\x00\n",
      "import a\n\n\n# trailing comment\n# another\n",
      "f(\"\"\"unterminated\n",
      "lambda: (yield)\n;;;\n",
  };
  for (const char* source : cases) expect_same_navigation(source, source);
}

TEST(Navigation, WithoutAnIndexFallsBackToTreeSitter) {
  const Document doc("def f():\n    return g(1)\n");
  const TSNode root = ts_tree_root_node(doc.tree());
  const TSNode def = ts_node_named_child(root, 0);
  EXPECT_EQ(parent(def).id, root.id);
  EXPECT_TRUE(ts_node_is_null(parent(root)));
  const Document other("x = 1\n");
  const ScopedParentIndex index(other.tree());  // for another tree: not used for `doc`
  EXPECT_EQ(parent(def).id, root.id);
}

}  // namespace
}  // namespace lw::analysis::syntax
