#include "server/cli/prefilter.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <string_view>
#include <utility>

namespace lw::server::cli {
namespace {

struct Tables {
  std::set<std::string> async_types;  // receivers of async methods, async CMs and iterables
  std::vector<std::string> names;     // qualified names matched directly
  std::vector<std::pair<std::string, std::string>> producers;  // (name, type it makes)
  std::vector<std::pair<std::string, std::string>> methods;    // (receiver type, result type)
};

Tables read_tables() {
  Tables t;
  // semantic/async_functions.inc
#define LW_COROUTINE_FUNCTION(name) t.names.emplace_back(name);
#define LW_FUTURE_FUNCTION(name) t.names.emplace_back(name);
#define LW_COROUTINE_METHOD(type, method) t.async_types.emplace(type);
#define LW_KNOWN_MODULE(module)
#include "analysis/semantic/async_functions.inc"
#undef LW_COROUTINE_FUNCTION
#undef LW_FUTURE_FUNCTION
#undef LW_COROUTINE_METHOD
#undef LW_KNOWN_MODULE
  // rules/async_resources.inc: only the async side matters in sync code
#define LW_ASYNC_CM_TYPE(type) t.async_types.emplace(type);
#define LW_ASYNC_CM_METHOD(type, method) t.async_types.emplace(type);
#define LW_ASYNC_ITERABLE_TYPE(type) t.async_types.emplace(type);
#define LW_ASYNC_ITERABLE_METHOD(type, method) t.async_types.emplace(type);
#define LW_SYNC_CM_TYPE(type)
#define LW_SYNC_CM_FUNCTION(name)
#define LW_SYNC_ITERABLE_TYPE(type)
#define LW_ASYNC_RESOURCE(constructor, close, awaitable) t.names.emplace_back(constructor);
#include "analysis/rules/async_resources.inc"
#undef LW_ASYNC_CM_TYPE
#undef LW_ASYNC_CM_METHOD
#undef LW_ASYNC_ITERABLE_TYPE
#undef LW_ASYNC_ITERABLE_METHOD
#undef LW_SYNC_CM_TYPE
#undef LW_SYNC_CM_FUNCTION
#undef LW_SYNC_ITERABLE_TYPE
#undef LW_ASYNC_RESOURCE
  // semantic/known_types.inc: how a value gets one of those types
#define LW_CLASS(name, type) t.producers.emplace_back(name, type);
#define LW_FUNCTION(name, type) t.producers.emplace_back(name, type);
#define LW_FACTORY(name, product) t.producers.emplace_back(name, product);
#define LW_METHOD(type, method, result) t.methods.emplace_back(type, result);
#define LW_ATTRIBUTE(type, attribute, result) t.methods.emplace_back(type, result);
#define LW_FUNCTION_OF(name, argument, result) t.producers.emplace_back(name, result);
#include "analysis/semantic/known_types.inc"
#undef LW_FUNCTION_OF
#undef LW_CLASS
#undef LW_FUNCTION
#undef LW_FACTORY
#undef LW_METHOD
#undef LW_ATTRIBUTE
  // LW303 matches these two constructors (rules/client_per_request.cpp).
  t.async_types.emplace("httpx.AsyncClient");
  t.async_types.emplace("aiohttp.ClientSession");
  return t;
}

// The component an import of `qualified` spells: the first, except for builtins (unbound
// names, spelled only at the use).
std::string spelled(std::string_view qualified) {
  if (qualified.starts_with("builtins.")) return std::string(qualified.substr(9));
  return std::string(qualified.substr(0, qualified.find('.')));
}

std::vector<std::string> compute_tokens() {
  std::set<std::string> tokens = {
      "async",       "await",        "create_task",       "ensure_future",
      "on_event",    "to_thread",    "run_in_threadpool", "run_in_executor",
      "AsyncClient", "ClientSession"};
  Tables t = read_tables();
  // A method returning an async type makes its receiver's producers relevant too.
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [receiver, result] : t.methods) {
      if (t.async_types.count(result) != 0 && t.async_types.insert(receiver).second) grew = true;
    }
  }
  for (const auto& [name, type] : t.producers) {
    if (t.async_types.count(type) != 0) tokens.insert(spelled(name));
  }
  for (const std::string& name : t.names) tokens.insert(spelled(name));
  // "async" covers every token containing it ("asyncio", "asyncpg").
  std::vector<std::string> out;
  for (const std::string& token : tokens) {
    if (token == "async" || token.find("async") == std::string::npos) out.push_back(token);
  }
  // Cheapest first: the common tokens end most scans early.
  std::stable_partition(out.begin(), out.end(),
                        [](const std::string& s) { return s == "async" || s == "await"; });
  return out;
}

bool contains(std::string_view text, std::string_view token) {
  return ::memmem(text.data(), text.size(), token.data(), token.size()) != nullptr;
}

}  // namespace

std::span<const std::string> prefilter_tokens() {
  static const std::vector<std::string> tokens = compute_tokens();
  return tokens;
}

bool may_have_findings(std::string_view text, const analysis::AnalysisOptions& options) {
  for (const std::string& token : prefilter_tokens()) {
    if (contains(text, token)) return true;
  }
  for (const std::string& name : options.extend_async_functions) {
    if (contains(text, spelled(name))) return true;
  }
  return false;
}

}  // namespace lw::server::cli
