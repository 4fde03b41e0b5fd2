#pragma once
// The order of `check`'s first pass: inputs in waves, each input after the inputs whose modules
// its scanned imports name (import cycles share a wave). Analysed in that order, most files
// find every module their analysis looks up already in the index, so their first analysis is
// final and their parse can be dropped at once instead of being kept for a second analysis.
//
// Only an order: correctness never depends on it (check_pipeline.cpp still analyses again any
// file whose analysis looked up a module not loaded yet), so scanning imports from the text
// (server/cli/import_scan.h, no parse) is precise enough.
#include <cstddef>
#include <optional>
#include <vector>

#include "analysis/index/summary.h"
#include "server/cli/import_scan.h"

namespace lw::server::cli {

// `imports[i]`: the scanned imports of input i, or nothing (not read: no edges). Returns every
// index of `identities` exactly once; within a wave the inputs keep their order. A wave holds
// the inputs whose dependencies are all in earlier waves: modules independent of each other,
// and import cycles whole. With `in_cycle`, (*in_cycle)[i] tells whether input i shares an
// import cycle with another input (it needs its cycle's summaries, from its own wave).
std::vector<std::vector<std::size_t>> import_waves(
    const std::vector<analysis::index::ModuleIdentity>& identities,
    const std::vector<std::optional<ScannedImports>>& imports,
    std::vector<bool>* in_cycle = nullptr);

}  // namespace lw::server::cli
