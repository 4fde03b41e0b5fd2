#include "analysis/index/summary.h"

namespace lw::analysis::index {

const FunctionSummary* ModuleSummary::find(std::string_view qualified) const {
  for (const auto& f : functions) {
    if (f.qualified == qualified) return &f;
  }
  return nullptr;
}

std::string absolutize(std::string_view qualified, std::string_view module, bool is_package) {
  if (qualified.empty() || qualified.front() != '.') return std::string(qualified);
  std::size_t dots = 0;
  while (dots < qualified.size() && qualified[dots] == '.') ++dots;
  std::string_view rest = qualified.substr(dots);
  if (module.empty()) return {};
  std::string base(module);
  // A module's relative imports start from its package; a package's from itself.
  std::size_t levels = is_package ? dots - 1 : dots;
  for (std::size_t i = 0; i < levels; ++i) {
    auto dot = base.rfind('.');
    if (dot == std::string::npos) {
      if (base.empty()) return {};
      base.clear();
    } else {
      base.resize(dot);
    }
  }
  if (base.empty()) return std::string(rest);
  if (rest.empty()) return base;
  return base + "." + std::string(rest);
}

}  // namespace lw::analysis::index
