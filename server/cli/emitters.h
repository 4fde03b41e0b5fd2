#pragma once
// The output formats of `check` (`--output-format`, INTERFACES.md "Added in the second
// wave"), as ruff prints them. Every writer takes the diagnostics already sorted
// (output_order), with paths already relative to the current folder, and writes them, and
// nothing else, to `out`. The summary lines are separate (write_summary).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>

#include "server/cli/output_diagnostic.h"

namespace lw::server::cli {

// The text of a shown file (as the diagnostics name it), for the formats that quote source
// lines; null when it cannot be read (the diagnostic is then shown without its lines).
// In a notebook, `cell` names the cell whose text is wanted.
using SourceLookup = std::function<const std::string*(const std::string& filename,
                                                      std::optional<std::uint32_t> cell)>;

struct HumanOutputOptions {
  bool color = false;                            // ANSI colours (terminal.h decides)
  std::optional<unsigned> width = std::nullopt;  // `full`: cut source lines to this width
  bool unsafe_fixes = false;                     // `[*]` also marks unsafe fixes
  SourceLookup source = {};                      // `full`: the source lines
};

// `full` (the default): `path:row:col: CODE [*] message`, then the source lines with their
// numbers, the range underlined and labelled with the code and severity, a `note:` with its
// own source lines for every related location, and `help:` with the fix title and whether
// the fix is safe. A blank line after each diagnostic.
void write_full(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                const HumanOutputOptions& options);

// `path:row:col: CODE [*] message`, the first line of `full` and `concise`.
std::string diagnostic_header(const OutputDiagnostic& d, bool color, bool unsafe_fixes);

// `concise` (the first wave's `text`): `path:row:col: CODE [*] message`, one line each.
void write_concise(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                   const HumanOutputOptions& options);

// `grouped`: the file name, then `  row:col CODE [*] message` (aligned) for each of its
// diagnostics, a blank line after each file.
void write_grouped(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                   const HumanOutputOptions& options);

struct SummaryOptions {
  bool color = false;
  bool unsafe_fixes = false;
  bool had_errors = false;  // some files could not be checked: never "All checks passed!"
  // `--fix`: diagnostics fixed (the ones listed are what remains).
  std::optional<std::size_t> fixed = std::nullopt;
};

// ruff's summary: "All checks passed!", or "Found N errors." ("Found N errors (F fixed, R
// remaining)." after --fix), then "[*] M fixable with the `--fix` option." with "(K hidden
// fixes can be enabled with the `--unsafe-fixes` option)" when unsafe fixes are not enabled,
// or "No fixes available (K hidden fixes ...)." when only unsafe fixes exist.
void write_summary(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                   const SummaryOptions& options);

// A JSON array in the shape of INTERFACES.md ("JSON output") plus ruff's `noqa_row` and
// `cell` (null outside notebooks).
void write_json(std::span<const OutputDiagnostic> diagnostics, std::ostream& out);
// `json-lines`: the same objects, one per line.
void write_json_lines(std::span<const OutputDiagnostic> diagnostics, std::ostream& out);

// JUnit XML: one <testsuite> per file, one failing <testcase> per diagnostic.
void write_junit(std::span<const OutputDiagnostic> diagnostics, std::ostream& out);

// GitLab Code Quality: a JSON array of issues (description, check_name, fingerprint,
// severity, location.path + location.positions). Paths are relative to $CI_PROJECT_DIR when
// it is set and contains them.
void write_gitlab(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                  const std::optional<std::string>& project_dir);

// pylint's parseable format: `path:row: [CODE] message`.
void write_pylint(std::span<const OutputDiagnostic> diagnostics, std::ostream& out);

// reviewdog's Diagnostic Format (rdjson): one DiagnosticResult with the fixes as suggestions.
void write_rdjson(std::span<const OutputDiagnostic> diagnostics, std::ostream& out);

// Azure Pipelines logging commands: `##vso[task.logissue type=...;sourcepath=...]message`.
void write_azure(std::span<const OutputDiagnostic> diagnostics, std::ostream& out);

// SARIF 2.1.0: one run, every rule of the catalog in tool.driver.rules, each result with
// `fixes` (when it has one) and `partialFingerprints`; `errors` (files that could not be
// checked) become tool execution notifications of the run's invocation.
void write_sarif(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                 std::span<const std::string> errors = {});

// GitHub Actions workflow commands (`::warning title=loopwarden (CODE),file=...::message`).
void write_github(std::span<const OutputDiagnostic> diagnostics, std::ostream& out);

// --statistics: a count per rule code, most frequent first (JSON array when `json`).
void write_statistics(std::span<const OutputDiagnostic> diagnostics, std::ostream& out, bool json,
                      bool unsafe_fixes);

// A fingerprint of a diagnostic that survives edits elsewhere in the file (no row or column
// in it): the code, the file, the message and the occurrence number among identical ones.
// 16 hex digits.
std::string diagnostic_fingerprint(const OutputDiagnostic& d, std::size_t occurrence);

// The occurrence numbers of `diagnostic_fingerprint`: for each diagnostic, how many earlier
// ones share its code, file and message.
std::vector<std::size_t> fingerprint_occurrences(std::span<const OutputDiagnostic> diagnostics);

}  // namespace lw::server::cli
