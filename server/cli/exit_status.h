#pragma once

namespace lw::server::cli {

// Exit statuses of the command line (INTERFACES.md "Exit status").
inline constexpr int kExitClean = 0;        // no diagnostics (or --exit-zero)
inline constexpr int kExitDiagnostics = 1;  // diagnostics reported
inline constexpr int kExitError = 2;        // usage, configuration or I/O error

}  // namespace lw::server::cli
