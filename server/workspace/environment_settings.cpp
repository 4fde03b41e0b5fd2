#include "server/workspace/environment_settings.h"

namespace lw::server::workspace {

namespace fs = std::filesystem;

EnvironmentSettings environment_settings(const config::Settings& file, const fs::path& base,
                                         const config::Settings* editor,
                                         const fs::path& editor_root) {
  const auto absolute = [](const fs::path& folder, const std::string& p) {
    return p == "none" ? fs::path("none") : folder / p;
  };
  EnvironmentSettings env;
  if (editor != nullptr && editor->python) {
    env.python = absolute(editor_root, *editor->python);
  } else if (file.python) {
    env.python = absolute(base, *file.python);
  }
  for (const std::string& p : file.extra_paths) env.extra_paths.push_back(base / p);
  env.exclude_libraries = file.exclude_libraries;
  if (editor != nullptr) {
    for (const std::string& p : editor->extra_paths) env.extra_paths.push_back(editor_root / p);
    env.exclude_libraries.insert(env.exclude_libraries.end(), editor->exclude_libraries.begin(),
                                 editor->exclude_libraries.end());
  }
  return env;
}

}  // namespace lw::server::workspace
