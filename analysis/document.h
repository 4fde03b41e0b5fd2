#pragma once
// A Python source text and its tree-sitter tree. Edits are applied to the tree with
// ts_tree_edit and an incremental reparse, at once (edit) or deferred (edit_text: the edits
// accumulate on the tree and one reparse() catches up, so a burst of keystrokes costs one
// parse, not one each). Parsing never fails: syntax errors become ERROR/MISSING nodes and the
// analysis works on what parses.
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
  // A document not parsed yet: its first reparse() parses it (on whatever thread runs it).
  static Document unparsed(std::string text);
  ~Document();
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& text() const { return text_; }
  // The tree of the text; out of date (or null) while needs_parse().
  const TSTree* tree() const { return tree_; }
  bool needs_parse() const { return needs_parse_; }

  // Replaces bytes [start, old_end) with `replacement` and reparses incrementally.
  // Offsets are clamped to the text; start > old_end is treated as an empty range at start.
  void edit(std::uint32_t start, std::uint32_t old_end, std::string_view replacement);
  // The same edit, applied to the tree with ts_tree_edit only: the reparse waits for reparse().
  void edit_text(std::uint32_t start, std::uint32_t old_end, std::string_view replacement);
  // Replaces the whole text (full parse).
  void reset(std::string text);
  // Replaces the whole text; the old tree is dropped and the full parse waits for reparse().
  void reset_text(std::string text);
  // Brings the tree up to date with the text: an incremental parse of the edited tree (a full
  // parse after reset_text or unparsed). Nothing to do when it is up to date.
  void reparse();
  // Takes the tree of `parsed`: a snapshot() of this document, reparsed (on another thread)
  // while this document's text stayed the same.
  void adopt_tree(Document&& parsed);

  // An independent copy of the text and the tree (ts_tree_copy: shares the nodes, cheap) for
  // another thread to analyse while this document keeps changing; an out-of-date tree comes
  // with its edits, for reparse() there. The copy gets a parser of its own only if it parses.
  Document snapshot() const;

 private:
  Document(std::string text, TSTree* tree, bool needs_parse);
  void parse(const TSTree* old_tree);
  std::string text_;
  TSParser* parser_ = nullptr;
  TSTree* tree_ = nullptr;
  bool needs_parse_ = false;
};

}  // namespace lw::analysis
