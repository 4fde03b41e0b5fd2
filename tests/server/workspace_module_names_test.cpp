#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server/workspace/module_names.h"

namespace fs = std::filesystem;
using lw::server::workspace::ModuleNamer;

namespace {

class ModuleNames : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("lw_modnames_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void touch(const fs::path& rel) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << "";
  }
  fs::path root_;
};

TEST_F(ModuleNames, PackagesUpToTheFirstNonPackageFolder) {
  touch("proj/app/__init__.py");
  touch("proj/app/api/__init__.py");
  touch("proj/app/api/routes.py");
  touch("proj/script.py");
  ModuleNamer namer;
  auto id = namer.identify(root_ / "proj/app/api/routes.py", "routes.py");
  EXPECT_EQ(id.module, "app.api.routes");
  EXPECT_FALSE(id.is_package);
  EXPECT_EQ(id.path, "routes.py");
  EXPECT_EQ(namer.identify(root_ / "proj/app/api/__init__.py", "x").module, "app.api");
  EXPECT_TRUE(namer.identify(root_ / "proj/app/api/__init__.py", "x").is_package);
  EXPECT_EQ(namer.identify(root_ / "proj/script.py", "x").module, "script");
}

TEST_F(ModuleNames, SrcLayout) {
  touch("proj/src/mylib/__init__.py");
  touch("proj/src/mylib/core.py");
  ModuleNamer namer;
  EXPECT_EQ(namer.identify(root_ / "proj/src/mylib/core.py", "x").module, "mylib.core");
}

TEST_F(ModuleNames, UnimportableNamesGetNoModule) {
  touch("proj/my-scripts/__init__.py");
  touch("proj/my-scripts/run.py");
  touch("proj/bad-name.py");
  ModuleNamer namer;
  EXPECT_EQ(namer.identify(root_ / "proj/my-scripts/run.py", "x").module, "run");
  EXPECT_EQ(namer.identify(root_ / "proj/bad-name.py", "x").module, "");
}

}  // namespace
