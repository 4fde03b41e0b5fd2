// workspace::environment_settings: the one place `check` and the language server turn the
// configuration (and the editor's settings) into what finds the Python environment.
#include <gtest/gtest.h>

#include "server/workspace/environment_settings.h"

namespace lw::server::workspace {
namespace {

namespace fs = std::filesystem;

TEST(EnvironmentSettings, FileKeysAreRelativeToTheConfigurationFolder) {
  config::Settings file;
  file.python = ".venv";
  file.extra_paths = {"src", "vendor"};
  file.exclude_libraries = {"boto3"};
  const EnvironmentSettings env = environment_settings(file, "/proj");
  EXPECT_EQ(env.python, fs::path("/proj/.venv"));
  EXPECT_EQ(env.extra_paths, (std::vector<fs::path>{"/proj/src", "/proj/vendor"}));
  EXPECT_EQ(env.exclude_libraries, std::vector<std::string>{"boto3"});
}

TEST(EnvironmentSettings, TheEditorsPythonWinsAndListsAddUp) {
  config::Settings file;
  file.python = ".venv";
  file.extra_paths = {"src"};
  file.exclude_libraries = {"boto3"};
  config::Settings editor;
  editor.python = "none";
  editor.extra_paths = {"lib"};
  editor.exclude_libraries = {"*"};
  const EnvironmentSettings env = environment_settings(file, "/proj/sub", &editor, "/proj");
  EXPECT_EQ(env.python, fs::path("none")) << "none stays none";
  EXPECT_EQ(env.extra_paths, (std::vector<fs::path>{"/proj/sub/src", "/proj/lib"}));
  EXPECT_EQ(env.exclude_libraries, (std::vector<std::string>{"boto3", "*"}));
  const config::Settings silent_editor;
  const EnvironmentSettings no_editor_python =
      environment_settings(file, "/proj/sub", &silent_editor, "/proj");
  EXPECT_EQ(no_editor_python.python, fs::path("/proj/sub/.venv"));
}

TEST(EnvironmentSettings, NothingSetFindsTheDefaultEnvironment) {
  const EnvironmentSettings env = environment_settings(config::Settings{}, "/proj");
  EXPECT_FALSE(env.python);
  EXPECT_TRUE(env.extra_paths.empty());
  EXPECT_TRUE(env.exclude_libraries.empty());
}

}  // namespace
}  // namespace lw::server::workspace
