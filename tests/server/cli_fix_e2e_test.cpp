// `check --fix`, `--unsafe-fixes` and `--diff` end to end (the built binary on scratch copies):
// what is written, what is printed, exit statuses, standard input, the results cache, and the
// shared corpus and the rule fixtures fixed with every safe and unsafe fix: every file still
// parses, nothing fixable remains, and fixing again changes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/document.h"
#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using testing::read_text;
using testing::run_loopwarden;
using testing::RunResult;
using testing::ScratchDir;

constexpr std::string_view kSleepy =
    "import time\n"
    "\n"
    "\n"
    "async def handler():\n"
    "    time.sleep(1)\n";

// Every *.py under `root` (relative path -> bytes).
std::map<std::string, std::string> python_files(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".py") {
      out[fs::relative(entry.path(), root).generic_string()] = read_text(entry.path());
    }
  }
  return out;
}

// True when tree-sitter parses `text` without ERROR or MISSING nodes.
bool parses_cleanly(const std::string& text) {
  const analysis::Document document(text);
  return document.tree() != nullptr && !ts_node_has_error(ts_tree_root_node(document.tree()));
}

json run_json(const fs::path& cwd, const std::string& args) {
  const RunResult r = run_loopwarden(cwd, args + " --output-format json");
  EXPECT_NE(r.status, 2) << r.err;
  return json::parse(r.out);
}

// Diagnostics of a JSON report that `--fix --unsafe-fixes` would still fix.
std::vector<std::string> fixable(const json& report) {
  std::vector<std::string> out;
  for (const json& d : report) {
    if (d["fix"].is_null()) continue;
    const std::string applicability = d["fix"]["applicability"];
    if (applicability == "safe" || applicability == "unsafe") {
      out.push_back(d["filename"].get<std::string>() + ":" +
                    std::to_string(d["location"]["row"].get<int>()) + ": " +
                    d["code"].get<std::string>() + " " + d["message"].get<std::string>());
    }
  }
  return out;
}

TEST(CheckFixE2e, FixAppliesSafeFixesAndAddsTheImportOnce) {
  ScratchDir dir;
  dir.write("app.py", std::string(kSleepy) + "\n\nasync def other():\n    time.sleep(2)\n");
  const RunResult r = run_loopwarden(dir.path(), "check --fix --no-cache");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "Found 2 errors (2 fixed, 0 remaining).\n");
  EXPECT_EQ(read_text(dir.path() / "app.py"),
            "import asyncio\nimport time\n\n\nasync def handler():\n    await asyncio.sleep(1)\n"
            "\n\nasync def other():\n    await asyncio.sleep(2)\n");
}

TEST(CheckFixE2e, UnsafeFixesOnlyWithTheFlag) {
  ScratchDir dir;
  const std::string source =
      "import asyncio\n\n\nasync def main():\n    asyncio.create_task(work())\n\n\n"
      "async def work():\n    await asyncio.sleep(0)\n";
  dir.write("tasks.py", source);
  RunResult r = run_loopwarden(dir.path(), "check --fix --no-cache");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.out, HasSubstr("LW202 "));
  EXPECT_THAT(r.out, HasSubstr("Found 1 error.\n"));
  EXPECT_EQ(read_text(dir.path() / "tasks.py"), source);

  r = run_loopwarden(dir.path(), "check --fix --unsafe-fixes --no-cache");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "Found 1 error (1 fixed, 0 remaining).\n");
  const std::string fixed = read_text(dir.path() / "tasks.py");
  EXPECT_NE(fixed, source);
  EXPECT_TRUE(parses_cleanly(fixed)) << fixed;
}

