// Hostile inputs through the real binary (issue #22): files that cannot be read become LW003
// at 1:1 in every output format (a FIFO is refused without blocking), `--fix` keeps hard links
// together and never leaves a blocking call on the loop unreported, and inputs that crashed the
// grammar's scanner or the semantic model's recursion are analysed. scripts/stress.sh runs the
// large versions under time and memory limits.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
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

TEST(Lw003UnreadableFile, AFifoIsReportedWithoutBlocking) {
  ScratchDir dir;
  const fs::path fifo = dir.path() / "events.py";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  dir.write("ok.py", kSleepy);
  // Before LW003 this run never ended (the read waited for a writer).
  RunResult r = run_loopwarden(dir.path(), "check --no-cache events.py ok.py");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("events.py:1:1: LW003 File cannot be checked: not a regular file "
                               "(a FIFO)"));
  EXPECT_THAT(r.out, HasSubstr("ok.py:5:5: LW102"));
  EXPECT_THAT(r.err, Not(HasSubstr("events.py")));

  RunResult zero = run_loopwarden(dir.path(), "check --no-cache --exit-zero events.py");
  EXPECT_EQ(zero.status, 0) << zero.err;
  EXPECT_THAT(zero.out, HasSubstr("LW003"));
}

TEST(Lw003UnreadableFile, DevicesAreRefusedByType) {
  ScratchDir dir;
  RunResult r = run_loopwarden(dir.path(), "check --no-cache /dev/zero");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(r.out,
              HasSubstr(":1:1: LW003 File cannot be checked: not a regular file (a device)"));
}

TEST(Lw003UnreadableFile, UndecodableFilesInEveryFormat) {
  ScratchDir dir;
  dir.write("latin1.py", "x = '\xE9'\n");
  dir.write("binary.py", std::string("x = 1\n\0\n", 8));
  RunResult text = run_loopwarden(dir.path(), "check --no-cache .");
  EXPECT_EQ(text.status, 1) << text.err;
  EXPECT_THAT(text.out, HasSubstr("latin1.py:1:1: LW003 File cannot be checked: not valid UTF-8"));
  EXPECT_THAT(text.out, HasSubstr("binary.py:1:1: LW003 File cannot be checked: binary file"));

  RunResult j = run_loopwarden(dir.path(), "check --no-cache --output-format json .");
  EXPECT_EQ(j.status, 1) << j.err;
  const json parsed = json::parse(j.out);
  ASSERT_EQ(parsed.size(), 2U) << j.out;
  for (const json& d : parsed) {
    EXPECT_EQ(d["code"], "LW003");
    EXPECT_EQ(d["location"]["row"], 1);
    EXPECT_EQ(d["location"]["column"], 1);
  }

  RunResult sarif = run_loopwarden(dir.path(), "check --no-cache --output-format sarif .");
  EXPECT_EQ(sarif.status, 1) << sarif.err;
  const json run = json::parse(sarif.out)["runs"][0];
  ASSERT_EQ(run["results"].size(), 2U);
  EXPECT_EQ(run["results"][0]["ruleId"], "LW003");

  RunResult github = run_loopwarden(dir.path(), "check --no-cache --output-format github .");
  EXPECT_THAT(github.out, HasSubstr("LW003"));

  // `ignore` does not hide it: the file was not checked at all.
  RunResult ignored = run_loopwarden(dir.path(), "check --no-cache --ignore LW003 .");
  EXPECT_EQ(ignored.status, 1);
  EXPECT_THAT(ignored.out, HasSubstr("LW003"));
}

TEST(Lw003UnreadableFile, PermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  ScratchDir dir;
  const fs::path file = dir.write("secret.py", kSleepy);
  fs::permissions(file, fs::perms::none);
  RunResult r = run_loopwarden(dir.path(), "check --no-cache secret.py");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("secret.py:1:1: LW003 File cannot be checked: Permission denied"));
}

TEST(FixHostile, AHardLinkedFileIsFixedUnderEveryName) {
  ScratchDir dir;
  const fs::path file = dir.write("src/a.py", kSleepy);
  const fs::path other = dir.path() / "elsewhere.py";
  fs::create_hard_link(file, other);
  RunResult r = run_loopwarden(dir.path(), "check --no-cache --fix src");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_THAT(read_text(file), HasSubstr("await asyncio.sleep(1)"));
  EXPECT_EQ(read_text(other), read_text(file));
  EXPECT_EQ(fs::hard_link_count(file), 2U);
}

TEST(FixHostile, TheUnsafeWrapMovesTheWholeChainAndLeavesNothingUnreported) {
  ScratchDir dir;
  const fs::path file = dir.write("app.py",
                                  "import json\n"
                                  "\n"
                                  "from fastapi import FastAPI\n"
                                  "from sqlalchemy.orm import Session\n"
                                  "\n"
                                  "app = FastAPI()\n"
                                  "\n"
                                  "\n"
                                  "@app.get(\"/items\")\n"
                                  "async def items(db: Session, Item, path):\n"
                                  "    rows = db.query(Item).all()\n"
                                  "    with open(path) as f:\n"
                                  "        data = json.load(f)\n"
                                  "    return rows, data\n");
  RunResult r = run_loopwarden(dir.path(), "check --no-cache --fix --unsafe-fixes app.py");
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  const std::string fixed = read_text(file);
  EXPECT_THAT(fixed,
              HasSubstr("    rows = await run_in_threadpool(lambda: db.query(Item).all())\n"));
  EXPECT_THAT(fixed, HasSubstr("    with open(path) as f:\n"));
  // `open` stays on the loop (its block reads the file): still reported after --fix.
  EXPECT_THAT(r.out, HasSubstr("app.py:13:10: LW103"));
}

TEST(CheckHostile, DeepIndentationIsASyntaxErrorNotACrash) {
  ScratchDir dir;
  std::string text = "import time\n\n\nasync def f():\n";
  for (int i = 0; i < 520; ++i) {
    text += std::string(4 * (i + 1), ' ') + "with open('x" + std::to_string(i) + "') as f:\n";
  }
  text += std::string(4 * 521, ' ') + "time.sleep(1)\n";
  dir.write("deep.py", text);
  RunResult r = run_loopwarden(dir.path(), "check --no-cache deep.py");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("deep.py:5:10: LW103"));  // the outermost `with` is analysed
  // CPython refuses the 100th indented block; tree-sitter parses on without an error.
  EXPECT_THAT(r.out, HasSubstr("deep.py:104:401: LW001 syntax error: too many levels of"));
}

TEST(CheckHostile, AFortyThousandLinkAttributeChain) {
  ScratchDir dir;
  std::string text = "import time\n\n\nasync def f():\n    x = time\n    x";
  for (int i = 0; i < 40000; ++i) text += ".a";
  text += "()\n    time.sleep(1)\n";
  dir.write("chain.py", text);
  RunResult r = run_loopwarden(dir.path(), "check --no-cache chain.py");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("chain.py:7:5: LW102"));
}

}  // namespace
}  // namespace lw::server::cli
