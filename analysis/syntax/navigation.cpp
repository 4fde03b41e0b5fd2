#include "analysis/syntax/navigation.h"

#include <algorithm>
#include <unordered_map>

namespace lw::analysis::syntax {

NamedChildren::iterator::iterator(TSNode parent) {
  if (ts_node_is_null(parent) || ts_node_child_count(parent) == 0) return;
  cursor_ = ts_tree_cursor_new(parent);
  live_ = ts_tree_cursor_goto_first_child(&cursor_);
  if (live_) settle();
  owns_cursor_ = true;
}

NamedChildren::iterator::~iterator() {
  if (owns_cursor_) ts_tree_cursor_delete(&cursor_);
}

NamedChildren::iterator::iterator(iterator&& other) noexcept
    : cursor_(other.cursor_),
      current_(other.current_),
      live_(other.live_),
      owns_cursor_(other.owns_cursor_) {
  other.owns_cursor_ = false;
  other.live_ = false;
}

void NamedChildren::iterator::settle() {
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor_);
    if (ts_node_is_named(node)) {
      current_ = node;
      return;
    }
    if (!ts_tree_cursor_goto_next_sibling(&cursor_)) {
      live_ = false;
      return;
    }
  }
}

NamedChildren::iterator& NamedChildren::iterator::operator++() {
  if (live_) {
    live_ = ts_tree_cursor_goto_next_sibling(&cursor_);
    if (live_) settle();
  }
  return *this;
}

ParentIndex::ParentIndex(const TSTree* tree, std::span<const KnownParent> known)
    : tree_(tree), known_(known) {
  if (tree == nullptr) return;
  root_ = ts_tree_root_node(tree);
  TSTreeCursor cursor = ts_tree_cursor_new(root_);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&cursor);
      top_.push_back(child);
      top_start_.push_back(ts_node_start_byte(child));
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
}

namespace {
thread_local const ParentIndex* current_index = nullptr;
// The parents the descents of the thread's current index found on their way, cleared whenever
// the current index changes: a walk up from a node 1,000 levels deep would otherwise descend
// again for every step (cubic in the nesting depth over a file's sites).
thread_local std::unordered_map<const void*, TSNode> descent_parents;
thread_local const ParentIndex* descent_owner = nullptr;

void forget_descents() {
  descent_parents.clear();
  descent_owner = nullptr;
}
}  // namespace

TSNode ParentIndex::parent(TSNode node) const {
  if (ts_node_is_null(node) || node.tree != tree_) return ts_node_parent(node);
  if (node.id == root_.id) return TSNode{};
  const std::uint32_t start = ts_node_start_byte(node);
  auto first = std::lower_bound(
      known_.begin(), known_.end(), start,
      [](const KnownParent& k, std::uint32_t at) { return ts_node_start_byte(k.node) < at; });
  for (; first != known_.end() && ts_node_start_byte(first->node) == start; ++first) {
    if (first->node.id == node.id) return first->parent;
  }
  const bool memo = this == current_index;
  if (memo) {
    if (descent_owner != this) {
      descent_parents.clear();
      descent_owner = this;
    }
    if (auto it = descent_parents.find(node.id); it != descent_parents.end()) return it->second;
  }
  // The module-level statements that may contain the node: the last one starting at or before
  // it, and (zero-width nodes, equal starts) the ones before it with the same start.
  auto upper = std::upper_bound(top_start_.begin(), top_start_.end(), start);
  for (auto it = upper; it != top_start_.begin();) {
    --it;
    const TSNode top = top_[static_cast<std::size_t>(it - top_start_.begin())];
    if (top.id == node.id) return root_;
    // Descend as ts_node_parent does from the root, from this statement on.
    TSNode current = top;
    for (;;) {
      TSNode next = ts_node_child_with_descendant(current, node);
      if (ts_node_is_null(next)) break;
      if (memo) descent_parents.emplace(next.id, current);
      if (next.id == node.id) return current;
      current = next;
    }
    if (*it != start) break;  // an earlier statement ends before the node starts
  }
  return ts_node_parent(node);  // not found by the index (never expected): the slow way
}

ScopedParentIndex::ScopedParentIndex(const TSTree* tree, std::span<const KnownParent> known)
    : index_(tree, known), previous_(current_index) {
  forget_descents();
  current_index = &index_;
}

ScopedParentIndex::~ScopedParentIndex() {
  forget_descents();
  current_index = previous_;
}

TSNode parent(TSNode node) {
  const ParentIndex* index = current_index;
  if (index != nullptr && !ts_node_is_null(node) && node.tree == index->tree()) {
    return index->parent(node);
  }
  return ts_node_parent(node);
}

}  // namespace lw::analysis::syntax
