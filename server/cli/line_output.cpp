// One-line formats read by other tools: pylint's parseable format and Azure Pipelines
// logging commands.
#include <ostream>
#include <string>

#include "server/cli/emitters.h"

namespace lw::server::cli {
namespace {

// Azure Pipelines' escaping of logging commands: `%` first, then CR, LF, and in properties
// also `;` and `]`.
std::string azure_escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    if (c == '%') {
      out += "%AZP25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else if (property && c == ';') {
      out += "%3B";
    } else if (property && c == ']') {
      out += "%5D";
    } else {
      out += c;
    }
  }
  return out;
}

std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace

void write_pylint(std::span<const OutputDiagnostic> diagnostics, std::ostream& out) {
  for (const OutputDiagnostic& d : diagnostics) {
    out << d.filename << ':' << d.location.row << ": [" << analysis::rule_info(d.rule).code << "] "
        << one_line(d.message) << '\n';
  }
}

void write_azure(std::span<const OutputDiagnostic> diagnostics, std::ostream& out) {
  for (const OutputDiagnostic& d : diagnostics) {
    // Azure knows two issue types; a warning must not fail the pipeline by itself.
    const std::string_view type = d.severity == analysis::Severity::Error ? "error" : "warning";
    out << "##vso[task.logissue type=" << type << ";sourcepath=" << azure_escape(d.filename, true)
        << ";linenumber=" << d.location.row << ";columnnumber=" << d.location.column
        << ";code=" << analysis::rule_info(d.rule).code << ";]" << azure_escape(d.message, false)
        << '\n';
  }
}

}  // namespace lw::server::cli
