#pragma once
// Explains a receiver type inferred away from the call, for the `related` information of a
// finding that rests on it: "`request.state.db` is a `sqlalchemy.orm.Session`: assigned here"
// pointing at the assignment in the middleware module, `self.http` at its `self.http = ...`,
// an object imported from another module at its module-level assignment.
#include <optional>
#include <string_view>

#include "analysis/rules/rule_context.h"

namespace lw::analysis {

std::optional<RelatedLocation> explain_receiver(const RuleContext& ctx, TSNode receiver,
                                                semantic::ScopeId scope, std::string_view type);

}  // namespace lw::analysis
