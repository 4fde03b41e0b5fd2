#pragma once
// Import insertion shared by fixes: `import asyncio` placed once after the module docstring,
// `__future__` imports and the leading block of imports.
#include <optional>
#include <string_view>

#include "analysis/diagnostics/diagnostic.h"
#include "analysis/semantic/model.h"

namespace lw::analysis {

// True when `name` used in `scope` already refers to `module` (an `import module`).
bool module_is_bound(const semantic::SemanticModel& model, std::string_view name,
                     std::string_view module, semantic::ScopeId scope);

// The edit that adds `statement` (e.g. "import asyncio") as a new top-level line.
TextEdit insert_import_statement(const semantic::SemanticModel& model, std::string_view statement);

}  // namespace lw::analysis
