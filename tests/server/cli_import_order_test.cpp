// The first pass of `check` goes in import order (server/cli/import_order.h): unit tests of the
// waves, and end-to-end runs showing that the order never changes what is reported.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "server/cli/import_order.h"
#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using analysis::index::ModuleIdentity;
using Waves = std::vector<std::vector<std::size_t>>;

ModuleIdentity module(std::string name, bool package = false) {
  return ModuleIdentity{std::move(name), "", package};
}

std::optional<ScannedImports> imports_of(const char* text) { return scan_imports(text); }

std::size_t wave_of(const Waves& waves, std::size_t input) {
  for (std::size_t w = 0; w < waves.size(); ++w) {
    if (std::find(waves[w].begin(), waves[w].end(), input) != waves[w].end()) return w;
  }
  ADD_FAILURE() << "input " << input << " is in no wave";
  return SIZE_MAX;
}

TEST(ImportWaves, DependenciesComeFirst) {
  // 0 imports 1, 1 imports 2 (through `from`), 3 imports nothing of ours.
  const Waves waves =
      import_waves({module("app.api"), module("app.service"), module("app.db"), module("tools")},
                   {imports_of("from app.service import run\n"), imports_of("from app import db\n"),
                    imports_of("import sqlite3\n"), imports_of("import os\n")});
  EXPECT_EQ(wave_of(waves, 2), 0u);
  EXPECT_EQ(wave_of(waves, 3), 0u);
  EXPECT_EQ(wave_of(waves, 1), 1u);
  EXPECT_EQ(wave_of(waves, 0), 2u);
}

TEST(ImportWaves, EveryInputExactlyOnceAndCyclesShareAWave) {
  // 0 <-> 1 form a cycle; 2 imports the cycle; 3 is unread (no edges); 4 imports itself.
  const Waves waves =
      import_waves({module("a"), module("b"), module("c"), module("d"), module("e")},
                   {imports_of("import b\n"), imports_of("import a\n"), imports_of("import a\n"),
                    std::nullopt, imports_of("import e\n")});
  std::vector<std::size_t> all;
  for (const auto& wave : waves) all.insert(all.end(), wave.begin(), wave.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(wave_of(waves, 0), wave_of(waves, 1));
  EXPECT_GT(wave_of(waves, 2), wave_of(waves, 0));
  EXPECT_EQ(wave_of(waves, 3), 0u);
  EXPECT_EQ(wave_of(waves, 4), 0u);
}

TEST(ImportWaves, RelativeImportsAndPackages) {
  // pkg/__init__.py, pkg/service.py (`from .helpers import x`), pkg/helpers.py (`from . import
  // config`), and pkg/config.py.
  const Waves waves = import_waves(
      {module("pkg", true), module("pkg.service"), module("pkg.helpers"), module("pkg.config")},
      {imports_of(""), imports_of("from .helpers import load\n"),
       imports_of("from . import config\n"), imports_of("")});
  EXPECT_LT(wave_of(waves, 2), wave_of(waves, 1));
  EXPECT_LT(wave_of(waves, 3), wave_of(waves, 2));
  EXPECT_LT(wave_of(waves, 0), wave_of(waves, 2));  // `from . import` needs the package too
}

TEST(ImportWaves, LongChainsDoNotOverflowTheStack) {
  std::vector<ModuleIdentity> ids;
  std::vector<std::optional<ScannedImports>> imports;
  const std::size_t n = 20000;
  for (std::size_t i = 0; i < n; ++i) {
    ids.push_back(module("m" + std::to_string(i)));
    imports.push_back(
        imports_of(i + 1 < n ? ("import m" + std::to_string(i + 1) + "\n").c_str() : ""));
  }
  const Waves waves = import_waves(ids, imports);
  ASSERT_EQ(waves.size(), n);
  EXPECT_EQ(waves.front(), std::vector<std::size_t>{n - 1});
  EXPECT_EQ(waves.back(), std::vector<std::size_t>{0});
}

// A blocking helper reached through a chain of modules whose names sort against the import
// order, and through an import cycle: every order of analysis must give the same findings, all
// of them, as the single-threaded run without the prefilter.
TEST(ImportOrderE2e, ChainsAndCyclesGiveTheSameFindingsInEveryMode) {
  const testing::ScratchDir dir;
  dir.write("app/__init__.py", "");
  dir.write("app/a_api.py",
            "from app.b_service import handle\n\n"
            "async def endpoint():\n"
            "    return handle()\n");
  dir.write("app/b_service.py",
            "from app.c_repo import load\n\n"
            "def handle():\n"
            "    return load()\n");
  dir.write("app/c_repo.py",
            "import time\n\n"
            "def load():\n"
            "    time.sleep(1)\n");
  // A cycle: x imports y, y imports x; y's coroutine calls x's blocking helper.
  dir.write("app/x_cycle.py",
            "import time\n"
            "from app import y_cycle\n\n"
            "def block():\n"
            "    time.sleep(2)\n\n"
            "async def run():\n"
            "    await y_cycle.go()\n");
  dir.write("app/y_cycle.py",
            "from app import x_cycle\n\n"
            "async def go():\n"
            "    x_cycle.block()\n");
  const auto run = [&](const std::string& flags) {
    return testing::run_loopwarden(dir.path(), "check --no-cache " + flags + " app");
  };
  const testing::RunResult reference = run("--threads 1 --no-prefilter");
  EXPECT_NE(reference.out.find("app/a_api.py:4:12: LW109"), std::string::npos) << reference.out;
  EXPECT_NE(reference.out.find("app/y_cycle.py:4:5: LW109"), std::string::npos) << reference.out;
  for (const char* flags : {"", "--threads 1", "--no-prefilter", "--threads 4"}) {
    const testing::RunResult r = run(flags);
    EXPECT_EQ(r.out, reference.out) << flags;
    EXPECT_EQ(r.status, reference.status) << flags;
  }
  // In import order every file is analysed once, the cycle after both its summaries are in
  // the index, and no parse waits for the end of the run: with the prefilter off (everything
  // parsed) and on (the sync modules of the chain summarised on demand, within their wave).
  for (const char* flags : {"--threads 1 --no-prefilter", "--threads 1"}) {
    const testing::RunResult stats = testing::run_loopwarden(
        dir.path(), "--version >/dev/null; LOOPWARDEN_STATS=1 " + testing::shell_quote(LW_BINARY) +
                        " check --no-cache " + flags + " app");
    EXPECT_NE(stats.err.find("parses held after the first pass: 0 files"), std::string::npos)
        << flags << "\n"
        << stats.err;
    if (std::string(flags).find("--no-prefilter") != std::string::npos) {
      EXPECT_NE(stats.err.find("analysed=6 (cross-file 0) summarised_on_demand=0 errors=0 "
                               "analyses=6"),
                std::string::npos)
          << stats.err;
    }
  }
}

}  // namespace
}  // namespace lw::server::cli
