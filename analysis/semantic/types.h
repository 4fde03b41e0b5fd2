#pragma once
// Receiver inference: the class of a value, as a canonical type name. Catalog types come from
// known_types.inc ("requests.Session", "pathlib.Path"); a class of the workspace is its
// qualified name ("app.clients.Rates").
//
// A value is typed by a known constructor or factory, `with X() as y`, an annotation
// (`db: Session`, `Annotated[...]`, `Optional[...]`, `X | None`, `IO[str]`), a FastAPI
// `Depends(f)` default whose provider returns/yields a known type, a method or attribute the
// catalog types (`conn.cursor()`, `path.parent`), a conditional expression whose branches agree
// (`None` ignored: `Path(x) if c else None` is a Path), one element of a tuple unpacking of a
// display (`a, b = Path(x), Session()`), and an attribute of an object: what the class body
// annotates or assigns and what any method assigns to `self.x` / `cls.x` (every assignment must
// agree), inherited from base classes.
//
// Names are flow-aware inside their own scope: a use sees the bindings that reach it (the
// latest one whose block encloses the use, plus the later ones of branches in between and of
// an enclosing loop); a name bound in another scope (a closure, the module seen from a
// function) is typed by what all its bindings agree on. An assignment of `None` never
// disagrees.
//
// What other modules know (return annotations, module-level objects, classes, re-exports,
// framework state) comes from an optional TypeSource: the workspace index during an analysis.
// Without one, only this file is known.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/semantic/model.h"

namespace lw::analysis::semantic {

// Types known outside this file. Qualified names are given as SemanticModel::qualified_name
// spells them (".db.engine" for a relative import): the source makes them absolute.
class TypeSource {
 public:
  virtual ~TypeSource() = default;
  // The type of the module-level value `qualified` names ("app.db.engine").
  virtual std::optional<std::string> value_type(std::string_view qualified) const = 0;
  // What calling `qualified` gives: a function's return type, a class's instance type
  // ("app.db.open_session" -> "sqlalchemy.orm.Session"); also "pkg.mod.Class.method".
  virtual std::optional<std::string> call_type(std::string_view qualified) const = 0;
  // The instance type of the class `qualified` names, through re-exports
  // ("kit.db.Session" -> "sqlalchemy.orm.Session", "app.repo.Repo" -> "app.repo.Repo").
  virtual std::optional<std::string> instance_type(std::string_view qualified) const = 0;
  // The type of attribute `name` of instances of the workspace class `type`.
  virtual std::optional<std::string> attribute_type(std::string_view type,
                                                    std::string_view name) const = 0;
  // The type of `request.state.<name>` (also `app.state`, `websocket.state`): what every
  // assignment of the workspace to that attribute agrees on.
  virtual std::optional<std::string> state_type(std::string_view name) const = 0;

  // Where the workspace assigns what value_type / attribute_type / state_type answered (its
  // first assignment), to explain a finding that rests on it.
  struct Origin {
    std::string path;  // as the index names the file
    std::uint32_t start = 0, end = 0;
  };
  virtual std::optional<Origin> value_origin(std::string_view qualified) const = 0;
  virtual std::optional<Origin> attribute_origin(std::string_view type,
                                                 std::string_view name) const = 0;
  virtual std::optional<Origin> state_origin(std::string_view name) const = 0;
};

class TypeResolver {
 public:
  // `module` is the file's dotted module name ("" when unknown): it names the file's classes.
  explicit TypeResolver(const SemanticModel& model, std::string module = {},
                        const TypeSource* workspace = nullptr)
      : model_(model), module_(std::move(module)), workspace_(workspace) {}

  // Canonical class name of the value of `expr` evaluated in `scope`, if known.
  std::optional<std::string> type_of(TSNode expr, ScopeId scope) const;
  // The class an annotation (`type` node or expression) denotes, if known.
  std::optional<std::string> annotation_type(TSNode annotation, ScopeId scope) const;
  // What a call to a function defined in this file returns (or yields), if known.
  std::optional<std::string> function_result_type(TSNode function_definition) const;
  // The type of attribute `name` of instances of `type` (a class of this file or of the
  // workspace, or a catalog type with a typed attribute such as `Path.parent`).
  std::optional<std::string> member_type(std::string_view type, std::string_view name) const;
  // The type name of a class of this file ("app.clients.Rates"), if it has one (classes at
  // module level and nested in classes; not classes defined inside functions).
  std::optional<std::string> class_type_name(TSNode class_definition) const;
  // The class of this file a type name denotes (null node when none).
  TSNode local_class(std::string_view type) const;
  // The first `self.<name> = ...` / class-body binding of attribute `name` of a class of this
  // file (null node when none).
  TSNode local_attribute_site(std::string_view type, std::string_view name) const;
  // The class whose instance `self` / `cls` is: `receiver` must be the first parameter of a
  // method of a class of this file, used in `scope`.
  std::optional<std::string> self_type(TSNode receiver, ScopeId scope) const;

