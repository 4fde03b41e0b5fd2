#pragma once
// Tree navigation without tree-sitter's quadratic paths.
//
// tree-sitter nodes have no parent pointer: `ts_node_parent` descends from the root and scans
// the siblings at every level, so for a statement of a 10,000-line module it scans every
// module-level statement before it; `ts_node_named_child(node, i)` scans `i` children. Rules
// ask both questions all the time. `named_children` walks children with a cursor (O(1) per
// step) and `parent` starts its descent at the module-level statement that contains the node,
// found by binary search in a `ParentIndex` installed for the duration of an analysis.
#include <tree_sitter/api.h>

#include <cstdint>
#include <span>
#include <vector>

namespace lw::analysis::syntax {

// `for (TSNode child : named_children(node))`: the named children in order.
class NamedChildren {
 public:
  explicit NamedChildren(TSNode node) : node_(node) {}

  class iterator {
   public:
    iterator() = default;
    explicit iterator(TSNode parent);
    ~iterator();
    iterator(const iterator&) = delete;
    iterator& operator=(const iterator&) = delete;
    iterator(iterator&& other) noexcept;
    iterator& operator=(iterator&&) = delete;
    TSNode operator*() const { return current_; }
    iterator& operator++();
    bool operator!=(const iterator& end) const { return live_ != end.live_; }

   private:
    void settle();  // moves forward to a named node, or ends
    TSTreeCursor cursor_{};
    TSNode current_{};
    bool live_ = false;
    bool owns_cursor_ = false;
  };

  iterator begin() const { return iterator(node_); }
  iterator end() const { return iterator(); }

 private:
  TSNode node_;
};

inline NamedChildren named_children(TSNode node) { return NamedChildren(node); }

// A node whose parent a walk already saw. A list of them is in pre-order (so sorted by start
// byte), as the semantic model's walk records them for its sites.
struct KnownParent {
  TSNode node;
  TSNode parent;
};

// Answers ts_node_parent in O(log n): from `known` (binary search by start byte) when the node
// is there, else by descending from the module-level statement that contains it (binary
// search among the root's children). Immutable after construction; cheap to build (one pass
// over the root's children). `known` must outlive the index.
class ParentIndex {
 public:
  explicit ParentIndex(const TSTree* tree, std::span<const KnownParent> known = {});
  const TSTree* tree() const { return tree_; }
  // Same answer as ts_node_parent(node) for a node of this tree.
  TSNode parent(TSNode node) const;

 private:
  const TSTree* tree_;
  TSNode root_{};
  std::span<const KnownParent> known_;
  std::vector<TSNode> top_;  // the root's children (named and anonymous), in order
  std::vector<std::uint32_t> top_start_;
};

// Installs a ParentIndex for the calling thread while alive (nestable: restores the previous
// one). The analysis entry points install one for the tree they analyse.
class ScopedParentIndex {
 public:
  explicit ScopedParentIndex(const TSTree* tree, std::span<const KnownParent> known = {});
  ~ScopedParentIndex();
  ScopedParentIndex(const ScopedParentIndex&) = delete;
  ScopedParentIndex& operator=(const ScopedParentIndex&) = delete;

 private:
  ParentIndex index_;
  const ParentIndex* previous_;
};

// ts_node_parent(node), through the calling thread's ParentIndex when it is for node's tree.
TSNode parent(TSNode node);

}  // namespace lw::analysis::syntax
