#pragma once
// The summary of one installed library module (ModuleIdentity::library = "dist version"): what
// `check` (server/cli/on_demand_index.h) and the language server (lsp_libraries.cpp) put in the
// workspace index for a module no workspace file claims. Never analysed for diagnostics.
#include <cstddef>
#include <optional>

#include "analysis/index/summary.h"
#include "server/workspace/python_environment.h"

namespace lw::server::workspace {

// At most this many library modules are summarised per run of `check` and per environment in
// the language server.
inline constexpr std::size_t kLibraryBudget = 2000;

// Reads and summarises the module's installed file; nullopt when it cannot be read or
// decoded (an unreadable library is no library).
std::optional<analysis::index::ModuleSummary> summarize_library(const LibraryModule& module);

}  // namespace lw::server::workspace
