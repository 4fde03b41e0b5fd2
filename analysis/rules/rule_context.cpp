#include "analysis/rules/rule_context.h"

namespace lw::analysis {

ByteRange range_of(TSNode node) {
  return ByteRange{ts_node_start_byte(node), ts_node_end_byte(node)};
}

void DiagnosticSink::report(Diagnostic d) {
  findings_.push_back(Finding{d.rule, d.range});
  if (!options_.rules.contains(d.rule)) return;
  if (can_be_suppressed(d.rule) && suppressions_.suppresses(d.rule, d.range.start)) {
    suppressed_.push_back(Finding{d.rule, d.range});
    return;
  }
  if (auto s = options_.severity_overrides[static_cast<std::size_t>(d.rule)]) d.severity = *s;
  out_.push_back(std::move(d));
}

}  // namespace lw::analysis
