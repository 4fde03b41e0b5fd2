#pragma once
// A notebook's diagnostics as the output shows them (INTERFACES.md "Notebooks"): the pipeline
// reports rows of the module its code cells make (server/notebook/notebook.h); the output
// names the cell and counts rows from the cell's first line: the diagnostic's range, its fix's
// edits and its related locations in the same notebook. A range or edit that would end in a
// later cell ends at the end of its first cell.
#include <span>

#include "server/cli/output_diagnostic.h"
#include "server/notebook/notebook.h"

namespace lw::server::cli {

void map_to_cells(std::span<OutputDiagnostic> diagnostics, const notebook::CellJoin& cells);

}  // namespace lw::server::cli
