// JUnit XML as ruff writes it (and as Jenkins, GitLab and Azure read it): <testsuites> with
// the totals, one <testsuite> per file, one <testcase> per diagnostic holding a <failure>.
// A clean run is one passing test case, so that a CI report shows the check ran.
#include <ostream>
#include <string>

#include "server/cli/emitters.h"

namespace lw::server::cli {
namespace {

// XML 1.0 text and attribute escaping; control characters XML cannot carry become U+FFFD.
std::string xml(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

void write_junit(std::span<const OutputDiagnostic> diagnostics, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"loopwarden\" tests=\"" << std::max<std::size_t>(diagnostics.size(), 1)
      << "\" failures=\"" << diagnostics.size() << "\" errors=\"0\">\n";
  if (diagnostics.empty()) {
    out << "    <testsuite name=\"loopwarden\" tests=\"1\" disabled=\"0\" errors=\"0\" "
           "failures=\"0\" package=\"org.loopwarden\">\n"
           "        <testcase name=\"No errors found\" classname=\"loopwarden\"/>\n"
           "    </testsuite>\n";
  }
  for (std::size_t begin = 0; begin < diagnostics.size();) {
    std::size_t end = begin;
    while (end < diagnostics.size() && diagnostics[end].filename == diagnostics[begin].filename) {
      ++end;
    }
    const std::string file = xml(diagnostics[begin].filename);
    out << "    <testsuite name=\"" << file << "\" tests=\"" << end - begin
        << "\" disabled=\"0\" errors=\"0\" failures=\"" << end - begin
        << "\" package=\"org.loopwarden\">\n";
    for (std::size_t i = begin; i < end; ++i) {
      const OutputDiagnostic& d = diagnostics[i];
      const std::string message = xml(d.message);
      out << "        <testcase name=\"org.loopwarden." << analysis::rule_info(d.rule).code
          << "\" classname=\"" << file << "\" line=\"" << d.location.row << "\" column=\""
          << d.location.column << "\">\n"
          << "            <failure message=\"" << message << "\" type=\""
          << analysis::to_string(d.severity) << "\">line " << d.location.row << ", col "
          << d.location.column << ", " << message << "</failure>\n"
          << "        </testcase>\n";
    }
    out << "    </testsuite>\n";
    begin = end;
  }
  out << "</testsuites>\n";
}

}  // namespace lw::server::cli
