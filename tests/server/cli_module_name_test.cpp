#include <gtest/gtest.h>

#include "server/cli/module_name.h"
#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using testing::ScratchDir;

TEST(ModuleNameTest, FollowsPackages) {
  ScratchDir dir;
  dir.write("src/app/__init__.py", "");
  dir.write("src/app/api/__init__.py", "");
  dir.write("src/app/api/routes.py", "");
  dir.write("src/app/main.py", "");
  dir.write("scripts/tool.py", "");
  dir.write("my-dir/__init__.py", "");
  dir.write("my-dir/x.py", "");
  dir.write("src/app/bad-name.py", "");

  const ModuleName routes = module_name(dir.path() / "src/app/api/routes.py");
  EXPECT_EQ(routes.name, "app.api.routes");
  EXPECT_FALSE(routes.is_package);
  EXPECT_EQ(module_name(dir.path() / "src/app/main.py").name, "app.main");
  const ModuleName init = module_name(dir.path() / "src/app/api/__init__.py");
  EXPECT_EQ(init.name, "app.api");
  EXPECT_TRUE(init.is_package);
  EXPECT_EQ(module_name(dir.path() / "scripts/tool.py").name, "tool");
  EXPECT_EQ(module_name(dir.path() / "my-dir/x.py").name, "x");
  EXPECT_EQ(module_name(dir.path() / "my-dir/__init__.py").name, "");
  EXPECT_EQ(module_name(dir.path() / "src/app/bad-name.py").name, "");
}

}  // namespace
}  // namespace lw::server::cli