TEST(CheckFixE2e, DiffChangesNothingAndSetsTheExitStatus) {
  ScratchDir dir;
  dir.write("app.py", kSleepy);
  dir.write("clean.py", "x = 1\n");
  RunResult r = run_loopwarden(dir.path(), "check --diff");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out,
            "--- app.py\n+++ app.py\n@@ -1,5 +1,6 @@\n+import asyncio\n import time\n \n \n"
            " async def handler():\n-    time.sleep(1)\n+    await asyncio.sleep(1)\n");
  EXPECT_EQ(r.err, "Would fix 1 diagnostic in 1 file.\n");
  EXPECT_EQ(read_text(dir.path() / "app.py"), kSleepy);
  // --fix --diff is a diff too; --quiet drops the summary.
  const RunResult both = run_loopwarden(dir.path(), "check --fix --diff --quiet");
  EXPECT_EQ(both.status, 1);
  EXPECT_EQ(both.out, r.out);
  EXPECT_EQ(both.err, "");
  EXPECT_EQ(read_text(dir.path() / "app.py"), kSleepy);

  EXPECT_EQ(run_loopwarden(dir.path(), "check --diff --exit-zero").status, 0);

  r = run_loopwarden(dir.path(), "check --diff clean.py");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "No fixes to apply.\n");
}

TEST(CheckFixE2e, StandardInputPrintsTheFixedSource) {
  ScratchDir dir;
  RunResult r = run_loopwarden(dir.path(), "check --fix --stdin-filename app.py", kSleepy);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "import asyncio\nimport time\n\n\nasync def handler():\n    await asyncio.sleep(1)\n");
  EXPECT_EQ(r.err, "Found 1 error (1 fixed, 0 remaining).\n");
  EXPECT_FALSE(fs::exists(dir.path() / "app.py"));

  // Nothing to fix: the source comes back as it was; the report still goes to stderr.
  const std::string unfixable = "import requests\n\n\nasync def f():\n    requests.get('u')\n";
  r = run_loopwarden(dir.path(), "check --fix -", unfixable);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, unfixable);
  EXPECT_THAT(r.err, HasSubstr("-:5:5: LW101 "));

  r = run_loopwarden(dir.path(), "check --diff --stdin-filename app.py", kSleepy);
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.out, ::testing::StartsWith("--- app.py\n+++ app.py\n@@ -1,5 +1,6 @@\n"));
}

TEST(CheckFixE2e, TheCacheNeverHidesAFix) {
  ScratchDir dir;
  dir.write("app.py", kSleepy);
  // A cached result of the unfixed file, then --fix, then a cached check of the fixed file.
  EXPECT_EQ(run_loopwarden(dir.path(), "check").status, 1);
  RunResult r = run_loopwarden(dir.path(), "check --fix");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "Found 1 error (1 fixed, 0 remaining).\n");
  r = run_loopwarden(dir.path(), "check");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "All checks passed!\n");
  // --diff rounds after the first are never cached: a later check still sees the disk.
  dir.write("b.py", kSleepy);
  EXPECT_EQ(run_loopwarden(dir.path(), "check --diff").status, 1);
  r = run_loopwarden(dir.path(), "check");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.out, HasSubstr("b.py:5:5: LW102 [*]"));
}

TEST(CheckFixE2e, CrossFileFixesSeeTheWorkspace) {
  // LW201 in main.py needs the index: `fetch` is a coroutine function of another file.
  ScratchDir dir;
  dir.write("pkg/__init__.py", "");
  dir.write("pkg/client.py",
            "import asyncio\n\n\nasync def fetch():\n    await asyncio.sleep(0)\n    return 1\n");
  dir.write("pkg/main.py",
            "from pkg.client import fetch\n\n\nasync def run():\n    fetch()\n    return 0\n");
  const RunResult r = run_loopwarden(dir.path(), "check --fix --no-cache");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_THAT(read_text(dir.path() / "pkg/main.py"), HasSubstr("    await fetch()\n"));
}

TEST(CheckFixE2e, PartialFixRunsSeeTheirProjectAndFixOnlyTheirInputs) {
  // `check --fix pkg/main.py` (the pre-commit fix hook on one staged file): the cross-module
  // LW201 is fixed as by a whole run; the project's other file is read, never written.
  ScratchDir dir;
  dir.write("pyproject.toml", "[project]\nname = \"p\"\n");
  dir.write("pkg/__init__.py", "");
  const std::string client =
      "import asyncio\nimport time\n\n\nasync def fetch():\n    time.sleep(1)\n"
      "    await asyncio.sleep(0)\n    return 1\n";
  dir.write("pkg/client.py", client);
  dir.write("pkg/main.py",
            "from pkg.client import fetch\n\n\nasync def run():\n    fetch()\n    return 0\n");
  RunResult r = run_loopwarden(dir.path(), "check --fix --no-cache pkg/main.py");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_THAT(read_text(dir.path() / "pkg/main.py"), HasSubstr("    await fetch()\n"));
  EXPECT_EQ(read_text(dir.path() / "pkg/client.py"), client);
  r = run_loopwarden(dir.path(), "check --diff --no-cache pkg/client.py");
  EXPECT_THAT(r.out, HasSubstr("+++ pkg/client.py"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("main.py")));
}

