#include "server/workspace/summary_codec.h"

namespace lw::analysis {

static void to_json(nlohmann::json& j, const ByteRange& r) { j = {r.start, r.end}; }
static void from_json(const nlohmann::json& j, ByteRange& r) {
  r.start = j.at(0).get<std::uint32_t>();
  r.end = j.at(1).get<std::uint32_t>();
}

}  // namespace lw::analysis

namespace lw::analysis::index {
namespace {

using nlohmann::json;

std::string rule_code(RuleId id) { return std::string(rule_info(id).code); }
RuleId rule_of(const json& j) {
  const auto id = find_rule(j.get<std::string>());
  if (!id) throw std::invalid_argument("unknown rule");
  return *id;
}

}  // namespace

static void to_json(json& j, const BlockingCall& b) {
  j = {{"rule", rule_code(b.rule)}, {"name", b.name}, {"range", b.range}};
}
static void from_json(const json& j, BlockingCall& b) {
  b.rule = rule_of(j.at("rule"));
  j.at("name").get_to(b.name);
  j.at("range").get_to(b.range);
}
// Plain field-by-field objects (a missing field throws, and decode_summary refuses the entry).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CallEdge, target, range, receiver, method)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ClassSummary, qualified, bases, attributes, name_range)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TypeOrigin, name, range)
static void to_json(json& j, const FunctionSummary& f) {
  j = {{"qualified", f.qualified},
       {"name", f.name},
       {"is_async", f.is_async},
       {"is_coroutine", f.is_coroutine},
       {"name_range", f.name_range},
       {"blocking", f.blocking ? json(*f.blocking) : json(nullptr)},
       {"calls", f.calls},
       {"result", f.result},
       {"opens", f.opens},
       {"dependencies", f.dependencies},
       {"never_suspends", f.never_suspends},
       {"never_awaitable", f.never_awaitable}};
}
static void from_json(const json& j, FunctionSummary& f) {
  j.at("qualified").get_to(f.qualified);
  j.at("name").get_to(f.name);
  j.at("is_async").get_to(f.is_async);
  j.at("is_coroutine").get_to(f.is_coroutine);
  j.at("name_range").get_to(f.name_range);
  if (!j.at("blocking").is_null()) f.blocking = j.at("blocking").get<BlockingCall>();
  j.at("calls").get_to(f.calls);
  j.at("result").get_to(f.result);
  j.at("opens").get_to(f.opens);
  j.at("dependencies").get_to(f.dependencies);
  j.at("never_suspends").get_to(f.never_suspends);
  j.at("never_awaitable").get_to(f.never_awaitable);
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ModuleSummary, module, path, is_package, library, functions,
                                   imports, variables, classes, state, reads_state, origins,
                                   value_uses)

}  // namespace lw::analysis::index

namespace lw::server::workspace {

using analysis::index::ModuleSummary;
using nlohmann::json;

// Every field of ModuleSummary is encoded: a field added there must be added here too; this
// mirror makes the build fail first.
struct EncodedFields {
  std::string module, path;
  bool is_package;
  std::string library;
  std::vector<analysis::index::FunctionSummary> functions;
  std::vector<std::pair<std::string, std::string>> imports;
  std::vector<std::pair<std::string, analysis::index::TypeRef>> variables;
  std::vector<analysis::index::ClassSummary> classes;
  std::vector<std::pair<std::string, analysis::index::TypeRef>> state;
  bool reads_state;
  std::vector<analysis::index::TypeOrigin> origins;
  std::vector<std::string> value_uses;
};
static_assert(sizeof(EncodedFields) == sizeof(ModuleSummary),
              "ModuleSummary changed: encode the new field in summary_codec.cpp");

json encode_summary(const ModuleSummary& s) { return s; }

std::optional<ModuleSummary> decode_summary(const json& j) {
  try {
    return j.get<ModuleSummary>();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace lw::server::workspace
