#include "analysis/index/summary.h"

namespace lw::analysis::index {

const FunctionSummary* ModuleSummary::find(std::string_view qualified) const {
  for (const auto& f : functions) {
    if (f.qualified == qualified) return &f;
  }
  return nullptr;
}

const ClassSummary* ModuleSummary::find_class(std::string_view qualified) const {
  for (const auto& c : classes) {
    if (c.qualified == qualified) return &c;
  }
  return nullptr;
}

bool same_interface(const ModuleSummary& a, const ModuleSummary& b) {
  if (a.module != b.module || a.path != b.path || a.is_package != b.is_package ||
      a.imports != b.imports || a.functions.size() != b.functions.size() ||
      a.variables != b.variables || a.state != b.state || a.reads_state != b.reads_state ||
      a.classes.size() != b.classes.size() || a.value_uses != b.value_uses) {
    return false;
  }
  for (std::size_t i = 0; i < a.classes.size(); ++i) {
    const ClassSummary& c = a.classes[i];
    const ClassSummary& d = b.classes[i];
    if (c.qualified != d.qualified || c.bases != d.bases || c.attributes != d.attributes) {
      return false;
    }
  }
  for (std::size_t i = 0; i < a.functions.size(); ++i) {
    const FunctionSummary& f = a.functions[i];
    const FunctionSummary& g = b.functions[i];
    if (f.qualified != g.qualified || f.name != g.name || f.is_async != g.is_async ||
        f.is_coroutine != g.is_coroutine || f.blocking.has_value() != g.blocking.has_value() ||
        f.result != g.result || f.opens != g.opens || f.dependencies != g.dependencies ||
        f.calls.size() != g.calls.size() || f.never_suspends != g.never_suspends ||
        f.never_awaitable != g.never_awaitable) {
      return false;
    }
    if (f.blocking &&
        (f.blocking->rule != g.blocking->rule || f.blocking->name != g.blocking->name)) {
      return false;
    }
    for (std::size_t c = 0; c < f.calls.size(); ++c) {
      if (f.calls[c].target != g.calls[c].target || f.calls[c].receiver != g.calls[c].receiver ||
          f.calls[c].method != g.calls[c].method) {
        return false;
      }
    }
  }
  return true;
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
