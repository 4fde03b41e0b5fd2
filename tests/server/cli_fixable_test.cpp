// ruff's `fixable` / `extend-fixable` / `unfixable` (keys and options) through the real binary:
// an unfixable rule's fix is never applied and not counted as fixable; the others still are.
#include <gtest/gtest.h>

#include <string>

#include "tests/server/cli_test_support.h"

namespace lw::server::testing {
namespace {

// LW102 (safe fix: asyncio.sleep) and LW205 (safe fix: get_running_loop).
constexpr std::string_view kSource =
    "import asyncio\nimport time\n\n\nasync def handler():\n    time.sleep(1)\n"
    "    loop = asyncio.get_event_loop()\n    return loop\n";

TEST(FixableOptions, UnfixableRulesAreNotFixed) {
  ScratchDir dir;
  const auto file = dir.write("app.py", kSource);
  const RunResult summary = run_loopwarden(
      dir.path(), "check --no-cache --output-format concise --unfixable LW102 app.py");
  EXPECT_NE(summary.out.find("app.py:6:5: LW102 `time.sleep`"), std::string::npos)
      << summary.out;  // no [*]
  EXPECT_NE(summary.out.find("[*] 1 fixable"), std::string::npos) << summary.out;
  const RunResult fixed = run_loopwarden(
      dir.path(), "check --no-cache --output-format concise --fix --unfixable lw102 app.py");
  EXPECT_EQ(fixed.status, 1) << fixed.out;
  const std::string after = read_text(file);
  EXPECT_NE(after.find("    time.sleep(1)\n"), std::string::npos) << after;
  EXPECT_NE(after.find("asyncio.get_running_loop()"), std::string::npos) << after;
}

TEST(FixableOptions, FixableKeyReplacesAndExtendFixableAdds) {
  ScratchDir dir;
  dir.write("pyproject.toml", "[tool.loopwarden]\nfixable = [\"LW205\"]\n");
  const auto file = dir.write("app.py", kSource);
  EXPECT_EQ(run_loopwarden(dir.path(), "check --no-cache --fix app.py").status, 1);
  std::string after = read_text(file);
  EXPECT_NE(after.find("    time.sleep(1)\n"), std::string::npos) << after;
  EXPECT_NE(after.find("asyncio.get_running_loop()"), std::string::npos) << after;
  // extend-fixable adds LW102 back.
  EXPECT_EQ(run_loopwarden(dir.path(), "check --no-cache --fix --extend-fixable LW1 app.py").status,
            0);
  after = read_text(file);
  EXPECT_NE(after.find("await asyncio.sleep(1)"), std::string::npos) << after;
  // Unknown codes are configuration errors.
  dir.write("pyproject.toml", "[tool.loopwarden]\nunfixable = [\"XYZ\"]\n");
  const RunResult bad = run_loopwarden(dir.path(), "check --no-cache app.py");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("unknown rule code or prefix `XYZ` in `unfixable`"), std::string::npos)
      << bad.err;
}

}  // namespace
}  // namespace lw::server::testing
