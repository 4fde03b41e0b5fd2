#include "server/cli/cache_format.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lw::server::cli {
namespace {

using json = nlohmann::json;

constexpr int kFormat = 1;

// A field added to OutputDiagnostic (or its parts) must be written and read here too, or
// cached runs would print less than fresh ones: these mirrors make the build fail first.
struct WrittenEdit {
  std::string content;
  TextPosition location, end_location;
};
struct WrittenFix {
  analysis::Applicability applicability;
  std::string message;
  std::vector<OutputEdit> edits;
};
struct WrittenRelated {
  std::string filename;
  TextPosition location, end_location;
  std::string message;
  std::optional<std::uint32_t> cell;  // not stored: set after the pipeline (notebook_rows.h)
};
struct WrittenDiagnostic {
  analysis::RuleId rule;
  analysis::Severity severity;
  std::string message, filename;
  TextPosition location, end_location;
  std::optional<OutputFix> fix;
  std::vector<OutputRelated> related;
  std::optional<std::uint32_t> cell;  // not stored: set after the pipeline (notebook_rows.h)
};
static_assert(sizeof(WrittenDiagnostic) == sizeof(OutputDiagnostic), "cache_format.cpp: new field");
static_assert(sizeof(WrittenFix) == sizeof(OutputFix), "cache_format.cpp: new field");
static_assert(sizeof(WrittenEdit) == sizeof(OutputEdit), "cache_format.cpp: new field");
static_assert(sizeof(WrittenRelated) == sizeof(OutputRelated), "cache_format.cpp: new field");

json position(const TextPosition& p) { return json::array({p.row, p.column}); }

TextPosition read_position(const json& j) {
  return TextPosition{j.at(0).get<std::uint32_t>(), j.at(1).get<std::uint32_t>()};
}

json diagnostic(const OutputDiagnostic& d) {
  json j{{"rule", analysis::rule_info(d.rule).code},
         {"severity", static_cast<int>(d.severity)},
         {"message", d.message},
         {"filename", d.filename},
         {"at", position(d.location)},
         {"end", position(d.end_location)}};
  if (d.fix) {
    json edits = json::array();
    for (const OutputEdit& e : d.fix->edits) {
      edits.push_back({{"content", e.content},
                       {"at", position(e.location)},
                       {"end", position(e.end_location)}});
    }
    j["fix"] = {{"applicability", static_cast<int>(d.fix->applicability)},
                {"message", d.fix->message},
                {"edits", std::move(edits)}};
  }
  if (!d.related.empty()) {
    json related = json::array();
    for (const OutputRelated& r : d.related) {
      related.push_back({{"filename", r.filename},
                         {"at", position(r.location)},
                         {"end", position(r.end_location)},
                         {"message", r.message}});
    }
    j["related"] = std::move(related);
  }
  return j;
}

OutputDiagnostic read_diagnostic(const json& j) {
  OutputDiagnostic d;
  const auto rule = analysis::find_rule(j.at("rule").get<std::string>());
  if (!rule) throw std::runtime_error("unknown rule");
  d.rule = *rule;
  d.severity = static_cast<analysis::Severity>(j.at("severity").get<int>());
  d.message = j.at("message").get<std::string>();
  d.filename = j.at("filename").get<std::string>();
  d.location = read_position(j.at("at"));
  d.end_location = read_position(j.at("end"));
  if (j.contains("fix")) {
    const json& f = j["fix"];
    OutputFix fix;
    fix.applicability = static_cast<analysis::Applicability>(f.at("applicability").get<int>());
    fix.message = f.at("message").get<std::string>();
    for (const json& e : f.at("edits")) {
      fix.edits.push_back(OutputEdit{e.at("content").get<std::string>(), read_position(e.at("at")),
                                     read_position(e.at("end"))});
    }
    d.fix = std::move(fix);
  }
  if (j.contains("related")) {
    for (const json& r : j["related"]) {
      d.related.push_back(OutputRelated{r.at("filename").get<std::string>(),
                                        read_position(r.at("at")), read_position(r.at("end")),
                                        r.at("message").get<std::string>()});
    }
  }
  return d;
}

}  // namespace

std::string encode_entry(const CacheEntry& entry) {
  json deps = json::array();
  for (const auto& [module, digest] : entry.dependencies) {
    deps.push_back(json::array({module, to_hex(digest)}));
  }
  json diagnostics = json::array();
  for (const OutputDiagnostic& d : entry.diagnostics) diagnostics.push_back(diagnostic(d));
  const FileStamp& s = entry.stamp;
  json j{{"format", kFormat},
         {"path", entry.path},
         {"key", to_hex(entry.key)},
         {"stamp", json::array({s.size, s.mtime_ns, s.ctime_ns, s.inode, s.trusted})},
         {"content", to_hex(entry.content)},
         {"dependencies", std::move(deps)},
         {"diagnostics", std::move(diagnostics)}};
  if (entry.facts.known) {
    json imports = json::array();
    for (const auto& [bound, qualified] : entry.facts.imports.bindings) {
      imports.push_back(json::array({bound, qualified}));
    }
    j["facts"] = {{"complete", entry.facts.imports.complete},
                  {"coroutines", entry.facts.coroutine_heads},
                  {"imports", std::move(imports)}};
  }
  return j.dump();
}

std::optional<CacheEntry> decode_entry(std::string_view bytes) {
  try {
    const json j = json::parse(bytes);
    if (j.at("format").get<int>() != kFormat) return std::nullopt;
    CacheEntry e;
    e.path = j.at("path").get<std::string>();
    e.key = hash_from_hex(j.at("key").get<std::string>());
    const json& s = j.at("stamp");
    e.stamp =
        FileStamp{s.at(0).get<std::uint64_t>(), s.at(1).get<std::int64_t>(),
                  s.at(2).get<std::int64_t>(), s.at(3).get<std::uint64_t>(), s.at(4).get<bool>()};
    e.content = hash_from_hex(j.at("content").get<std::string>());
    for (const json& d : j.at("dependencies")) {
      e.dependencies.emplace_back(d.at(0).get<std::string>(),
                                  hash_from_hex(d.at(1).get<std::string>()));
    }
    for (const json& d : j.at("diagnostics")) e.diagnostics.push_back(read_diagnostic(d));
    if (j.contains("facts")) {
      const json& f = j["facts"];
      e.facts.known = true;
      e.facts.imports.complete = f.at("complete").get<bool>();
      e.facts.coroutine_heads = f.at("coroutines").get<std::vector<std::string>>();
      for (const json& b : f.at("imports")) {
        e.facts.imports.bindings.emplace_back(b.at(0).get<std::string>(),
                                              b.at(1).get<std::string>());
      }
    }
    return e;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace lw::server::cli
