#include "server/config/extend_settings.h"

#include <algorithm>
#include <string>
#include <utility>

namespace lw::server::config {
namespace {

bool given(const ParsedSettings& parsed, std::string_view key) {
  return std::find(parsed.keys.begin(), parsed.keys.end(), key) != parsed.keys.end();
}

template <typename T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

std::string absolute_from(const std::filesystem::path& folder, const std::string& path) {
  return (folder / path).lexically_normal().string();
}

}  // namespace

Settings inherit_settings(Settings base, const std::filesystem::path& base_folder,
                          const ParsedSettings& child) {
  const Settings& c = child.settings;
  if (base.cache_dir) base.cache_dir = absolute_from(base_folder, *base.cache_dir);
  if (base.python && *base.python != "none") base.python = absolute_from(base_folder, *base.python);
  for (std::string& p : base.extra_paths) p = absolute_from(base_folder, p);

  // Lists that add to what the base has (ruff's `extend-*`); handled here, not below.
  ParsedSettings rest = child;
  rest.keys.clear();
  const bool selects = given(child, "select");
  const bool excludes = given(child, "exclude");
  for (const std::string& key : child.keys) {
    if (key == "select") {
      base.select = c.select;
      base.extend_select = c.extend_select;
      base.ignore = c.ignore;
    } else if (key == "extend-select" || key == "ignore" || key == "extend-ignore") {
      if (selects) continue;  // part of the child's new selection
      if (key == "extend-select") append(base.extend_select, c.extend_select);
      if (key != "extend-select" && !(key == "extend-ignore" && given(child, "ignore"))) {
        append(base.ignore, c.ignore);  // `ignore` and `extend-ignore` share one list
      }
    } else if (key == "extend-exclude") {
      if (!excludes) append(base.exclude, c.exclude);
    } else if (key == "extend-include") {
      append(base.extend_include, c.extend_include);
    } else if (key == "extend-fixable") {
      append(base.extend_fixable, c.extend_fixable);
    } else if (key == "extend-blocking-calls") {
      append(base.extend_blocking_calls, c.extend_blocking_calls);
    } else if (key == "extend-async-functions") {
      append(base.extend_async_functions, c.extend_async_functions);
    } else if (key == "severity") {
      append(base.severity, c.severity);  // later entries win at equal specificity
    } else if (key == "extra-paths") {
      append(base.extra_paths, c.extra_paths);
    } else if (key != "extend") {
      rest.keys.push_back(key);
    }
  }
  // An explicit `target-version` beats one read from `requires-python`, wherever it is.
  const bool child_target = c.target_version && !c.target_from_requires_python;
  const bool base_target = base.target_version && !base.target_from_requires_python;
  apply_overrides(base, rest);
  if (child_target || (!base_target && c.target_version)) {
    base.target_version = c.target_version;
    base.target_from_requires_python = c.target_from_requires_python;
  }
  base.extend = c.extend;
  return base;
}

}  // namespace lw::server::config
