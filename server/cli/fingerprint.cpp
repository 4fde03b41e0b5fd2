#include <cstdio>
#include <map>
#include <tuple>

#include "server/cli/content_hash.h"
#include "server/cli/emitters.h"

namespace lw::server::cli {

std::string diagnostic_fingerprint(const OutputDiagnostic& d, std::size_t occurrence) {
  const Hash128 h = Hasher()
                        .add(analysis::rule_info(d.rule).code)
                        .add(d.filename)
                        .add(d.message)
                        .add(static_cast<std::uint64_t>(occurrence))
                        .finish();
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h.a ^ h.b));
  return hex;
}

std::vector<std::size_t> fingerprint_occurrences(std::span<const OutputDiagnostic> diagnostics) {
  std::map<std::tuple<analysis::RuleId, std::string_view, std::string_view>, std::size_t> seen;
  std::vector<std::size_t> out;
  out.reserve(diagnostics.size());
  for (const OutputDiagnostic& d : diagnostics) {
    out.push_back(seen[{d.rule, d.filename, d.message}]++);
  }
  return out;
}

}  // namespace lw::server::cli
