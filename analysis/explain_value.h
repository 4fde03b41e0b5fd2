#pragma once
// What loopwarden believes a value is, for the editor's hover on a receiver: the type it
// inferred for the identifier or attribute at a position (a catalog type such as
// `sqlalchemy.orm.Session`, or a class of the workspace), the catalog methods of that type
// that block the event loop, and where the type came from when it was inferred away from the
// use (`request.state.db` assigned in another module, `self.http` in `__init__`, an object
// imported from another module): the same provenance a finding's `related` information gives.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/diagnostics/diagnostic.h"
#include "analysis/engine.h"

namespace lw::analysis {

struct ValueExplanation {
  ByteRange range;                            // the identifier or attribute explained
  std::string expression;                     // its text
  std::string type;                           // canonical type name
  bool workspace_class = false;               // a class of the workspace, not of the catalog
  std::vector<std::string> blocking_methods;  // catalog methods that block, sorted
  std::optional<RelatedLocation> origin;      // where it was typed ("" path: this file)
};

// The value at byte `offset` of `doc` (an identifier, or an attribute whose name is under the
// cursor), when its type is known. `file` gives the workspace, as for analyze().
std::optional<ValueExplanation> explain_value_at(const Document& doc,
                                                 const AnalysisOptions& options,
                                                 const FileContext& file, std::uint32_t offset);

}  // namespace lw::analysis
