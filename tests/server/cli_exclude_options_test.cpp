// ruff's exclusion options through the real binary: `--exclude`, `--extend-exclude`,
// `--force-exclude` / `force-exclude`, `--no-respect-gitignore` / `respect-gitignore`.
#include <gtest/gtest.h>

#include <string>

#include "tests/server/cli_test_support.h"

namespace lw::server::testing {
namespace {

constexpr std::string_view kBlocking = "import time\n\n\nasync def handler():\n    time.sleep(1)\n";

// A project with a configuration excluding `generated/`, a .gitignore'd file and a plain one.
void write_project(const ScratchDir& dir, std::string_view extra_config = "") {
  dir.write("pyproject.toml",
            "[tool.loopwarden]\nexclude = [\"generated\"]\n" + std::string(extra_config));
  std::filesystem::create_directories(dir.path() / ".git");
  dir.write(".gitignore", "ignored.py\n");
  dir.write("app.py", kBlocking);
  dir.write("ignored.py", kBlocking);
  dir.write("generated/client.py", kBlocking);
  dir.write("legacy/old.py", kBlocking);
}

TEST(ExcludeOptions, ExcludeReplacesAndExtendExcludeAdds) {
  ScratchDir dir;
  write_project(dir);
  EXPECT_EQ(run_loopwarden(dir.path(), "check --show-files").out, "app.py\nlegacy/old.py\n");
  // --exclude replaces the configured globs: generated/ is back, legacy/ is out.
  EXPECT_EQ(run_loopwarden(dir.path(), "check --show-files --exclude legacy").out,
            "app.py\ngenerated/client.py\n");
  // --extend-exclude adds to them.
  EXPECT_EQ(run_loopwarden(dir.path(), "check --show-files --extend-exclude 'legacy/**'").out,
            "app.py\n");
  EXPECT_EQ(run_loopwarden(dir.path(), "check --show-files --extend-exclude legacy,app.py").out,
            "");
}

TEST(ExcludeOptions, ForceExcludeAppliesToNamedPaths) {
  ScratchDir dir;
  write_project(dir);
  // Named explicitly, an excluded file is checked, unless --force-exclude.
  const RunResult named =
      run_loopwarden(dir.path(), "check --no-cache --output-format concise generated/client.py");
  EXPECT_EQ(named.status, 1) << named.out;
  const RunResult forced = run_loopwarden(
      dir.path(), "check --no-cache --output-format concise --force-exclude generated/client.py");
  EXPECT_EQ(forced.status, 0) << forced.out;
  EXPECT_EQ(forced.out, "All checks passed!\n");
  EXPECT_NE(forced.err.find("No Python files found"), std::string::npos) << forced.err;
  // A folder never descended into (`.venv`) is excluded the same way; a plain file is not.
  dir.write(".venv/lib/site.py", kBlocking);
  EXPECT_EQ(
      run_loopwarden(dir.path(), "check --show-files --force-exclude .venv/lib/site.py app.py").out,
      "app.py\n");
  // Standard input named like an excluded file: not checked.
  const RunResult in = run_loopwarden(
      dir.path(), "check --no-cache --force-exclude --stdin-filename generated/x.py", kBlocking);
  EXPECT_EQ(in.status, 0);
  EXPECT_EQ(in.out, "");
}

TEST(ExcludeOptions, ForceExcludeKeyAndItsNegation) {
  ScratchDir dir;
  write_project(dir, "force-exclude = true\n");
  EXPECT_EQ(run_loopwarden(dir.path(), "check --show-files generated/client.py app.py").out,
            "app.py\n");
  EXPECT_EQ(
      run_loopwarden(dir.path(), "check --show-files --no-force-exclude generated/client.py").out,
      "generated/client.py\n");
}

TEST(ExcludeOptions, RespectGitignore) {
  ScratchDir dir;
  write_project(dir);
  EXPECT_EQ(run_loopwarden(dir.path(), "check --show-files --no-respect-gitignore").out,
            "app.py\nignored.py\nlegacy/old.py\n");
  ScratchDir keyed;
  write_project(keyed, "respect-gitignore = false\n");
  EXPECT_EQ(run_loopwarden(keyed.path(), "check --show-files").out,
            "app.py\nignored.py\nlegacy/old.py\n");
  EXPECT_EQ(run_loopwarden(keyed.path(), "check --show-files --respect-gitignore").out,
            "app.py\nlegacy/old.py\n");
  // A wrong type is a configuration error.
  ScratchDir bad;
  write_project(bad, "respect-gitignore = \"no\"\n");
  const RunResult r = run_loopwarden(bad.path(), "check --show-files");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("`respect-gitignore` must be a boolean"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace lw::server::testing
