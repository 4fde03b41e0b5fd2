#include "server/cli/import_order.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace lw::server::cli {
namespace {

using Graph = std::vector<std::vector<std::size_t>>;

// deps[i]: the inputs claiming a module input i imports (each dotted prefix of the absolute
// name: `from a.b import c` may need a, a.b and a.b.c).
Graph dependencies(const std::vector<analysis::index::ModuleIdentity>& identities,
                   const std::vector<std::optional<ScannedImports>>& imports) {
  std::unordered_map<std::string_view, std::vector<std::size_t>> claimants;
  for (std::size_t i = 0; i < identities.size(); ++i) {
    if (!identities[i].module.empty()) claimants[identities[i].module].push_back(i);
  }
  Graph deps(identities.size());
  for (std::size_t i = 0; i < identities.size(); ++i) {
    if (!imports[i]) continue;
    for (const auto& [bound, qualified] : imports[i]->bindings) {
      const std::string absolute =
          analysis::index::absolutize(qualified, identities[i].module, identities[i].is_package);
      for (std::string_view name = absolute; !name.empty();) {
        if (auto it = claimants.find(name); it != claimants.end()) {
          for (std::size_t j : it->second) {
            if (j != i) deps[i].push_back(j);
          }
        }
        const auto dot = name.rfind('.');
        if (dot == std::string_view::npos) break;
        name = name.substr(0, dot);
      }
    }
    std::sort(deps[i].begin(), deps[i].end());
    deps[i].erase(std::unique(deps[i].begin(), deps[i].end()), deps[i].end());
  }
  return deps;
}

// Tarjan's strongly connected components, iterative (import chains can be long). Components
// come out dependencies first: a component is complete only after every one it reaches.
std::vector<std::size_t> components(const Graph& deps, std::size_t& count) {
  constexpr std::size_t kUnvisited = SIZE_MAX;
  const std::size_t n = deps.size();
  std::vector<std::size_t> index(n, kUnvisited), low(n, 0), component(n, kUnvisited);
  std::vector<bool> on_stack(n, false);
  std::vector<std::size_t> stack;
  std::vector<std::pair<std::size_t, std::size_t>> frames;  // (node, next edge)
  std::size_t counter = 0;
  count = 0;
  for (std::size_t root = 0; root < n; ++root) {
    if (index[root] != kUnvisited) continue;
    frames.emplace_back(root, 0);
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!frames.empty()) {
      auto& [v, edge] = frames.back();
      if (edge < deps[v].size()) {
        const std::size_t w = deps[v][edge++];
        if (index[w] == kUnvisited) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = true;
          frames.emplace_back(w, 0);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const std::size_t done = v;
      frames.pop_back();
      if (!frames.empty()) {
        const std::size_t up = frames.back().first;
        low[up] = std::min(low[up], low[done]);
      }
      if (low[done] == index[done]) {
        std::size_t w = 0;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          component[w] = count;
        } while (w != done);
        ++count;
      }
    }
  }
  return component;
}

}  // namespace

std::vector<std::vector<std::size_t>> import_waves(
    const std::vector<analysis::index::ModuleIdentity>& identities,
    const std::vector<std::optional<ScannedImports>>& imports, std::vector<bool>* in_cycle) {
  const Graph deps = dependencies(identities, imports);
  std::size_t count = 0;
  const std::vector<std::size_t> component = components(deps, count);
  // Members of each component, then its wave: one after the latest wave it depends on.
  std::vector<std::vector<std::size_t>> members(count);
  for (std::size_t i = 0; i < deps.size(); ++i) members[component[i]].push_back(i);
  std::vector<std::size_t> wave(count, 0);
  std::size_t waves = 0;
  for (std::size_t c = 0; c < count; ++c) {  // dependencies first
    for (std::size_t i : members[c]) {
      for (std::size_t j : deps[i]) {
        if (component[j] != c) wave[c] = std::max(wave[c], wave[component[j]] + 1);
      }
    }
    waves = std::max(waves, wave[c] + 1);
  }
  std::vector<std::vector<std::size_t>> out(waves);
  for (std::size_t i = 0; i < deps.size(); ++i) out[wave[component[i]]].push_back(i);
  if (in_cycle != nullptr) {
    in_cycle->assign(deps.size(), false);
    for (std::size_t i = 0; i < deps.size(); ++i) {
      (*in_cycle)[i] = members[component[i]].size() > 1;
    }
  }
  return out;
}

}  // namespace lw::server::cli
