#pragma once
// The output formats of `check`. Every writer takes the diagnostics already sorted
// (output_order) and writes them, and nothing else, to `out`.
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>

#include "server/cli/output_diagnostic.h"

namespace lw::server::cli {

struct TextOutputOptions {
  bool show_summary = true;   // false with --quiet
  bool unsafe_fixes = false;  // `[*]` also marks unsafe fixes
  bool had_errors = false;    // some files could not be checked: never "All checks passed!"
  // `--fix`: diagnostics fixed (the ones listed are what remains): "Found 5 diagnostics
  // (3 fixed, 2 remaining)."
  std::optional<std::size_t> fixed = std::nullopt;
};

// `path:row:col: CODE [*] message` lines, then "Found N diagnostics (M fixable with --fix).",
// "Found N diagnostics (F fixed, R remaining)." after fixes, or, when there are none and
// nothing failed, "All checks passed!".
void write_text(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                const TextOutputOptions& options);

// A JSON array in the shape of INTERFACES.md ("JSON output").
void write_json(std::span<const OutputDiagnostic> diagnostics, std::ostream& out);

// SARIF 2.1.0: one run, every rule of the catalog in tool.driver.rules; `errors` (files that
// could not be checked) become tool execution notifications of the run's invocation.
void write_sarif(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                 std::span<const std::string> errors = {});

// GitHub Actions workflow commands (`::warning file=...,line=...::message`).
void write_github(std::span<const OutputDiagnostic> diagnostics, std::ostream& out);

// --statistics: a count per rule code, most frequent first (JSON array when `json`).
void write_statistics(std::span<const OutputDiagnostic> diagnostics, std::ostream& out, bool json,
                      bool unsafe_fixes);

}  // namespace lw::server::cli
