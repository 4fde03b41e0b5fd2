#include "analysis/index/workspace_coroutines.h"

#include <string>

#include "analysis/index/workspace_index.h"

namespace lw::analysis::index {

std::optional<bool> WorkspaceCoroutines::is_coroutine_function(
    std::string_view qualified_name) const {
  if (index_ == nullptr) return std::nullopt;
  std::string absolute = absolutize(qualified_name, identity_.module, identity_.is_package);
  if (absolute.empty()) return std::nullopt;
  FunctionRef ref = index_->find_function(absolute);
  if (!ref) return std::nullopt;
  return ref.function->is_coroutine;
}

std::string WorkspaceCoroutines::library_of(std::string_view qualified_name) const {
  if (index_ == nullptr) return {};
  std::string absolute = absolutize(qualified_name, identity_.module, identity_.is_package);
  if (absolute.empty()) return {};
  FunctionRef ref = index_->find_function(absolute);
  return ref ? ref.module->library : std::string();
}

}  // namespace lw::analysis::index
