#include "protocol/types/diagnostics.h"

#include "protocol/types/json_read.h"

namespace lw::protocol {

void to_json(json& j, const CodeDescription& c) { j = json{{"href", c.href}}; }
void from_json(const json& j, CodeDescription& c) {
  expect_object(j, "codeDescription");
  c.href = required_field<std::string>(j, "href");
}

void to_json(json& j, const DiagnosticRelatedInformation& r) {
  j = json{{"location", r.location}, {"message", r.message}};
}
void from_json(const json& j, DiagnosticRelatedInformation& r) {
  expect_object(j, "relatedInformation");
  r.location = required_field<Location>(j, "location");
  r.message = required_field<std::string>(j, "message");
}

void to_json(json& j, const Diagnostic& d) {
  j = json{{"range", d.range}, {"message", d.message}};
  if (d.severity) j["severity"] = static_cast<int>(*d.severity);
  if (d.code) std::visit([&j](const auto& code) { j["code"] = code; }, *d.code);
  if (d.code_description) j["codeDescription"] = *d.code_description;
  if (d.source) j["source"] = *d.source;
  if (d.tags) {
    json tags = json::array();
    for (const DiagnosticTag tag : *d.tags) tags.push_back(static_cast<int>(tag));
    j["tags"] = std::move(tags);
  }
  if (d.related_information) j["relatedInformation"] = *d.related_information;
  if (d.data) j["data"] = *d.data;
}

void from_json(const json& j, Diagnostic& d) {
  expect_object(j, "diagnostic");
  d.range = required_field<Range>(j, "range");
  d.message = required_field<std::string>(j, "message");
  d.severity.reset();
  if (const auto severity = optional_field<int>(j, "severity")) {
    if (*severity < 1 || *severity > 4) throw ParamsError("severity: expected 1..4");
    d.severity = static_cast<DiagnosticSeverity>(*severity);
  }
  d.code.reset();
  if (const auto it = j.find("code"); it != j.end() && !it->is_null()) {
    if (it->is_string()) {
      d.code = it->get<std::string>();
    } else {
      d.code = required_field<std::int32_t>(j, "code");
    }
  }
  d.code_description = optional_field<CodeDescription>(j, "codeDescription");
  d.source = optional_field<std::string>(j, "source");
  d.tags.reset();
  if (const auto tags = optional_field<std::vector<int>>(j, "tags")) {
    d.tags.emplace();
    for (const int tag : *tags) {
      if (tag < 0 || tag > 255) throw ParamsError("tags: not a DiagnosticTag");
      d.tags->push_back(static_cast<DiagnosticTag>(tag));
    }
  }
  d.related_information =
      optional_field<std::vector<DiagnosticRelatedInformation>>(j, "relatedInformation");
  d.data.reset();
  if (const auto it = j.find("data"); it != j.end()) d.data = *it;
}

void to_json(json& j, const PublishDiagnosticsParams& p) {
  j = json{{"uri", p.uri}, {"diagnostics", p.diagnostics}};
  if (p.version) j["version"] = *p.version;
}
void from_json(const json& j, PublishDiagnosticsParams& p) {
  expect_object(j, "params");
  p.uri = required_field<std::string>(j, "uri");
  p.version = optional_field<std::int32_t>(j, "version");
  p.diagnostics = required_field<std::vector<Diagnostic>>(j, "diagnostics");
}

}  // namespace lw::protocol
