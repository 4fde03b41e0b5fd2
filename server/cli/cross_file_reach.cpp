#include "server/cli/cross_file_reach.h"

#include <deque>
#include <set>
#include <utility>

namespace lw::server::cli {
namespace {

using State = std::pair<std::string, std::string>;  // (module, name); name "" = any name
constexpr std::string_view kStar = "*";

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// `word` occurs in `text` as a whole identifier.
bool contains_word(std::string_view text, std::string_view word) {
  for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const bool before = at > 0 && identifier_char(text[at - 1]);
    const bool after = at + word.size() < text.size() && identifier_char(text[at + word.size()]);
    if (!before && !after) return true;
  }
  return false;
}

}  // namespace

CrossFileReach::CrossFileReach(const std::vector<analysis::index::ModuleIdentity>& identities,
                               const std::vector<ModuleFacts>& facts)
    : identities_(identities), facts_(facts) {
  for (std::size_t i = 0; i < identities.size(); ++i) {
    const std::string& m = identities[i].module;
    if (m.empty()) continue;
    auto& list = claimants_[m];
    if (list.empty()) {
      for (auto dot = m.find('.'); dot != std::string::npos; dot = m.find('.', dot + 1)) {
        below_[m.substr(0, dot)].push_back(m);
      }
    }
    list.push_back(i);
  }
}

bool CrossFileReach::may_reach_coroutine(std::size_t file, std::string_view text,
                                         std::vector<std::string>& looked_at) const {
  const ModuleFacts& own = facts_[file];
  if (!own.known || !own.imports.complete) return true;
  std::set<State> seen;
  std::deque<State> work;
  auto push = [&](std::string module, std::string name) {
    State s{std::move(module), std::move(name)};
    if (seen.insert(s).second) work.push_back(std::move(s));
  };
  // The states find_function may enter for `qualified` (absolute): its proper module
  // prefixes with the next name; with `attributes`, also the name itself and what is below.
  auto enter = [&](const std::string& qualified, bool attributes) {
    for (auto dot = qualified.find('.'); dot != std::string::npos;
         dot = qualified.find('.', dot + 1)) {
      std::string prefix = qualified.substr(0, dot);
      looked_at.push_back(prefix);
      if (claimants_.count(prefix) == 0) continue;
      const std::size_t next = qualified.find('.', dot + 1);
      push(std::move(prefix),
           qualified.substr(dot + 1,
                            next == std::string::npos ? std::string::npos : next - dot - 1));
    }
    if (!attributes) return;
    looked_at.push_back(qualified);
    looked_at.push_back(qualified + ".*");  // the modules below it (result_cache: a set)
    if (claimants_.count(qualified) != 0) push(qualified, "");
    if (auto it = below_.find(qualified); it != below_.end()) {
      for (const std::string& m : it->second) push(m, "");
    }
  };

  const analysis::index::ModuleIdentity& id = identities_[file];
  for (const auto& [bound, qualified] : own.imports.bindings) {
    if (bound == kStar) continue;  // a star import binds no name the model resolves
    const std::string absolute = analysis::index::absolutize(qualified, id.module, id.is_package);
    if (!absolute.empty()) enter(absolute, true);
  }
  while (!work.empty()) {
    const State state = std::move(work.front());
    work.pop_front();
    const auto it = claimants_.find(state.first);
    for (std::size_t c : it->second) {
      const ModuleFacts& facts = facts_[c];
      if (!facts.known || !facts.imports.complete) return true;
      // Any name: one the file spells (an attribute it reads from the module).
      auto named = [&](const std::string& name) {
        return state.second.empty() ? contains_word(text, name) : name == state.second;
      };
      for (const std::string& head : facts.coroutine_heads) {
        if (named(head)) return true;
      }
      for (const auto& [bound, qualified] : facts.imports.bindings) {
        if (bound == kStar || !named(bound)) continue;
        const std::string absolute = analysis::index::absolutize(qualified, identities_[c].module,
                                                                 identities_[c].is_package);
        if (!absolute.empty()) enter(absolute, false);
      }
    }
  }
  return false;
}

}  // namespace lw::server::cli
