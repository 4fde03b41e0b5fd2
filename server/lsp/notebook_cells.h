#pragma once
// Where a byte range of a notebook's module (notebook::CellJoin: the code cells joined, each
// ending with a newline, IPython syntax replaced byte for byte) lies in the notebook's cells.
// A cell starts at its span's offset, so a module offset minus that is the offset in the
// cell's own text; only the newline the join adds to a cell without one has no counterpart.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/diagnostics/diagnostic.h"
#include "server/notebook/notebook.h"

namespace lw::server {

struct CellPlace {
  std::size_t span = 0;       // index into CellJoin::spans()
  analysis::ByteRange range;  // in the cell's own text
};

class CellLocator {
 public:
  explicit CellLocator(const notebook::CellJoin& join) : join_(join) {}

  // The span holding module offset `offset`: the last one starting at or before it (an offset
  // where one cell ends and the next starts is the next cell's start); nullopt without spans.
  std::optional<std::size_t> span_at(std::uint32_t offset) const;

  // A diagnostic's range: the cell of its start; an end in a later cell is cut at the end of
  // the first one.
  std::optional<CellPlace> place_clamped(const analysis::ByteRange& range) const;

  // An edit's range: nullopt when it runs into another cell (not expressible as an edit of
  // one cell document). `replacement` loses the final newline when the range covers the
  // newline the join added.
  std::optional<CellPlace> place_edit(const analysis::ByteRange& range,
                                      std::string& replacement) const;

  // Cell offset -> module offset.
  std::uint32_t module_offset(std::size_t span, std::uint32_t cell_offset) const;
  // The span of the cell at `index` of the notebook (0-based), nullopt when not in the module.
  std::optional<std::size_t> span_of_cell(std::size_t index) const;

  // Bytes of the span in the module, and of the cell's own text (without an added newline).
  std::uint32_t module_size(std::size_t span) const;
  std::uint32_t cell_size(std::size_t span) const;

 private:
  const notebook::CellJoin& join_;
};

}  // namespace lw::server
