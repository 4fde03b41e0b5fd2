#include "analysis/index/workspace_index.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace lw::analysis::index {
namespace {

constexpr int kMaxReexportHops = 4;

// The qualified name a TypeRef leads to ("method:get:name:kit.http.Client" -> "kit.http.Client").
std::string_view ref_name(std::string_view ref) {
  auto colon = ref.rfind(':');
  return colon == std::string_view::npos ? ref : ref.substr(colon + 1);
}

}  // namespace

void WorkspaceIndex::update(ModuleSummary summary) {
  remove_path(summary.path);
  erase_state(summary.path);  // also a pathless summary's
  std::string name = summary.module;
  std::string path = summary.path;
  auto& list = modules_[name];
  if (path.empty()) {  // a summary without a path replaces the previous pathless one
    list.erase(
        std::remove_if(list.begin(), list.end(), [](const auto& m) { return m->path.empty(); }),
        list.end());
  }
  for (const auto& [attribute, type] : summary.state) {
    state_[attribute].push_back(StateAssignment{path, type});
  }
  list.push_back(std::make_shared<const ModuleSummary>(std::move(summary)));
  if (!path.empty()) module_by_path_[path] = name;
}

std::vector<WorkspaceIndex::StateAssignment> WorkspaceIndex::state(std::string_view name) const {
  if (observer_) observer_(kEveryModule);  // any module may assign it
  auto it = state_.find(std::string(name));
  if (it == state_.end()) return {};
  return it->second;
}

void WorkspaceIndex::erase_state(std::string_view path) {
  for (auto st = state_.begin(); st != state_.end();) {
    auto& list = st->second;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const StateAssignment& a) { return a.path == path; }),
               list.end());
    st = list.empty() ? state_.erase(st) : std::next(st);
  }
}

void WorkspaceIndex::remove_path(std::string_view path) {
  erase_state(path);
  auto it = module_by_path_.find(std::string(path));
  if (it == module_by_path_.end()) return;
  auto m = modules_.find(it->second);
  if (m != modules_.end()) {
    auto& list = m->second;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const auto& summary) { return summary->path == path; }),
               list.end());
    if (list.empty()) modules_.erase(m);
  }
  module_by_path_.erase(it);
}

std::size_t WorkspaceIndex::function_count() const {
  std::size_t n = 0;
  for (const auto& [name, list] : modules_) {
    for (const auto& m : list) n += m->functions.size();
  }
  return n;
}

const ModuleSummary* WorkspaceIndex::module(std::string_view name) const {
  if (observer_) observer_(name);
  auto it = modules_.find(std::string(name));
  // Two files claiming one module name (two `tool.py` scripts in different folders) make
  // the name ambiguous: it resolves to nothing rather than to a guess.
  if (it == modules_.end() || it->second.size() != 1) return nullptr;
  return it->second.front().get();
}

void WorkspaceIndex::for_each_module(const std::function<void(const ModuleSummary&)>& fn) const {
  if (observer_) observer_(kEveryModule);
  for (const auto& [name, list] : modules_) {
    for (const auto& m : list) fn(*m);
  }
}

const ModuleSummary* WorkspaceIndex::module_for_path(std::string_view path) const {
  auto it = module_by_path_.find(std::string(path));
  return it == module_by_path_.end() ? nullptr : module(it->second);
}

FunctionRef WorkspaceIndex::find_function(std::string_view qualified,
                                          const ModuleSummary* overlay) const {
  std::string name(qualified);
  auto module_named = [&](std::string_view m) -> const ModuleSummary* {
    if (overlay != nullptr && overlay->module == m) return overlay;
    return module(m);
  };
  for (int hop = 0; hop <= kMaxReexportHops; ++hop) {
    // Same-file functions of a module without a name are qualified by their bare name.
    if (overlay != nullptr && overlay->module.empty()) {
      if (const auto* f = overlay->find(name)) return FunctionRef{overlay, f};
    }
    // Try every split "module.rest", longest module first.
    bool redirected = false;
    for (auto dot = name.rfind('.'); dot != std::string::npos && dot > 0;
         dot = name.rfind('.', dot - 1)) {
      const ModuleSummary* m = module_named(std::string_view(name).substr(0, dot));
      if (m == nullptr) continue;
      if (const auto* f = m->find(name)) return FunctionRef{m, f};
      std::string_view rest = std::string_view(name).substr(dot + 1);
      if (rest.find('.') != std::string_view::npos) return {};
      for (const auto& [local, target] : m->imports) {
        if (local == rest && target != name) {
          name = target;
          redirected = true;
          break;
        }
      }
      break;
    }
    if (!redirected) return {};
  }
  return {};
}

