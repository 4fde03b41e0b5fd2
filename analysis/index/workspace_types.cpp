#include "analysis/index/workspace_types.h"

#include <vector>

#include "analysis/index/workspace_index.h"

namespace lw::analysis::index {
namespace {

constexpr int kMaxDepth = 10;

template <typename Pairs>
const std::string* find_pair(const Pairs& pairs, std::string_view key) {
  for (const auto& [k, v] : pairs) {
    if (k == key) return &v;
  }
  return nullptr;
}

}  // namespace

std::pair<const ModuleSummary*, std::string_view> WorkspaceTypes::split(
    std::string_view qualified) const {
  for (auto dot = qualified.rfind('.'); dot != std::string_view::npos && dot > 0;
       dot = qualified.rfind('.', dot - 1)) {
    std::string_view name = qualified.substr(0, dot);
    const ModuleSummary* m = nullptr;
    if (overlay_ != nullptr && overlay_->module == name) {
      m = overlay_;
    } else if (index_ != nullptr) {
      m = index_->module(name);
    }
    if (m != nullptr) return {m, qualified.substr(dot + 1)};
  }
  // A file without a module name qualifies its own classes and functions by their bare names.
  if (overlay_ != nullptr && overlay_->module.empty()) return {overlay_, qualified};
  return {nullptr, {}};
}

std::string_view WorkspaceTypes::reexport(const ModuleSummary& module, std::string_view rest) {
  if (rest.find('.') != std::string_view::npos) return {};
  const std::string* target = find_pair(module.imports, rest);
  return target == nullptr ? std::string_view{} : std::string_view(*target);
}

std::optional<std::string> WorkspaceTypes::resolve(std::string_view ref, int depth) const {
  if (ref.empty() || depth > kMaxDepth) return std::nullopt;
  if (ref.starts_with("name:")) return instance(ref.substr(5), depth + 1);
  if (ref.starts_with("call:")) return call(ref.substr(5), depth + 1);
  if (ref.starts_with("value:")) return value(ref.substr(6), depth + 1);
  const bool member = ref.starts_with("member:");
  if (member || ref.starts_with("method:")) {
    std::string_view rest = ref.substr(7);
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string_view name = rest.substr(0, colon);
    auto receiver = resolve(rest.substr(colon + 1), depth + 1);
    if (!receiver) return std::nullopt;
    if (member) {
      if (const std::string* t = semantic::attribute_type(*receiver, name)) return *t;
      return attribute(*receiver, name, depth + 1);
    }
    if (const std::string* t = semantic::method_type(*receiver, name)) return *t;
    if (semantic::is_catalog_type(*receiver)) return std::nullopt;
    return call(*receiver + "." + std::string(name), depth + 1);
  }
  return std::string(ref);
}

std::optional<std::string> WorkspaceTypes::instance(std::string_view qualified, int depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  if (const std::string* t = semantic::class_type(qualified)) return *t;
  auto [m, rest] = split(qualified);
  if (m == nullptr) return std::nullopt;
  if (m->find_class(qualified) != nullptr) return std::string(qualified);
  std::string_view target = reexport(*m, rest);
  if (target.empty() || target == qualified) return std::nullopt;
  return instance(target, depth + 1);
}

std::optional<std::string> WorkspaceTypes::call(std::string_view qualified, int depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  if (const std::string* t = semantic::class_type(qualified)) return *t;
  if (const std::string* t = semantic::function_type(qualified)) return *t;
  auto [m, rest] = split(qualified);
  if (m == nullptr) return std::nullopt;
  if (const FunctionSummary* f = m->find(qualified)) return resolve(f->result, depth + 1);
  if (m->find_class(qualified) != nullptr) return std::string(qualified);
  if (const std::string* ref = find_pair(m->variables, rest)) {
    // A module-level factory (`SessionLocal = sessionmaker(...)`) called.
    auto t = resolve(*ref, depth + 1);
    constexpr std::string_view kFactory = "factory:";
    if (t && t->starts_with(kFactory)) return t->substr(kFactory.size());
    return std::nullopt;
  }
  if (std::string_view target = reexport(*m, rest); !target.empty() && target != qualified) {
    return call(target, depth + 1);
  }
  // An inherited method: "pkg.mod.Class.method" defined by a base of Class.
  auto dot = qualified.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  if (const ClassSummary* c = m->find_class(qualified.substr(0, dot))) {
    for (const std::string& base : c->bases) {
      auto base_type = instance(base, depth + 1);
      if (!base_type || semantic::is_catalog_type(*base_type)) continue;
      if (auto t = call(*base_type + std::string(qualified.substr(dot)), depth + 1)) return t;
    }
  }
  return std::nullopt;
}

std::optional<std::string> WorkspaceTypes::value(std::string_view qualified, int depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  auto [m, rest] = split(qualified);
  if (m == nullptr) return std::nullopt;
  if (auto dot = rest.find('.'); dot != std::string_view::npos) {
    // `app.clients.rates.http`: an attribute of a module-level object.
    const std::string_view object = qualified.substr(0, qualified.size() - rest.size() + dot);
    auto type = value(object, depth + 1);
    for (std::string_view more = rest.substr(dot + 1); type && !more.empty();) {
      const auto next = more.find('.');
      const std::string_view name = more.substr(0, next);
      if (const std::string* t = semantic::attribute_type(*type, name)) {
        type = *t;
      } else {
        type = attribute(*type, name, depth + 1);
      }
      more = next == std::string_view::npos ? std::string_view{} : more.substr(next + 1);
    }
    return type;
  }
  if (const std::string* ref = find_pair(m->variables, rest)) return resolve(*ref, depth + 1);
  std::string_view target = reexport(*m, rest);
  if (target.empty() || target == qualified) return std::nullopt;
  return value(target, depth + 1);
}

std::optional<std::string> WorkspaceTypes::attribute(std::string_view type, std::string_view name,
                                                     int depth) const {
  if (depth > kMaxDepth || semantic::is_catalog_type(type)) return std::nullopt;
  auto [m, rest] = split(type);
  if (m == nullptr) return std::nullopt;
  const ClassSummary* c = m->find_class(type);
  if (c == nullptr) return std::nullopt;
  if (const std::string* ref = find_pair(c->attributes, name)) return resolve(*ref, depth + 1);
  for (const std::string& base : c->bases) {
    auto base_type = instance(base, depth + 1);
    if (!base_type) continue;
    if (auto t = attribute(*base_type, name, depth + 1)) return t;
  }
  return std::nullopt;
}

std::optional<WorkspaceTypes::ContextProtocol> WorkspaceTypes::context_protocol(
    std::string_view type, int depth) const {
  if (depth > kMaxDepth || semantic::is_catalog_type(type)) return std::nullopt;
  auto [m, rest] = split(type);
  if (m == nullptr) return std::nullopt;
  const ClassSummary* c = m->find_class(type);
  if (c == nullptr) return std::nullopt;
  const std::string prefix = std::string(type) + ".";
  ContextProtocol own{m->find(prefix + "__enter__") != nullptr,
                      m->find(prefix + "__aenter__") != nullptr, m->library};
  if (own.sync || own.async) return own;
  for (const std::string& base : c->bases) {
    auto base_type = instance(base, depth + 1);
    if (!base_type) continue;
    if (auto p = context_protocol(*base_type, depth + 1)) return p;
  }
  return std::nullopt;
}

const ClassSummary* WorkspaceTypes::find_class(std::string_view type) const {
  auto [m, rest] = split(type);
  return m == nullptr ? nullptr : m->find_class(type);
}

std::optional<std::string> WorkspaceTypes::value_type(std::string_view qualified) const {
  std::string absolute = absolutize(qualified, identity_.module, identity_.is_package);
  if (absolute.empty()) return std::nullopt;
  return value(absolute, 0);
}

std::optional<std::string> WorkspaceTypes::call_type(std::string_view qualified) const {
  std::string absolute = absolutize(qualified, identity_.module, identity_.is_package);
  if (absolute.empty()) return std::nullopt;
  return call(absolute, 0);
}

std::optional<std::string> WorkspaceTypes::instance_type(std::string_view qualified) const {
  std::string absolute = absolutize(qualified, identity_.module, identity_.is_package);
  if (absolute.empty()) return std::nullopt;
  return instance(absolute, 0);
}

std::optional<std::string> WorkspaceTypes::attribute_type(std::string_view type,
                                                          std::string_view name) const {
  return attribute(type, name, 0);
}

std::optional<std::string> WorkspaceTypes::state_type(std::string_view name) const {
  // Every assignment of the workspace must agree; the analysed file's own assignments come
  // from its fresh summary rather than the index's copy.
  std::vector<WorkspaceIndex::StateAssignment> all;
  if (index_ != nullptr) all = index_->state(name);
  if (overlay_ != nullptr) {
    std::erase_if(all, [&](const auto& a) { return a.path == overlay_->path; });
    for (const auto& [attribute, type] : overlay_->state) {
      if (attribute == name) all.push_back({overlay_->path, type});
    }
  }
  std::optional<std::string> agreed;
  for (const auto& a : all) {
    auto t = resolve(a.type);
    if (!t || (agreed && *agreed != *t)) return std::nullopt;
    agreed = std::move(t);
  }
  return agreed;
}

}  // namespace lw::analysis::index

