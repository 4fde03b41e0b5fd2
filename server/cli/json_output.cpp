#include <nlohmann/json.hpp>
#include <ostream>

#include "analysis/rules/catalog.h"
#include "server/cli/emitters.h"

namespace lw::server::cli {
namespace {

using Json = nlohmann::ordered_json;

Json position(const TextPosition& p) { return Json{{"row", p.row}, {"column", p.column}}; }

Json fix_json(const std::optional<OutputFix>& fix) {
  if (!fix) return nullptr;
  Json edits = Json::array();
  for (const OutputEdit& e : fix->edits) {
    edits.push_back(Json{{"content", e.content},
                         {"location", position(e.location)},
                         {"end_location", position(e.end_location)}});
  }
  return Json{{"applicability", applicability_name(fix->applicability)},
              {"message", fix->message},
              {"edits", std::move(edits)}};
}

Json diagnostic_json(const OutputDiagnostic& d) {
  const analysis::RuleInfo& rule = analysis::rule_info(d.rule);
  Json related = Json::array();
  for (const OutputRelated& r : d.related) {
    related.push_back(
        Json{{"filename", r.filename}, {"location", position(r.location)}, {"message", r.message}});
  }
  return Json{{"code", rule.code},
              {"name", rule.name},
              {"severity", analysis::to_string(d.severity)},
              {"message", d.message},
              {"filename", d.filename},
              {"location", position(d.location)},
              {"end_location", position(d.end_location)},
              {"fix", fix_json(d.fix)},
              {"related", std::move(related)},
              {"url", analysis::rule_docs_url(rule.code)},
              // The row a `# noqa: CODE` comment silences it from: where it starts
              // (analysis/diagnostics/suppression.h).
              {"noqa_row", d.location.row},
              {"cell", d.cell ? Json(*d.cell) : Json(nullptr)}};
}

}  // namespace

void write_json(std::span<const OutputDiagnostic> diagnostics, std::ostream& out) {
  Json array = Json::array();
  for (const OutputDiagnostic& d : diagnostics) array.push_back(diagnostic_json(d));
  out << array.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void write_json_lines(std::span<const OutputDiagnostic> diagnostics, std::ostream& out) {
  for (const OutputDiagnostic& d : diagnostics) {
    out << diagnostic_json(d).dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  }
}

}  // namespace lw::server::cli
