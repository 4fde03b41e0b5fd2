#pragma once
// LW101-LW108: a call that blocks the event loop, in async context. One generic rule over
// the data tables blocking_calls.inc (LW101-LW107) and the user's `extend-blocking-calls`
// (LW108). Receivers are matched through semantic::TypeResolver.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/rules/rule_context.h"

namespace lw::analysis {

struct BlockingMatch {
  RuleId rule;
  std::string name;  // what is called, for the message: "time.sleep", "Session.get"
  std::string suggestion;
  std::string target;              // what it resolves to: "time.sleep", "requests.Session.get"
  bool iteration = false;          // the loop over the call's result blocks, not the call itself
  std::string receiver_type = {};  // a method's receiver type ("requests.Session"), else ""
};

// The catalog entry a call matches, whatever its context (used by LW109 summaries too).
std::optional<BlockingMatch> match_blocking_call(const RuleContext& ctx, TSNode call,
                                                 semantic::ScopeId scope);

// The catalog entry of method `method` of a receiver of type `type`, without looking at a call
// (LW109 follows calls on receivers typed by another module through this).
std::optional<BlockingMatch> match_blocking_method(std::string_view type, std::string_view method);

// The methods of type `type` that the catalog says block (sorted), for the editor's hover.
std::vector<std::string> blocking_methods_of(std::string_view type);

void check_blocking_call(const RuleContext& ctx, const semantic::Site& site, DiagnosticSink& out);

}  // namespace lw::analysis
