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
  if (diagnostics.empty() && !options.had_errors) {
    out << "All checks passed!\n";
    return;
  }
  out << "Found " << diagnostics.size()
      << (diagnostics.size() == 1 ? " diagnostic" : " diagnostics");
  if (fixable > 0) out << " (" << fixable << " fixable with --fix)";
  out << ".\n";
}

}  // namespace lw::server::cli
