#pragma once
// Where names are read. The semantic model records bindings, not uses; this index answers
// "which identifiers read this binding?", lazily: a function's body is walked once, the first
// time a rule asks about it, and the whole file once if a rule asks file-wide. Keys are the
// binding lists SemanticModel::lookup returns (every read resolving to the same scope's
// bindings of a name shares one list), so a lookup per identifier is the whole cost.
//
// A read is an identifier in a load position: not an attribute name, keyword-argument name,
// parameter name, import path, def/class name, or the bound identifier of a binding.
// Parameter defaults, annotations, decorators and base classes of a nested def/class are
// read in the enclosing scope, as Python evaluates them.
#include <tree_sitter/api.h>

#include <optional>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/semantic/model.h"

namespace lw::analysis::semantic {

class References {
 public:
  explicit References(const SemanticModel& model);

  struct Reads {
    std::vector<TSNode> own;  // in the function's own body (its comprehensions included)
    bool nested = false;      // also read inside a nested def/lambda/class body
  };
  struct FunctionReads {
    std::unordered_map<const BindingId*, Reads> by_binding;
    bool dynamic = false;  // the body calls locals()/vars()/eval/exec: reads may be hidden
    bool complete = true;  // false when nesting was too deep to walk everything
    const Reads* find(std::span<const BindingId> ids) const;
  };

  // The reads inside the body of the def/lambda scope `function`.
  const FunctionReads& in_function(ScopeId function) const;

  // Every read in the file (nested functions included) of the bindings `ids`.
  std::span<const TSNode> everywhere(std::span<const BindingId> ids) const;
  // False when part of the file was too deeply nested to walk.
  bool everywhere_complete() const;

 private:
  struct FileReads {
    std::unordered_map<const BindingId*, std::vector<TSNode>> by_binding;
    bool complete = true;
  };

  const SemanticModel& model_;
  std::unordered_set<const void*> binding_sites_;
  mutable std::unordered_map<ScopeId, FunctionReads> functions_;
  mutable std::optional<FileReads> file_;
};

}  // namespace lw::analysis::semantic
