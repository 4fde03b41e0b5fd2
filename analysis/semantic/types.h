#pragma once
// Lightweight receiver inference: the class of a local value when it is bound by a known
// constructor (`requests.Session()`, `sqlite3.connect(...)`, a `sessionmaker()` product), by
// `with X() as y`, by a parameter annotation (`db: Session`, `Annotated[Session, ...]`,
// `Optional[...]`, `X | None`) or by a FastAPI `Depends(f)` default whose provider `f` of the
// same file returns/yields a known type. Flow-insensitive: all bindings must agree.
// `await X` has the type of X: the async APIs of known_types.inc are typed by what awaiting
// (or entering) them gives. Attributes of objects (`self.client`) are not tracked.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/semantic/model.h"

namespace lw::analysis::semantic {

class TypeResolver {
 public:
  explicit TypeResolver(const SemanticModel& model) : model_(model) {}

  // Canonical class name of the value of `expr` evaluated in `scope`, if known.
  std::optional<std::string> type_of(TSNode expr, ScopeId scope) const;
  // The class an annotation (`type` node or expression) denotes, if known.
  std::optional<std::string> annotation_type(TSNode annotation, ScopeId scope) const;
  // What a call to a function defined in this file returns (or yields), if known.
  std::optional<std::string> function_result_type(TSNode function_definition) const;

 private:
  std::optional<std::string> type_of(TSNode expr, ScopeId scope, int depth) const;
  std::optional<std::string> annotation_type(TSNode annotation, ScopeId scope, int depth) const;
  std::optional<std::string> binding_type(const Binding& b, int depth) const;
  std::optional<std::string> call_type(TSNode call, ScopeId scope, int depth) const;
  // A known_types.inc LW_FUNCTION_OF row: the result depends on the first argument's type.
  std::optional<std::string> argument_typed_call_type(TSNode call, std::string_view qn,
                                                      ScopeId scope, int depth) const;
  std::optional<std::string> function_result_type(TSNode def, int depth) const;
  // A FastAPI `Depends(provider)` default: the provider's result type.
  std::optional<std::string> depends_type(TSNode default_value, ScopeId scope, int depth) const;

  // `return x` / `yield x` sites of each function scope, collected on first use.
  const std::vector<const Site*>& result_sites(ScopeId function) const;

  const SemanticModel& model_;
  mutable std::unordered_map<const void*, std::optional<std::string>> function_results_;
  mutable std::unordered_map<ScopeId, std::vector<const Site*>> result_sites_;
  mutable bool result_sites_built_ = false;
};

// Catalog lookups (known_types.inc).
const std::string* class_type(std::string_view qualified_name);
const std::string* function_type(std::string_view qualified_name);
const std::string* method_type(std::string_view receiver_type, std::string_view method);
const std::string* factory_product(std::string_view qualified_name);

}  // namespace lw::analysis::semantic
