#pragma once
// Structural equality of two tree-sitter trees (an incrementally edited one and a fresh parse
// of the same text): the same node kinds with the same byte ranges and points, the same
// MISSING/ERROR shape, child by child.
#include <tree_sitter/api.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "tests/fuzz/fuzz_support.h"

namespace lw::fuzz {

inline std::string node_string(TSNode node) {
  const std::unique_ptr<char, decltype(&std::free)> s(ts_node_string(node), &std::free);
  return s ? std::string(s.get()) : std::string();
}

// Empty when equal, else the first difference.
inline std::string tree_difference(TSNode a, TSNode b) {
  const bool same_point = ts_node_start_point(a).row == ts_node_start_point(b).row &&
                          ts_node_start_point(a).column == ts_node_start_point(b).column &&
                          ts_node_end_point(a).row == ts_node_end_point(b).row &&
                          ts_node_end_point(a).column == ts_node_end_point(b).column;
  if (ts_node_symbol(a) != ts_node_symbol(b) || ts_node_start_byte(a) != ts_node_start_byte(b) ||
      ts_node_end_byte(a) != ts_node_end_byte(b) || !same_point ||
      ts_node_is_missing(a) != ts_node_is_missing(b) ||
      ts_node_child_count(a) != ts_node_child_count(b)) {
    return std::string(ts_node_type(a)) + " [" + std::to_string(ts_node_start_byte(a)) + ", " +
           std::to_string(ts_node_end_byte(a)) + ") vs " + ts_node_type(b) + " [" +
           std::to_string(ts_node_start_byte(b)) + ", " + std::to_string(ts_node_end_byte(b)) + ")";
  }
  for (std::uint32_t i = 0; i < ts_node_child_count(a); ++i) {
    auto diff = tree_difference(ts_node_child(a, i), ts_node_child(b, i));
    if (!diff.empty()) return diff;
  }
  return {};
}

inline void check_same_tree(const TSTree* edited, const TSTree* fresh, const std::string& text) {
  LW_FUZZ_CHECK(edited != nullptr && fresh != nullptr);
  const TSNode a = ts_tree_root_node(edited);
  const TSNode b = ts_tree_root_node(fresh);
  const std::string diff = tree_difference(a, b);
  LW_FUZZ_CHECK(diff.empty(), "incremental tree differs from a fresh parse: " + diff +
                                  "\n  text: " + text + "\n  edited: " + node_string(a) +
                                  "\n  fresh:  " + node_string(b));
}

}  // namespace lw::fuzz
