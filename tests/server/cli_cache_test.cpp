// The results cache of `check` (server/cli/result_cache.h), driven through the binary: a second
// run over an unchanged tree analyses nothing, and any change that can alter a result (the
// file, a module it depends on, the configuration) gives the same output as a run without the
// cache; concurrent runs share one cache safely.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>

#include "tests/server/cli_test_support.h"

namespace lw::server::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kService =
    "from helpers import load\n\nasync def handler():\n    return load()\n";
constexpr const char* kBlockingHelper =
    "def read():\n    with open('x') as f:\n        return f.read()\n\ndef load():\n"
    "    return read()\n";
constexpr const char* kQuietHelper = "def load():\n    return {}\n";

// Files older than a few seconds: the cache may then trust their size and timestamps.
void age(const fs::path& file) {
  fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::hours(1));
}

struct Stats {
  int cached = -1;
  int analysed = -1;
};

Stats stats_of(const std::string& err) {
  std::smatch m;
  Stats s;
  if (std::regex_search(err, m, std::regex(R"(cached=(\d+) analysed=(\d+))"))) {
    s.cached = std::stoi(m[1]);
    s.analysed = std::stoi(m[2]);
  }
  return s;
}

class CheckCache : public ::testing::Test {
 protected:
  void SetUp() override {
    age(dir_.write("service.py", kService));
    age(dir_.write("helpers.py", kBlockingHelper));
  }
  RunResult check(const std::string& extra = "") {
    return run_loopwarden(dir_.path(), "check . " + extra, {});
  }
  // `check .` with LOOPWARDEN_STATS=1 (the binary's first run only prints its version).
  RunResult check_with_stats() {
    return run_loopwarden(dir_.path(), "--version >/dev/null; LOOPWARDEN_STATS=1 " +
                                           shell_quote(LW_BINARY) + " check .");
  }
  ScratchDir dir_;
};

TEST_F(CheckCache, ASecondRunOverAnUnchangedTreeAnalysesNothing) {
  const Stats cold = stats_of(check_with_stats().err);
  EXPECT_EQ(cold.cached, 0);
  EXPECT_EQ(cold.analysed, 1);  // helpers.py has no async token: summarised, not analysed
  const RunResult plain = check("--no-cache");
  const RunResult second = check_with_stats();
  EXPECT_EQ(second.out, plain.out);
  EXPECT_NE(second.out.find("LW109"), std::string::npos) << second.out;
  const Stats stats = stats_of(second.err);
  EXPECT_EQ(stats.cached, 2) << second.err;
  EXPECT_EQ(stats.analysed, 0) << second.err;
  EXPECT_NE(read_text(dir_.path() / ".loopwarden_cache" / ".gitignore").find('*'),
            std::string::npos);
  // One store at the project root: a few shard files, not a file per source.
  std::size_t shards = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir_.path() / ".loopwarden_cache")) {
    if (e.is_regular_file() && e.path().filename() != ".gitignore") {
      ++shards;
      EXPECT_TRUE(e.path().filename().string().starts_with("shard-")) << e.path();
    }
  }
  EXPECT_GE(shards, 1U);
  EXPECT_LE(shards, 2U);  // two sources
}

TEST_F(CheckCache, AChangedDependencyIsSeen) {
  check();
  age(dir_.write("helpers.py", kQuietHelper));
  const RunResult after = check();
  EXPECT_EQ(after.out, check("--no-cache").out);
  EXPECT_EQ(after.out.find("LW109"), std::string::npos) << after.out;
}

TEST_F(CheckCache, AChangedFileOfTheSameSizeAndTimeIsSeen) {
  check();
  // Same length, same (old) modification time: the inode change time still differs.
  std::string edited = kService;
  edited.replace(edited.find("load()\n", 40), 6, "None  ");
  ASSERT_EQ(edited.size(), std::string(kService).size());
  const auto when = fs::last_write_time(dir_.path() / "service.py");
  dir_.write("service.py", edited);
  fs::last_write_time(dir_.path() / "service.py", when);
  const RunResult after = check();
  EXPECT_EQ(after.out, check("--no-cache").out);
  EXPECT_EQ(after.out.find("LW109"), std::string::npos) << after.out;
}

TEST_F(CheckCache, AChangedConfigurationIsSeen) {
  check();
  age(dir_.write("loopwarden.toml", "ignore = [\"LW109\"]\n"));
  const RunResult after = check();
  EXPECT_EQ(after.out.find("LW109"), std::string::npos) << after.out;
  EXPECT_EQ(after.out, check("--no-cache").out);
  const RunResult selected = check("--select LW109");
  EXPECT_EQ(selected.out, check("--select LW109 --no-cache").out);
}

TEST_F(CheckCache, NoCacheLeavesNoTrace) {
  check("--no-cache");
  EXPECT_FALSE(fs::exists(dir_.path() / ".loopwarden_cache"));
}

TEST_F(CheckCache, ConcurrentRunsAgree) {
  for (int i = 0; i < 20; ++i) {
    age(dir_.write("mod" + std::to_string(i) + ".py",
                   "import time\n\nasync def f" + std::to_string(i) + "():\n    time.sleep(1)\n"));
  }
  const std::string expected = check("--no-cache").out;
  // Four runs at once over a cold cache, then four over the warm one.
  for (int round = 0; round < 2; ++round) {
    std::string script;
    for (int i = 0; i < 4; ++i) {
      script += shell_quote(LW_BINARY) + " check . > out" + std::to_string(i) + ".txt & ";
    }
    script += "wait";
    run_loopwarden(dir_.path(), "--version >/dev/null; " + script);
    for (int i = 0; i < 4; ++i) {
      const fs::path out = dir_.path() / ("out" + std::to_string(i) + ".txt");
      EXPECT_EQ(read_text(out), expected) << "round " << round << ", run " << i;
      fs::remove(out);
    }
  }
}

}  // namespace
}  // namespace lw::server::testing
