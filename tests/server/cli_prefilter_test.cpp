// The prefilter and the on-demand workspace index never change what `check` reports: the same
// trees checked with and without `--no-prefilter` (and with one thread or several) give
// byte-identical output, exit status and errors. Trees: every rule fixture, the shared
// labelled corpus, the examples, a cross-file tree whose blocking helper lives in a file
// without any prefilter token, and part of the CPython standard library when installed.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "server/cli/prefilter.h"
#include "tests/server/cli_test_support.h"

namespace {

namespace fs = std::filesystem;
using lw::server::testing::run_loopwarden;
using lw::server::testing::RunResult;
using lw::server::testing::ScratchDir;
using lw::server::testing::shell_quote;

RunResult check(const std::vector<fs::path>& paths, const std::string& flags) {
  std::string args = "check --output-format json --exit-zero --no-cache " + flags;
  for (const auto& p : paths) args += " " + shell_quote(p.string());
  return run_loopwarden(fs::temp_directory_path(), args);
}

void expect_same_output(const std::vector<fs::path>& paths) {
  const RunResult full = check(paths, "--no-prefilter --threads 1");
  ASSERT_EQ(full.status, 0) << full.err;
  ASSERT_NE(full.out, "[]\n") << "the tree should produce findings";
  for (const char* flags : {"", "--threads 1", "--no-prefilter"}) {
    const RunResult r = check(paths, flags);
    EXPECT_EQ(r.status, full.status) << flags;
    EXPECT_EQ(r.out, full.out) << flags;
    EXPECT_EQ(r.err, full.err) << flags;
  }
}

TEST(Prefilter, TokensAreFound) {
  using lw::server::cli::may_have_findings;
  const lw::analysis::AnalysisOptions defaults;
  EXPECT_FALSE(may_have_findings("import os\n\ndef f():\n    return os.listdir('.')\n", defaults));
  EXPECT_FALSE(may_have_findings("", defaults));
  EXPECT_TRUE(may_have_findings("async def f():\n    pass\n", defaults));
  EXPECT_TRUE(may_have_findings("import asyncio\n", defaults));
  EXPECT_TRUE(may_have_findings("x = 1  # await\n", defaults));
  EXPECT_TRUE(may_have_findings("@app.on_event('startup')\ndef f(): pass\n", defaults));
  EXPECT_TRUE(may_have_findings("from httpx import Client\n", defaults));
  EXPECT_TRUE(may_have_findings("import aiofiles\n", defaults));
  EXPECT_TRUE(may_have_findings("from starlette.requests import Request\n", defaults));
  EXPECT_TRUE(may_have_findings("loop.run_in_executor(None, work)", defaults));
  for (const std::string& token : lw::server::cli::prefilter_tokens()) {
    EXPECT_TRUE(may_have_findings("x = 1\n" + token, defaults)) << token;
  }
  lw::analysis::AnalysisOptions configured;
  configured.extend_async_functions = {"mylib.client.fetch"};
  EXPECT_FALSE(may_have_findings("import mylib\n", defaults));
  EXPECT_TRUE(may_have_findings("import mylib\n", configured));
}

TEST(Prefilter, SameOutputOnRuleFixtures) {
  expect_same_output({fs::path(LW_TESTS_DIR) / "analysis" / "fixtures"});
}

TEST(Prefilter, SameOutputOnSharedCorpusAndExamples) {
  const fs::path corpus = fs::path(LW_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!fs::is_directory(corpus)) GTEST_SKIP() << "no shared corpus at " << corpus;
  expect_same_output({corpus, fs::path(LW_SOURCE_DIR) / "examples"});
}

// The blocking call is two modules away from the async code, in files the prefilter skips:
// the on-demand index must still summarise them.
TEST(Prefilter, SameOutputAcrossFilesWithoutTokens) {
  ScratchDir dir;
  dir.write("pkg/__init__.py", "from .helpers import load_config\n");
  dir.write("pkg/helpers.py",
            "from pkg.io_utils import read_file\n\n\ndef load_config():\n"
            "    return read_file('config.json')\n");
  dir.write("pkg/io_utils.py",
            "def read_file(path):\n    with open(path) as f:\n"
            "        return f.read()\n");
  dir.write("pkg/service.py",
            "import pkg\nfrom pkg import helpers\n\n\nasync def handler():\n"
            "    helpers.load_config()\n    return pkg.load_config()\n");
  const RunResult r = check({dir.path()}, "");
  EXPECT_NE(r.out.find("LW109"), std::string::npos) << r.out << r.err;
  expect_same_output({dir.path()});
}

// LW001 needs no token: a file the byte test clears is still parsed, and analysed when its
// tree has an error or nests deeper than the semantic model descends.
TEST(Prefilter, SameOutputOnSyntaxErrorsWithoutTokens) {
  ScratchDir dir;
  dir.write("broken.py", "def f(:\n    pass\n");
  dir.write("deep.py", "x = " + std::string(2000, '(') + "1" + std::string(2000, ')') + "\n");
  dir.write("fine.py", "import os\n\ndef f():\n    return os.listdir('.')\n");
  expect_same_output({dir.path()});
  const RunResult r = check({dir.path()}, "");
  EXPECT_NE(r.out.find("broken.py"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("too deeply nested"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("fine.py"), std::string::npos) << r.out;
  // With LW001 ignored the files are skipped as before, and nothing is reported.
  const RunResult ignored = check({dir.path()}, "--ignore LW001");
  EXPECT_EQ(ignored.out, "[]\n") << ignored.out;
}

TEST(Prefilter, SameOutputOnStandardLibrarySubset) {
  const fs::path stdlib = "/usr/lib/python3.11";
  if (!fs::is_directory(stdlib / "asyncio")) GTEST_SKIP() << "no CPython 3.11 library";
  expect_same_output({stdlib / "asyncio", stdlib / "concurrent", stdlib / "http", stdlib / "json",
                      stdlib / "logging", stdlib / "unittest", stdlib / "contextlib.py",
                      stdlib / "subprocess.py", stdlib / "os.py", stdlib / "socket.py",
                      stdlib / "selectors.py", stdlib / "shutil.py"});
}

}  // namespace
