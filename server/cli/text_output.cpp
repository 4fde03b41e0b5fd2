// The one-line formats for people (`concise`, `grouped`) and ruff's summary lines.
#include <algorithm>
#include <ostream>
#include <string>

#include "server/cli/emitters.h"
#include "server/cli/terminal.h"

namespace lw::server::cli {
namespace {

std::string code_and_mark(const OutputDiagnostic& d, const Painter& paint, bool unsafe_fixes) {
  std::string s = paint(Paint::BoldRed, analysis::rule_info(d.rule).code);
  if (is_fixable(d, unsafe_fixes)) s += " " + paint(Paint::Cyan, "[*]");
  return s;
}

}  // namespace

std::string diagnostic_header(const OutputDiagnostic& d, bool color, bool unsafe_fixes) {
  const Painter paint(color);
  const std::string colon = paint(Paint::Cyan, ":");
  const std::string cell = d.cell ? "cell " + std::to_string(*d.cell) + colon : std::string();
  return paint(Paint::Bold, d.filename) + colon + cell + std::to_string(d.location.row) + colon +
         std::to_string(d.location.column) + colon + " " + code_and_mark(d, paint, unsafe_fixes) +
         " " + d.message;
}

void write_concise(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                   const HumanOutputOptions& options) {
  for (const OutputDiagnostic& d : diagnostics) {
    out << diagnostic_header(d, options.color, options.unsafe_fixes) << '\n';
  }
}

void write_grouped(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                   const HumanOutputOptions& options) {
  const Painter paint(options.color);
  for (std::size_t begin = 0; begin < diagnostics.size();) {
    std::size_t end = begin;
    std::size_t row_width = 1;
    std::size_t column_width = 1;
    while (end < diagnostics.size() && diagnostics[end].filename == diagnostics[begin].filename) {
      const OutputDiagnostic& d = diagnostics[end];
      row_width = std::max(row_width, std::to_string(d.location.row).size() +
                                          (d.cell ? 6 + std::to_string(*d.cell).size() : 0));
      column_width =
          std::max(column_width, std::to_string(diagnostics[end].location.column).size());
      ++end;
    }
    out << paint(Paint::Bold, diagnostics[begin].filename) << paint(Paint::Cyan, ":") << '\n';
    for (std::size_t i = begin; i < end; ++i) {
      const OutputDiagnostic& d = diagnostics[i];
      const std::string row = (d.cell ? "cell " + std::to_string(*d.cell) + ":" : std::string()) +
                              std::to_string(d.location.row);
      const std::string column = std::to_string(d.location.column);
      out << "  " << std::string(row_width - row.size(), ' ') << row << paint(Paint::Cyan, ":")
          << column << std::string(column_width - column.size(), ' ') << ' '
          << code_and_mark(d, paint, options.unsafe_fixes) << ' ' << d.message << '\n';
    }
    out << '\n';
    begin = end;
  }
}

void write_summary(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                   const SummaryOptions& options) {
  const Painter paint(options.color);
  const std::size_t fixed = options.fixed.value_or(0);
  if (diagnostics.empty() && fixed == 0 && !options.had_errors) {
    out << paint(Paint::Green, "All checks passed!") << '\n';
    return;
  }
  std::size_t applicable = 0;
  std::size_t hidden = 0;
  for (const OutputDiagnostic& d : diagnostics) {
    if (is_fixable(d, options.unsafe_fixes)) {
      ++applicable;
    } else if (d.fix && d.fix->applicability == analysis::Applicability::Unsafe) {
      ++hidden;
    }
  }
  const std::size_t found = diagnostics.size() + fixed;
  out << "Found " << found << (found == 1 ? " error" : " errors");
  if (fixed > 0) out << " (" << fixed << " fixed, " << diagnostics.size() << " remaining)";
  out << ".\n";
  const std::string hidden_note = std::to_string(hidden) + " hidden fix" +
                                  (hidden == 1 ? "" : "es") +
                                  " can be enabled with the `--unsafe-fixes` option";
  if (applicable > 0) {
    out << paint(Paint::Cyan, "[*]") << ' ' << applicable << " fixable with the `--fix` option";
    if (hidden > 0) out << " (" << hidden_note << ")";
    out << ".\n";
  } else if (hidden > 0) {
    out << "No fixes available (" << hidden_note << ").\n";
  }
}

}  // namespace lw::server::cli