TEST(CheckFixE2e, TransitiveChainsAreFollowedThroughTheIndex) {
  // LW109 in main.py needs service.py's summary, which leads to helpers.py's: the index is
  // filled on demand, one module at a time, and the fix is the one a full index gives.
  ScratchDir dir;
  dir.write("app/__init__.py", "");
  dir.write("app/helpers.py",
            "def read_settings():\n    with open('s.toml') as f:\n        return f.read()\n");
  dir.write("app/service.py",
            "from app.helpers import read_settings\n\n\ndef load():\n    return read_settings()\n");
  dir.write("app/main.py",
            "import asyncio\n\nfrom app.service import load\n\n\nasync def handler():\n"
            "    await asyncio.sleep(0)\n    return load()\n");
  RunResult r = run_loopwarden(dir.path(), "check --diff --unsafe-fixes --no-cache");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("+    return await asyncio.to_thread(load)\n"));
  EXPECT_EQ(r.err, "Would fix 1 diagnostic in 1 file.\n");
  r = run_loopwarden(dir.path(), "check --fix --unsafe-fixes --no-cache");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_THAT(read_text(dir.path() / "app/main.py"),
              HasSubstr("return await asyncio.to_thread(load)"));
}

TEST(CheckFixE2e, FixedJsonReportListsWhatRemains) {
  ScratchDir dir;
  dir.write("app.py", std::string(kSleepy) + "    open('x')\n");
  const json report = run_json(dir.path(), "check --fix --no-cache");
  ASSERT_EQ(report.size(), 1U) << report.dump(2);
  EXPECT_EQ(report[0]["code"], "LW103");
  EXPECT_EQ(report[0]["location"]["row"], 7);  // after the import added above
}

// Copies `source` into a scratch directory, fixes it with every safe and unsafe fix, and
// checks what came out.
void fix_tree_and_check(const fs::path& source, std::size_t* fixed_files = nullptr) {
  ScratchDir dir;
  fs::copy(source, dir.path(), fs::copy_options::recursive);
  const std::map<std::string, std::string> before = python_files(dir.path());
  ASSERT_FALSE(before.empty());

  const RunResult r = run_loopwarden(dir.path(), "check --fix --unsafe-fixes --no-cache .");
  EXPECT_NE(r.status, 2) << r.err;
  const std::map<std::string, std::string> after = python_files(dir.path());
  ASSERT_EQ(after.size(), before.size());
  std::size_t changed = 0;
  for (const auto& [path, text] : after) {
    if (text != before.at(path)) {
      ++changed;
      // A file that parsed before must parse after (a few fixtures are broken on purpose).
      if (parses_cleanly(before.at(path))) {
        EXPECT_TRUE(parses_cleanly(text)) << path << " no longer parses:\n" << text;
      }
    }
  }
  EXPECT_GT(changed, 0U);
  if (fixed_files != nullptr) *fixed_files = changed;

  const std::vector<std::string> left = fixable(run_json(dir.path(), "check --no-cache ."));
  EXPECT_TRUE(left.empty()) << ::testing::PrintToString(left);

  const RunResult again = run_loopwarden(dir.path(), "check --fix --unsafe-fixes --no-cache .");
  EXPECT_EQ(python_files(dir.path()), after) << "a second --fix changed something";
  EXPECT_THAT(again.out, ::testing::Not(HasSubstr(" fixed, ")));
}

TEST(CheckFixE2e, SharedCorpusFixesCleanly) {
  const fs::path corpus = fs::path(LW_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!fs::is_directory(corpus)) GTEST_SKIP() << "no shared corpus at " << corpus;
  fix_tree_and_check(corpus);
}

TEST(CheckFixE2e, RuleFixturesFixCleanly) {
  fix_tree_and_check(fs::path(LW_TESTS_DIR) / "analysis" / "fixtures");
}

}  // namespace
}  // namespace lw::server::cli
