#pragma once
// The workspace index as a source of coroutine functions for semantic::CoroutineRegistry:
// `from pkg.helpers import fetch` resolves "pkg.helpers.fetch" through the index (relative
// imports and re-exports included), so a call to an `async def` of another file is known to
// return a coroutine (cross-file LW201), and LW208 knows that a call to a sync function of
// another file is not a forgotten await.
#include <optional>
#include <string>
#include <string_view>

#include "analysis/index/summary.h"
#include "analysis/semantic/coroutines.h"

namespace lw::analysis::index {

class WorkspaceIndex;

class WorkspaceCoroutines final : public semantic::CoroutineSource {
 public:
  // `index` may be null (the file analysed alone): then nothing is known.
  WorkspaceCoroutines(const ModuleIdentity& identity, const WorkspaceIndex* index)
      : identity_(identity), index_(index) {}

  std::optional<bool> is_coroutine_function(std::string_view qualified_name) const override;
  std::string library_of(std::string_view qualified_name) const override;

 private:
  const ModuleIdentity& identity_;
  const WorkspaceIndex* index_;
};

}  // namespace lw::analysis::index
