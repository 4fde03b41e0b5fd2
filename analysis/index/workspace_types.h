#pragma once
// The workspace index as a source of types for semantic::TypeResolver: return annotations of
// other modules' functions, their module-level objects, classes with their attributes (and
// bases), re-exports at any depth, and the attributes the workspace assigns on framework state
// objects. Reads the TypeRefs of module summaries (summary.h) and resolves them through the
// index; every module it reads goes through WorkspaceIndex::module, so `check` records the
// dependency (cache key, on-demand loading).
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "analysis/index/summary.h"
#include "analysis/semantic/types.h"

namespace lw::analysis::index {

class WorkspaceIndex;

class WorkspaceTypes final : public semantic::TypeSource {
 public:
  // `overlay`: the analysed file's own summary, fresher than the index's copy (may be null).
  WorkspaceTypes(const ModuleIdentity& identity, const WorkspaceIndex* index,
                 const ModuleSummary* overlay = nullptr)
      : identity_(identity), index_(index), overlay_(overlay) {}

  std::optional<std::string> value_type(std::string_view qualified) const override;
  std::optional<std::string> call_type(std::string_view qualified) const override;
  std::optional<std::string> instance_type(std::string_view qualified) const override;
  std::optional<std::string> attribute_type(std::string_view type,
                                            std::string_view name) const override;
  std::optional<std::string> state_type(std::string_view name) const override;
  std::optional<Origin> value_origin(std::string_view qualified) const override;
  std::optional<Origin> attribute_origin(std::string_view type,
                                         std::string_view name) const override;
  std::optional<Origin> state_origin(std::string_view name) const override;

  // The summary of the workspace class `type` (null when none).
  const ClassSummary* find_class(std::string_view type) const;

  // Which context-manager protocol the workspace (or library) class `type` implements, its
  // own methods first, then its bases': `__enter__` and/or `__aenter__`.
  struct ContextProtocol {
    bool sync = false;
    bool async = false;
    std::string library = {};  // the installed library defining it ("" for the workspace)
  };
  std::optional<ContextProtocol> context_protocol(std::string_view type, int depth = 0) const;

  // Resolves a TypeRef read from a summary to a canonical type.
  std::optional<std::string> resolve(std::string_view ref, int depth = 0) const;

 private:
  std::optional<std::string> value(std::string_view qualified, int depth) const;
  std::optional<std::string> call(std::string_view qualified, int depth) const;
  std::optional<std::string> instance(std::string_view qualified, int depth) const;
  std::optional<std::string> attribute(std::string_view type, std::string_view name,
                                       int depth) const;
  // The module a qualified name lies in (the longest known prefix) and the rest.
  std::pair<const ModuleSummary*, std::string_view> split(std::string_view qualified) const;
  // The re-export target of `rest` in `module` ("" when it imports no such name).
  static std::string_view reexport(const ModuleSummary& module, std::string_view rest);

  const ModuleIdentity& identity_;
  const WorkspaceIndex* index_;
  const ModuleSummary* overlay_;
};

}  // namespace lw::analysis::index
