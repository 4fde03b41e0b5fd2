#pragma once
// The per-file semantic model, computed once per parse by one cursor walk (builder.cpp) and
// shared by every rule: scopes, bindings, name resolution to qualified names, lightweight
// receiver types, and the sites (calls, with statements, ...) rules subscribe to.
//
// Resolution is flow-insensitive: a name means what *all* its bindings in the resolved scope
// agree on (an assignment of `None`, as in `try: import x / except ImportError: x = None`,
// does not disagree). When bindings disagree the name resolves to nothing: precision first.
#include <tree_sitter/api.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analysis/syntax/navigation.h"
#include "analysis/syntax/python.h"

namespace lw::analysis::semantic {

using ScopeId = std::uint32_t;
using BindingId = std::uint32_t;
inline constexpr ScopeId kModuleScope = 0;
inline constexpr ScopeId kNoScope = UINT32_MAX;

enum class ScopeKind : std::uint8_t { Module, Class, Function, Lambda, Comprehension };

enum class BindingKind : std::uint8_t {
  Import,      // `import a.b` (binds a -> "a"), `import a as b`, `from m import x [as y]`
  Assignment,  // `x = value`, walrus, annotated assignment with a value
  Annotation,  // `x: T` without a value
  Parameter,   // function or lambda parameter
  Function,    // def / async def
  Class,       // class statement
  WithTarget,  // `with value as x`
  ForTarget,   // for / comprehension target
  Other,       // except-as, match captures, augmented assignment, del, star import, ...
};

struct Binding {
  BindingKind kind = BindingKind::Other;
  ScopeId scope = kModuleScope;  // the scope the name is bound in
  TSNode site{};                 // the bound identifier (or the def/class node)
  TSNode value{};                // assignment rhs, with-item value, def/class node
  TSNode annotation{};           // parameter or variable annotation (`type` node)
  TSNode default_value{};        // parameter default
  std::string qualified;         // Import: "requests", "requests.post", ".deps.get_db"
  bool unpacked = false;         // target inside a tuple/list pattern: `value` is not its value
  bool is_async = false;         // Function: `async def`
};

struct Scope {
  ScopeKind kind = ScopeKind::Module;
  ScopeId parent = kNoScope;
  TSNode node{};          // module, function_definition, class_definition, lambda, comprehension
  bool is_async = false;  // Function: `async def`
  std::unordered_map<std::string_view, std::vector<BindingId>> names;
  std::vector<std::string_view> globals;
  std::vector<std::string_view> nonlocals;
};

// Where a site occurs: its scope and whether it runs on the event loop.
struct Context {
  ScopeId scope = kModuleScope;
  // Innermost def/lambda scope whose body contains the site (kModuleScope at module level
  // and in class bodies outside any function).
  ScopeId function = kModuleScope;
  // RULES.md "async context": the body of an `async def` (including its comprehensions),
  // not the body of a nested def, lambda or class; parameter defaults, annotations and
  // decorators of a nested def belong to the enclosing context.
  bool async_context = false;
};

struct Site {
  TSNode node;
  syntax::Kind kind;
  Context context;
};

// An assignment whose target is an attribute (`self.http = requests.Session()`,
// `request.state.db = open_session()`, `self.root: Path = root`), recorded by the walk for the
// type layer: attributes of objects are typed by what the code assigns to them.
struct AttributeAssignment {
  TSNode target;      // the `attribute` node
  TSNode value;       // the right-hand side (null for a bare annotation `self.x: T`)
  TSNode annotation;  // the `type` node of an annotated assignment, else null
  Context context;
};

class SemanticModel {
 public:
  SemanticModel(const TSTree* tree, std::string_view source);

  std::string_view source() const { return source_; }
  const Scope& scope(ScopeId id) const { return scopes_[id]; }
  std::size_t scope_count() const { return scopes_.size(); }
  const Binding& binding(BindingId id) const { return bindings_[id]; }

  // Every import binding with the name it binds, in binding order (`import a.b` binds "a").
  std::span<const std::pair<std::string_view, BindingId>> imports() const { return imports_; }

  // Sites in source order, for the kinds rules subscribe to (calls, with/for statements,
  // awaits, function definitions, except clauses, ...).
  std::span<const Site> sites() const { return sites_; }
  // The sites inside `node` (starting within its bytes), by binary search: sites are in
  // pre-order, so a node's descendants are one contiguous run.
  std::span<const Site> sites_in(TSNode node) const;
  // The parent of every site's node, recorded by the walk, in the same order (for
  // syntax::ParentIndex: rules ask for a site's parent all the time).
  std::span<const syntax::KnownParent> site_parents() const { return site_parents_; }

  // Every assignment to an attribute target, in source order.
  std::span<const AttributeAssignment> attribute_assignments() const {
    return attribute_assignments_;
  }

  // The bindings a use of `name` in scope `from` refers to (Python's LEGB rules: class
  // scopes are only visible from their own body; `global` / `nonlocal` honoured). Empty when
  // the name is unbound in the file (a builtin, or undefined).
  std::span<const BindingId> lookup(std::string_view name, ScopeId from) const;

  // The qualified name an expression refers to through the file's imports:
  // `r.get` -> "requests.get" after `import requests as r`; an unbound builtin `open` ->
  // "builtins.open". Nothing for locals, shadowed names and disagreeing bindings.
  std::optional<std::string> qualified_name(TSNode expr, ScopeId from) const;

  // The scope a def/class/lambda/comprehension node introduces.
  std::optional<ScopeId> scope_of(TSNode scope_node) const;

  // Name of the function a context belongs to ("" at module level).
  std::string_view function_name(const Context& ctx) const;

  // True when the file imports `package` or a module or name inside it (`import a.b`,
  // `from a.b import c` and `import a` all import package "a"; "a.b" is a package too).
  // O(log imports): the prefixes are indexed once per file.
  bool imports_package(std::string_view package) const;

  // True when the walk stopped descending somewhere (nesting deeper than the limit): the
  // sites below are not in the model. The hook for LW001's "too deeply nested" note.
  bool truncated() const { return truncated_; }
  // The first node (in source order) the walk did not descend into: LW001 reports it.
  TSNode truncated_at() const { return truncated_at_; }

 private:
  friend class Builder;
  std::string_view source_;
  std::vector<Scope> scopes_;
  std::vector<Binding> bindings_;
  std::vector<std::pair<std::string_view, BindingId>> imports_;
  std::vector<Site> sites_;
  std::vector<syntax::KnownParent> site_parents_;
  std::vector<AttributeAssignment> attribute_assignments_;
  std::unordered_map<const void*, ScopeId> scope_by_node_;
  std::vector<std::string> imported_packages_;  // every dotted prefix of an import, sorted
  bool truncated_ = false;
  TSNode truncated_at_{};
  void index_imported_packages();
};

// Nesting deeper than this many named nodes is not analysed (pathological generated code);
// the builder's walk stays on the C++ stack, so the limit keeps it far from overflowing even
// under sanitizers.
inline constexpr std::uint32_t kMaxNestingDepth = 1500;

// Python's builtins that the catalogs mention (resolved as "builtins.<name>" when unbound).
bool is_builtin_name(std::string_view name);

}  // namespace lw::analysis::semantic
