#include <ostream>

#include "server/cli/emitters.h"

namespace lw::server::cli {

void write_text(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                const TextOutputOptions& options) {
  std::size_t fixable = 0;
  for (const OutputDiagnostic& d : diagnostics) {
    const bool can_fix = is_fixable(d, options.unsafe_fixes);
    fixable += can_fix ? 1 : 0;
    out << d.filename << ':' << d.location.row << ':' << d.location.column << ": "
        << analysis::rule_info(d.rule).code << (can_fix ? " [*] " : " ") << d.message << '\n';
  }
  if (!options.show_summary) return;
  const std::size_t fixed = options.fixed.value_or(0);
  if (diagnostics.empty() && fixed == 0 && !options.had_errors) {
    out << "All checks passed!\n";
    return;
  }
  const std::size_t found = diagnostics.size() + fixed;
  out << "Found " << found << (found == 1 ? " diagnostic" : " diagnostics");
  if (fixed > 0) {
    out << " (" << fixed << " fixed, " << diagnostics.size() << " remaining)";
  } else if (fixable > 0) {
    out << " (" << fixable << " fixable with --fix)";
  }
  out << ".\n";
}

}  // namespace lw::server::cli
