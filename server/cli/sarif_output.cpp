#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "analysis/config.h"
#include "analysis/rules/catalog.h"
#include "server/cli/emitters.h"
#include "server/cli/rule_docs.h"

namespace lw::server::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string_view sarif_level(analysis::Severity s) {
  switch (s) {
    case analysis::Severity::Error:
      return "error";
    case analysis::Severity::Warning:
      return "warning";
    case analysis::Severity::Information:
    case analysis::Severity::Hint:
      break;
  }
  return "note";
}

// A file path as a URI reference (RFC 3986): relative paths stay relative, absolute ones
// become file:// URIs; everything outside the unreserved set and "/" is percent-encoded.
std::string artifact_uri(std::string_view path) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string uri = path.starts_with('/') ? "file://" : "";
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      uri += c;
    } else {
      uri += '%';
      uri += kHex[u >> 4U];
      uri += kHex[u & 0xFU];
    }
  }
  return uri;
}

Json region(const TextPosition& start, const TextPosition& end) {
  return Json{{"startLine", start.row},
              {"startColumn", start.column},
              {"endLine", end.row},
              {"endColumn", end.column}};
}

Json location(std::string_view filename, const TextPosition& start, const TextPosition& end) {
  return Json{{"physicalLocation", Json{{"artifactLocation", Json{{"uri", artifact_uri(filename)}}},
                                        {"region", region(start, end)}}}};
}

// SARIF's fix object (3.55): one artifactChange for the file, a replacement per edit. The
// deleted region of an insertion is empty (endColumn == startColumn).
Json fix_json(const OutputDiagnostic& d) {
  Json replacements = Json::array();
  for (const OutputEdit& e : d.fix->edits) {
    replacements.push_back(Json{{"deletedRegion", region(e.location, e.end_location)},
                                {"insertedContent", Json{{"text", e.content}}}});
  }
  return Json{{"description", Json{{"text", d.fix->message}}},
              {"artifactChanges",
               Json::array({Json{{"artifactLocation", Json{{"uri", artifact_uri(d.filename)}}},
                                 {"replacements", std::move(replacements)}}})}};
}

Json rule_descriptor(const analysis::RuleInfo& rule) {
  return Json{{"id", rule.code},
              {"name", rule.name},
              {"shortDescription", Json{{"text", rule.summary}}},
              {"help", Json{{"text", rule.summary}, {"markdown", rule_markdown(rule)}}},
              {"helpUri", analysis::rule_docs_url(rule.code)},
              {"defaultConfiguration", Json{{"level", sarif_level(rule.default_severity)}}}};
}

}  // namespace

void write_sarif(std::span<const OutputDiagnostic> diagnostics, std::ostream& out,
                 std::span<const std::string> errors) {
  Json rules = Json::array();
  std::vector<std::size_t> index_of(analysis::kRuleCount, 0);
  std::size_t index = 0;
  for (const analysis::RuleInfo& rule : analysis::all_rules()) {
    index_of[static_cast<std::size_t>(rule.id)] = index++;
    rules.push_back(rule_descriptor(rule));
  }

  Json results = Json::array();
  const std::vector<std::size_t> occurrences = fingerprint_occurrences(diagnostics);
  for (std::size_t n = 0; n < diagnostics.size(); ++n) {
    const OutputDiagnostic& d = diagnostics[n];
    Json result{{"ruleId", analysis::rule_info(d.rule).code},
                {"ruleIndex", index_of[static_cast<std::size_t>(d.rule)]},
                {"level", sarif_level(d.severity)},
                {"message", Json{{"text", d.message}}},
                {"locations", Json::array({location(d.filename, d.location, d.end_location)})}};
    if (!d.related.empty()) {
      Json related = Json::array();
      for (std::size_t i = 0; i < d.related.size(); ++i) {
        const OutputRelated& r = d.related[i];
        Json loc = location(r.filename, r.location, r.end_location);
        loc["id"] = i;
        loc["message"] = Json{{"text", r.message}};
        related.push_back(std::move(loc));
      }
      result["relatedLocations"] = std::move(related);
    }
    if (d.fix && !d.fix->edits.empty() &&
        d.fix->applicability != analysis::Applicability::DisplayOnly) {
      result["fixes"] = Json::array({fix_json(d)});
    }
    result["partialFingerprints"] =
        Json{{"loopwarden/v1", diagnostic_fingerprint(d, occurrences[n])}};
    results.push_back(std::move(result));
  }

  Json notifications = Json::array();
  for (const std::string& e : errors) {
    notifications.push_back(Json{{"level", "error"}, {"message", Json{{"text", e}}}});
  }
  Json invocation{{"executionSuccessful", errors.empty()}};
  if (!errors.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  const Json sarif{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       Json::array({Json{{"tool", Json{{"driver", Json{{"name", "loopwarden"},
                                                       {"version", LW_VERSION},
                                                       {"informationUri", analysis::kProjectUrl},
                                                       {"rules", std::move(rules)}}}}},
                         {"invocations", Json::array({std::move(invocation)})},
                         {"columnKind", "unicodeCodePoints"},
                         {"results", std::move(results)}}})}};
  out << sarif.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace lw::server::cli