namespace lw::analysis::index {
namespace {

std::optional<semantic::TypeSource::Origin> origin_in(const ModuleSummary& m,
                                                      std::string_view name) {
  for (const TypeOrigin& o : m.origins) {
    if (o.name == name) return semantic::TypeSource::Origin{m.path, o.range.start, o.range.end};
  }
  return std::nullopt;
}

}  // namespace

std::optional<semantic::TypeSource::Origin> WorkspaceTypes::value_origin(
    std::string_view qualified) const {
  std::string name = absolutize(qualified, identity_.module, identity_.is_package);
  for (int hop = 0; hop < kMaxDepth && !name.empty(); ++hop) {
    auto [m, rest] = split(name);
    if (m == nullptr) return std::nullopt;
    if (auto o = origin_in(*m, rest)) return o;
    std::string_view target = reexport(*m, rest);
    if (target.empty() || target == name) return std::nullopt;
    name = std::string(target);
  }
  return std::nullopt;
}

std::optional<semantic::TypeSource::Origin> WorkspaceTypes::attribute_origin(
    std::string_view type, std::string_view name) const {
  auto [m, rest] = split(type);
  if (m == nullptr) return std::nullopt;
  auto dot = type.rfind('.');
  std::string key = std::string(dot == std::string_view::npos ? type : type.substr(dot + 1)) + "." +
                    std::string(name);
  return origin_in(*m, key);
}

std::optional<semantic::TypeSource::Origin> WorkspaceTypes::state_origin(
    std::string_view name) const {
  const std::string key = "state." + std::string(name);
  if (overlay_ != nullptr) {
    if (auto o = origin_in(*overlay_, key)) return o;
  }
  if (index_ == nullptr) return std::nullopt;
  for (const auto& a : index_->state(name)) {
    if (const ModuleSummary* m = index_->module_for_path(a.path)) {
      if (auto o = origin_in(*m, key)) return o;
    }
  }
  return std::nullopt;
}

}  // namespace lw::analysis::index