std::vector<ChainHop> blocking_chain(const WorkspaceIndex& index, FunctionRef start,
                                     const ModuleSummary* overlay, const TypedCallResolver* typed) {
  if (!start || start.function->is_async) return {};
  struct Visit {
    FunctionRef function;
    const FunctionSummary* parent;
    const CallEdge* edge;  // the parent's call that led here
    std::string callee;    // that call's callee, for messages
  };
  std::unordered_map<const FunctionSummary*, Visit> seen;
  std::deque<FunctionRef> queue;
  seen.emplace(start.function, Visit{start, nullptr, nullptr, {}});
  queue.push_back(start);
  // start -> ... -> f, then f's blocking call.
  const auto chain_to = [&](FunctionRef f, ByteRange call, std::string name) {
    std::vector<ChainHop> reversed;
    reversed.push_back(ChainHop{f, call, std::move(name)});
    for (const FunctionSummary* cur = f.function;;) {
      const Visit& v = seen.at(cur);
      if (v.parent == nullptr) break;
      const Visit& pv = seen.at(v.parent);
      reversed.push_back(ChainHop{pv.function, v.edge->range, v.callee});
      cur = v.parent;
    }
    return std::vector<ChainHop>(reversed.rbegin(), reversed.rend());
  };
  const auto last_component = [](std::string_view target) {
    auto dot = target.rfind('.');
    return std::string(dot == std::string_view::npos ? target : target.substr(dot + 1));
  };
  while (!queue.empty()) {
    FunctionRef f = queue.front();
    queue.pop_front();
    if (f.function->blocking) {
      return chain_to(f, f.function->blocking->range, f.function->blocking->name);
    }
    for (const auto& edge : f.function->calls) {
      std::string_view target = edge.target;
      TypedCallResolver::Result resolved;
      if (target.empty()) {
        if (typed == nullptr || edge.receiver.empty()) continue;
        resolved = typed->resolve(edge);
        if (resolved.blocking) return chain_to(f, edge.range, resolved.blocking->name);
        target = resolved.target;
        if (target.empty()) continue;
      }
      FunctionRef g = index.find_function(target, overlay);
      if (!g && typed != nullptr && edge.receiver.empty()) {
        // `catalog.by_sku()` after `from app.services import catalog`: a method of another
        // module's object, not a function of a module.
        const auto dot = target.rfind('.');
        if (dot == std::string_view::npos) continue;
        CallEdge method{{},
                        edge.range,
                        "value:" + std::string(target.substr(0, dot)),
                        std::string(target.substr(dot + 1))};
        resolved = typed->resolve(method);
        if (resolved.blocking) return chain_to(f, edge.range, resolved.blocking->name);
        if (resolved.target.empty()) continue;
        g = index.find_function(resolved.target, overlay);
      }
      if (!g || g.function->is_async || seen.count(g.function) != 0) continue;
      seen.emplace(g.function, Visit{g, f.function, &edge,
                                     edge.method.empty() ? last_component(target) : edge.method});
      queue.push_back(g);
    }
  }
  return {};
}

bool depends_on(const WorkspaceIndex& index, const ModuleSummary& from, std::string_view module) {
  if (module == WorkspaceIndex::kStateModule) return from.reads_state;
  // (concurrency) LW208 of `from` reads the value uses of the modules that import it.
  if (!from.module.empty()) {
    if (const ModuleSummary* changed = index.module(module)) {
      const std::string prefix = from.module + ".";
      for (const auto& [bound, target] : changed->imports) {
        if (target == from.module || target.starts_with(prefix)) return true;
      }
      for (const auto& use : changed->value_uses) {
        if (use.starts_with(prefix)) return true;
      }
    }
  }
  std::unordered_set<std::string> seen{from.module};
  std::deque<const ModuleSummary*> queue{&from};
  // Every dotted prefix of a referenced name may be a module: "pkg.helpers.load" names
  // "pkg.helpers.load", "pkg.helpers" and "pkg".
  const auto visit = [&](std::string_view name) {
    while (!name.empty()) {
      if (name == module) return true;
      if (!seen.contains(std::string(name))) {
        seen.emplace(name);
        if (const ModuleSummary* next = index.module(name)) queue.push_back(next);
      }
      const auto dot = name.rfind('.');
      if (dot == std::string_view::npos) break;
      name = name.substr(0, dot);
    }
    return false;
  };
  while (!queue.empty()) {
    const ModuleSummary* current = queue.front();
    queue.pop_front();
    for (const auto& [local, qualified] : current->imports) {
      if (visit(qualified)) return true;
    }
    for (const FunctionSummary& function : current->functions) {
      for (const CallEdge& call : function.calls) {
        if (visit(call.target) || visit(ref_name(call.receiver))) return true;
      }
      if (visit(ref_name(function.result))) return true;
    }
    for (const auto& [name, ref] : current->variables) {
      if (visit(ref_name(ref))) return true;
    }
    for (const ClassSummary& c : current->classes) {
      for (const std::string& base : c.bases) {
        if (visit(base)) return true;
      }
      for (const auto& [name, ref] : c.attributes) {
        if (visit(ref_name(ref))) return true;
      }
    }
  }
  return false;
}

}  // namespace lw::analysis::index
