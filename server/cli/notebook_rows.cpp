#include "server/cli/notebook_rows.h"

#include <algorithm>

namespace lw::server::cli {
namespace {

// Maps a range in place; returns its cell.
std::uint32_t map_range(TextPosition& start, TextPosition& end, const notebook::CellJoin& cells) {
  const notebook::CellRow from = cells.cell_row(start.row);
  const notebook::CellRow to = cells.cell_row(end.row);
  start.row = from.row;
  if (to.cell == from.cell) {
    end.row = to.row;
  } else {  // the range runs into a later cell: it ends with its first cell
    const std::string_view text = cells.cell_display_text(from.cell);
    end =
        TextPosition{static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n')) + 1, 1};
  }
  return from.cell;
}

}  // namespace

void map_to_cells(std::span<OutputDiagnostic> diagnostics, const notebook::CellJoin& cells) {
  for (OutputDiagnostic& d : diagnostics) {
    if (d.cell) continue;
    const std::string filename = d.filename;
    d.cell = map_range(d.location, d.end_location, cells);
    if (d.fix) {
      for (OutputEdit& e : d.fix->edits) map_range(e.location, e.end_location, cells);
    }
    for (OutputRelated& r : d.related) {
      if (r.filename == filename) r.cell = map_range(r.location, r.end_location, cells);
    }
  }
}

}  // namespace lw::server::cli
