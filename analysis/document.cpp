#include "analysis/document.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <utility>

#include "analysis/syntax/python.h"
#include "analysis/text_points.h"

namespace lw::analysis {

Document::Document(std::string text) : text_(std::move(text)), parser_(ts_parser_new()) {
  ts_parser_set_language(parser_, syntax::python_language());
  parse(nullptr);
}

Document::Document(std::string text, TSTree* tree, bool needs_parse)
    : text_(std::move(text)), tree_(tree), needs_parse_(needs_parse) {}

Document Document::unparsed(std::string text) { return Document(std::move(text), nullptr, true); }

Document Document::snapshot() const {
  return Document(text_, tree_ != nullptr ? ts_tree_copy(tree_) : nullptr, needs_parse_);
}

Document::~Document() {
  if (tree_ != nullptr) ts_tree_delete(tree_);
  if (parser_ != nullptr) ts_parser_delete(parser_);
}

Document::Document(Document&& other) noexcept
    : text_(std::move(other.text_)),
      parser_(std::exchange(other.parser_, nullptr)),
      tree_(std::exchange(other.tree_, nullptr)),
      needs_parse_(std::exchange(other.needs_parse_, false)) {}

Document& Document::operator=(Document&& other) noexcept {
  if (this != &other) {
    if (tree_ != nullptr) ts_tree_delete(tree_);
    if (parser_ != nullptr) ts_parser_delete(parser_);
    text_ = std::move(other.text_);
    parser_ = std::exchange(other.parser_, nullptr);
    tree_ = std::exchange(other.tree_, nullptr);
    needs_parse_ = std::exchange(other.needs_parse_, false);
  }
  return *this;
}

void Document::parse(const TSTree* old_tree) {
  if (parser_ == nullptr) {  // a snapshot being edited
    parser_ = ts_parser_new();
    ts_parser_set_language(parser_, syntax::python_language());
  }
  TSTree* fresh = ts_parser_parse_string(parser_, old_tree, text_.data(),
                                         static_cast<std::uint32_t>(text_.size()));
  if (tree_ != nullptr) ts_tree_delete(tree_);
  tree_ = fresh;
  needs_parse_ = false;
}

void Document::reparse() {
  if (needs_parse_ || tree_ == nullptr) parse(tree_);
}

void Document::adopt_tree(Document&& parsed) {
  if (parsed.needs_parse_ || parsed.tree_ == nullptr || parsed.text_.size() != text_.size()) {
    return;  // not a parse of this text
  }
  if (tree_ != nullptr) ts_tree_delete(tree_);
  tree_ = std::exchange(parsed.tree_, nullptr);
  needs_parse_ = false;
}

void Document::edit(std::uint32_t start, std::uint32_t old_end, std::string_view replacement) {
  edit_text(start, old_end, replacement);
  reparse();
}

void Document::edit_text(std::uint32_t start, std::uint32_t old_end, std::string_view replacement) {
  auto size = static_cast<std::uint32_t>(text_.size());
  start = std::min(start, size);
  old_end = std::clamp(old_end, start, size);
  TSInputEdit e{};
  e.start_byte = start;
  e.old_end_byte = old_end;
  e.new_end_byte = start + static_cast<std::uint32_t>(replacement.size());
  e.start_point = point_at(text_, start);
  e.old_end_point =
      point_after(e.start_point, std::string_view(text_).substr(start, old_end - start));
  e.new_end_point = point_after(e.start_point, replacement);
  text_.replace(start, old_end - start, replacement);
  needs_parse_ = true;
  if (tree_ != nullptr) ts_tree_edit(tree_, &e);
}

void Document::reset(std::string text) {
  reset_text(std::move(text));
  reparse();
}

void Document::reset_text(std::string text) {
  text_ = std::move(text);
  if (tree_ != nullptr) ts_tree_delete(tree_);
  tree_ = nullptr;
  needs_parse_ = true;
}

}  // namespace lw::analysis
