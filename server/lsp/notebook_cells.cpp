#include "server/lsp/notebook_cells.h"

#include <algorithm>

namespace lw::server {

std::optional<std::size_t> CellLocator::span_at(std::uint32_t offset) const {
  const auto& spans = join_.spans();
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < spans.size() && spans[i].offset <= offset; ++i) found = i;
  return found;
}

std::uint32_t CellLocator::module_size(std::size_t span) const {
  const auto& spans = join_.spans();
  const std::size_t end =
      span + 1 < spans.size() ? spans[span + 1].offset : join_.module_text().size();
  return static_cast<std::uint32_t>(end - spans[span].offset);
}

std::uint32_t CellLocator::cell_size(std::size_t span) const {
  const std::uint32_t size = module_size(span);
  return join_.spans()[span].ended_with_newline || size == 0 ? size : size - 1;
}

std::uint32_t CellLocator::module_offset(std::size_t span, std::uint32_t cell_offset) const {
  return static_cast<std::uint32_t>(join_.spans()[span].offset) +
         std::min(cell_offset, module_size(span));
}

std::optional<std::size_t> CellLocator::span_of_cell(std::size_t index) const {
  const auto& spans = join_.spans();
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (spans[i].index == index) return i;
  }
  return std::nullopt;
}

std::optional<CellPlace> CellLocator::place_clamped(const analysis::ByteRange& range) const {
  const auto span = span_at(range.start);
  if (!span) return std::nullopt;
  const auto base = static_cast<std::uint32_t>(join_.spans()[*span].offset);
  const std::uint32_t size = cell_size(*span);
  const std::uint32_t start = std::min(range.start - base, size);
  const std::uint32_t end = std::clamp(range.end < base ? start : range.end - base, start, size);
  return CellPlace{*span, {start, end}};
}

std::optional<CellPlace> CellLocator::place_edit(const analysis::ByteRange& range,
                                                 std::string& replacement) const {
  const auto span = span_at(range.start);
  if (!span || range.end < range.start) return std::nullopt;
  const auto base = static_cast<std::uint32_t>(join_.spans()[*span].offset);
  const std::uint32_t start = range.start - base;
  const std::uint32_t end = range.end - base;
  if (end > module_size(*span)) return std::nullopt;  // into the next cell
  const std::uint32_t size = cell_size(*span);
  if (end > size) {  // covers the newline the join added: the cell keeps having none
    if (replacement.ends_with('\n')) replacement.pop_back();
    return CellPlace{*span, {std::min(start, size), size}};
  }
  return CellPlace{*span, {start, end}};
}

}  // namespace lw::server
