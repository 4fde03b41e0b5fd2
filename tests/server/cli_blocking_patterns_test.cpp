// `extend-blocking-calls` with flake8-async's `--async200-blocking-calls` patterns, through the
// real binary: the configuration is accepted (it used to stop the run with exit status 2),
// patterns match, and a function of the workspace matches by its module-qualified name in its
// own module and in the modules importing it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::run_loopwarden;
using testing::RunResult;

TEST(BlockingPatternsE2eTest, PatternsAreAcceptedAndMatch) {
  const testing::ScratchDir dir;
  dir.write("pyproject.toml",
            "[tool.loopwarden]\n"
            "select = [\"LW108\", \"LW109\"]\n"
            "extend-blocking-calls = [\"*.fetch_sync\", \"pkg.mod.bar\", \"*session.get\",\n"
            "                         \"render -> render_async\", \"prewild.*\"]\n");
  dir.write("pkg/__init__.py", "");
  dir.write("pkg/mod.py",
            "def bar():\n"
            "    return 1\n"
            "\n"
            "\n"
            "async def handler(http_session):\n"
            "    bar()\n"
            "    http_session.get('/x')\n"
            "\n"
            "\n"
            "def helper():\n"
            "    return bar()\n"
            "\n"
            "\n"
            "async def through_helper():\n"
            "    helper()\n");
  dir.write("pkg/api.py",
            "from pkg.mod import bar\n"
            "from reports import render\n"
            "import client\n"
            "import prewild\n"
            "\n"
            "\n"
            "async def endpoint():\n"
            "    bar()\n"
            "    render('x')\n"
            "    client.fetch_sync()\n"
            "    prewild.deep.call()\n");
  const RunResult r = run_loopwarden(dir.path(), "check");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr("error")));
  EXPECT_THAT(r.out, HasSubstr("pkg/mod.py:6:5: LW108"));
  EXPECT_THAT(r.out, HasSubstr("pkg/mod.py:7:5: LW108"));
  // A sync helper that calls the configured function blocks too (LW109 names the chain).
  EXPECT_THAT(r.out, HasSubstr("pkg/mod.py:15:5: LW109"));
  EXPECT_THAT(r.out, HasSubstr("pkg/api.py:8:5: LW108"));
  EXPECT_THAT(r.out, HasSubstr("pkg/api.py:9:5: LW108"));
  EXPECT_THAT(r.out, HasSubstr("use `render_async` instead"));
  EXPECT_THAT(r.out, HasSubstr("pkg/api.py:10:5: LW108"));
  EXPECT_THAT(r.out, Not(HasSubstr("pkg/api.py:11:")));
}

TEST(BlockingPatternsE2eTest, AnInvalidEntryIsAConfigurationError) {
  const testing::ScratchDir dir;
  dir.write("pyproject.toml",
            "[tool.loopwarden]\n"
            "extend-blocking-calls = [\"*.ok\", \"bad-name.*\"]\n");
  dir.write("a.py", "import time\n");
  const RunResult r = run_loopwarden(dir.path(), "check");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("pyproject.toml:2:34: `bad-name.*` in `extend-blocking-calls`"));
}

}  // namespace
}  // namespace lw::server::cli
