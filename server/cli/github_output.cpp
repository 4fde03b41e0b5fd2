#include <ostream>
#include <string>

#include "server/cli/emitters.h"

namespace lw::server::cli {
namespace {

std::string_view command(analysis::Severity s) {
  switch (s) {
    case analysis::Severity::Error:
      return "error";
    case analysis::Severity::Warning:
      return "warning";
    case analysis::Severity::Information:
    case analysis::Severity::Hint:
      break;
  }
  return "notice";
}

// Workflow-command escaping: the message escapes %, CR and LF; property values also ":" and ",".
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

void write_github(std::span<const OutputDiagnostic> diagnostics, std::ostream& out) {
  for (const OutputDiagnostic& d : diagnostics) {
    out << "::" << command(d.severity) << " file=" << escape(d.filename, true)
        << ",line=" << d.location.row << ",col=" << d.location.column
        << ",endLine=" << d.end_location.row << ",endColumn=" << d.end_location.column
        << ",title=" << analysis::rule_info(d.rule).code << "::" << escape(d.message, false)
        << '\n';
  }
}

}  // namespace lw::server::cli
