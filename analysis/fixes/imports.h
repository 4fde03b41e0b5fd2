#pragma once
// Import insertion shared by fixes. A new import goes once after the module docstring, the
// `__future__` imports and the leading block of imports (after the header comments when the
// file has none); a `from m import x` joins an existing top-level `from m import ...`
// statement. The edits depend only on the file, so two fixes of one file that need the same
// import produce identical edits, which apply_fixes (apply.h) applies once.
#include <optional>
#include <string>
#include <string_view>

#include "analysis/diagnostics/diagnostic.h"
#include "analysis/semantic/model.h"

namespace lw::analysis {

// True when `name` used in `scope` already refers to `module` (an `import module`).
bool module_is_bound(const semantic::SemanticModel& model, std::string_view name,
                     std::string_view module, semantic::ScopeId scope);

// The edit that adds `statement` (e.g. "import asyncio") as a new top-level line.
TextEdit insert_import_statement(const semantic::SemanticModel& model, std::string_view statement);

// True when the file imports `package` or a module under it anywhere (`import fastapi`,
// `from fastapi.responses import JSONResponse`, `import starlette.routing as r`).
bool imports_package(const semantic::SemanticModel& model, std::string_view package);

// How code at byte `at` in `scope` can already refer to `module.member` through the file's
// imports: "to_thread" after `from asyncio import to_thread`, "aio.to_thread" after
// `import asyncio as aio`. An import inside a function counts only before `at` (after it,
// the name is an unassigned local there). Nothing when no visible binding does.
std::optional<std::string> bound_name(const semantic::SemanticModel& model, semantic::ScopeId scope,
                                      std::uint32_t at, std::string_view module,
                                      std::string_view member);

enum class ImportStyle : std::uint8_t {
  Module,  // `import asyncio` and `asyncio.to_thread` (falls back to Member if the name is taken)
  Member,  // `from starlette.concurrency import run_in_threadpool`
};

struct ImportedName {
  std::string expression;        // what to write: "asyncio.to_thread", "run_in_threadpool"
  std::optional<TextEdit> edit;  // the import to add, when nothing binds it yet
};

// How a fix refers to `module.member` at byte `at` in `scope`: an existing binding when
// there is one (bound_name), else a new import in `style`. Nothing when the names it would
// bind are taken.
std::optional<ImportedName> import_name(const semantic::SemanticModel& model,
                                        semantic::ScopeId scope, std::uint32_t at,
                                        std::string_view module, std::string_view member,
                                        ImportStyle style);

// The edit that makes `from module import member` available at top level: `, member` added
// to an existing top-level `from module import ...` (parenthesised multi-line forms get a
// line of their own), else a new statement placed like insert_import_statement.
TextEdit insert_from_import(const semantic::SemanticModel& model, std::string_view module,
                            std::string_view member);

}  // namespace lw::analysis