  // `request.state.X` / `app.state.X` / `websocket.state.X` (also `request.app.state.X`): the
  // attribute name X when `target` (an `attribute` node) is one of a framework state object.
  std::string_view state_attribute(TSNode target, ScopeId scope) const;

  const SemanticModel& model() const { return model_; }
  const std::string& module() const { return module_; }
  const TypeSource* workspace() const { return workspace_; }

 private:
  std::optional<std::string> type_of(TSNode expr, ScopeId scope, int depth) const;
  std::optional<std::string> annotation_type(TSNode annotation, ScopeId scope, int depth) const;
  std::optional<std::string> identifier_type(TSNode expr, ScopeId scope, int depth) const;
  std::optional<std::string> attribute_value_type(TSNode expr, ScopeId scope, int depth) const;
  std::optional<std::string> binding_type(const Binding& b, int depth) const;
  std::optional<std::string> unpacked_type(const Binding& b, int depth) const;
  std::optional<std::string> call_type(TSNode call, ScopeId scope, int depth) const;
  // A known_types.inc LW_FUNCTION_OF row: the result depends on the first argument's type.
  std::optional<std::string> argument_typed_call_type(TSNode call, std::string_view qn,
                                                      ScopeId scope, int depth) const;
  std::optional<std::string> function_result_type(TSNode def, int depth) const;
  std::optional<std::string> member_type(std::string_view type, std::string_view name,
                                         int depth) const;
  std::optional<std::string> local_member_type(TSNode cls, std::string_view name, int depth) const;
  // A qualified name as a class: a catalog class, or a class of the workspace / this file.
  std::optional<std::string> instance_of(std::string_view qualified) const;
  // A FastAPI `Depends(provider)` default: the provider's result type.
  std::optional<std::string> depends_type(TSNode default_value, ScopeId scope, int depth) const;
  // The bindings of `ids` that can reach the use `at` (see the header comment).
  std::vector<BindingId> reaching(std::span<const BindingId> ids, TSNode use, ScopeId scope) const;

  // `return x` / `yield x` sites of each function scope, collected on first use.
  const std::vector<const Site*>& result_sites(ScopeId function) const;
  // Attribute assignments of each class, by attribute name (`self.x = ...` in its methods).
  const std::vector<const AttributeAssignment*>* class_assignments(ScopeId cls,
                                                                   std::string_view name) const;
  void index_classes() const;

  const SemanticModel& model_;
  std::string module_;
  const TypeSource* workspace_ = nullptr;
  mutable std::unordered_map<const void*, std::optional<std::string>> function_results_;
  mutable std::unordered_map<ScopeId, std::vector<const Site*>> result_sites_;
  mutable bool result_sites_built_ = false;
  // Classes of this file: type name <-> class scope; `self.x` assignments per class scope.
  mutable bool classes_indexed_ = false;
  mutable std::unordered_map<std::string, ScopeId> class_by_type_;
  mutable std::unordered_map<ScopeId, std::string> type_by_class_;
  mutable std::unordered_map<
      ScopeId, std::unordered_map<std::string_view, std::vector<const AttributeAssignment*>>>
      self_assignments_;
  mutable std::unordered_map<std::string, std::optional<std::string>> members_;
};

// Catalog lookups (known_types.inc).
const std::string* class_type(std::string_view qualified_name);
const std::string* function_type(std::string_view qualified_name);
const std::string* method_type(std::string_view receiver_type, std::string_view method);
const std::string* attribute_type(std::string_view receiver_type, std::string_view attribute);
const std::string* factory_product(std::string_view qualified_name);
// True for a type of the catalog (as opposed to a class of the workspace).
bool is_catalog_type(std::string_view type);

}  // namespace lw::analysis::semantic
