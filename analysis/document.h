#pragma once
// A Python source text and its tree-sitter tree. Edits are applied to the tree with
// ts_tree_edit and an incremental reparse. Parsing never fails: syntax errors become
// ERROR/MISSING nodes and the analysis works on what parses.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct TSTree;
struct TSParser;

namespace lw::analysis {

class Document {
 public:
  explicit Document(std::string text);
  ~Document();
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& text() const { return text_; }
  const TSTree* tree() const { return tree_; }

  // Replaces bytes [start, old_end) with `replacement` and reparses incrementally.
  // Offsets are clamped to the text; start > old_end is treated as an empty range at start.
  void edit(std::uint32_t start, std::uint32_t old_end, std::string_view replacement);
  // Replaces the whole text (full parse).
  void reset(std::string text);

  // An independent copy of the text and the tree (ts_tree_copy: shares the nodes, cheap) for
  // another thread to analyse while this document keeps changing. The copy gets a parser of
  // its own only if it is edited.
  Document snapshot() const;

 private:
  Document(std::string text, TSTree* tree);
  void parse(const TSTree* old_tree);
  std::string text_;
  TSParser* parser_ = nullptr;
  TSTree* tree_ = nullptr;
};

}  // namespace lw::analysis
