// ruff's `include` / `extend-include`: which files of a folder `check` analyses, through the
// built binary (INTERFACES.md "Configuration, as ruff's").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using testing::run_loopwarden;
using testing::RunResult;
using testing::ScratchDir;

constexpr std::string_view kBlocking = "import time\n\n\nasync def f():\n    time.sleep(1)\n";

// The files with findings, as reported.
std::set<std::string> files(const RunResult& r) {
  std::set<std::string> out;
  if (r.out.empty()) return out;
  for (const auto& d : nlohmann::json::parse(r.out)) {
    const std::string name = d["filename"];
    out.insert(name.substr(name.rfind('/') + 1));
  }
  return out;
}

void write_sources(const ScratchDir& dir) {
  dir.write("app.py", kBlocking);
  dir.write("gui.pyw", kBlocking);
  dir.write("stubs.pyi", kBlocking);
  dir.write("scripts/deploy", kBlocking);
  dir.write("notes.txt", kBlocking);
}

constexpr const char* kCheck = "check --no-cache --output-format json --exit-zero .";

TEST(IncludeTest, DefaultIsPythonFilesAndNotebooks) {
  ScratchDir dir;
  write_sources(dir);
  EXPECT_EQ(files(run_loopwarden(dir.path(), kCheck)), (std::set<std::string>{"app.py"}));
}

TEST(IncludeTest, ExtendIncludeAddsToTheDefault) {
  ScratchDir dir;
  write_sources(dir);
  dir.write("loopwarden.toml", "extend-include = [\"*.pyw\", \"scripts/*\"]\n");
  const RunResult r = run_loopwarden(dir.path(), kCheck);
  EXPECT_EQ(files(r), (std::set<std::string>{"app.py", "gui.pyw", "deploy"})) << r.err;
}

TEST(IncludeTest, IncludeReplacesTheDefault) {
  ScratchDir dir;
  write_sources(dir);
  dir.write("pyproject.toml", "[tool.loopwarden]\ninclude = [\"*.pyi\"]\n");
  EXPECT_EQ(files(run_loopwarden(dir.path(), kCheck)), (std::set<std::string>{"stubs.pyi"}));
}

TEST(IncludeTest, InheritedThroughExtendAndNamedFilesAlwaysChecked) {
  ScratchDir dir;
  write_sources(dir);
  dir.write("base.toml", "extend-include = [\"*.pyw\"]\n");
  dir.write("loopwarden.toml", "extend = \"base.toml\"\nextend-include = [\"scripts/*\"]\n");
  EXPECT_EQ(files(run_loopwarden(dir.path(), kCheck)),
            (std::set<std::string>{"app.py", "gui.pyw", "deploy"}));
  // A file named on the command line is checked whatever `include` says.
  const RunResult named =
      run_loopwarden(dir.path(), "check --no-cache --output-format json --exit-zero notes.txt");
  EXPECT_EQ(files(named), (std::set<std::string>{"notes.txt"})) << named.err;
}

TEST(IncludeTest, ABadValueIsAConfigurationError) {
  ScratchDir dir;
  write_sources(dir);
  dir.write("loopwarden.toml", "include = \"*.py\"\n");
  const RunResult r = run_loopwarden(dir.path(), kCheck);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.err.find("include"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace lw::server::cli
