// File-level exemptions through the built binary: ruff's `# ruff: noqa` / `# ruff: noqa: CODES`
// (peer codes mapped through the catalog), `# flake8: noqa`, and loopwarden's
// `# loopwarden: ignore-file` / `# loopwarden: ignore-file[CODES]` (INTERFACES.md
// "Configuration, as ruff's").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::run_loopwarden;
using testing::RunResult;
using testing::ScratchDir;

// LW102 on line `time.sleep(1)`, LW103 on `open('x')`.
constexpr std::string_view kBody =
    "import asyncio\nimport time\n\n\nasync def blocked():\n    await asyncio.sleep(0)\n"
    "    time.sleep(1)\n    return open('x')\n";

std::vector<std::string> codes_of(const std::string& header) {
  ScratchDir dir;
  dir.write("a.py", header + std::string(kBody));
  const RunResult r = run_loopwarden(dir.path(), "check --no-cache --output-format json");
  std::vector<std::string> out;
  for (const auto& d : nlohmann::json::parse(r.out)) out.push_back(d["code"]);
  return out;
}

TEST(FileExemptionTest, NothingExemptedWithoutAComment) {
  EXPECT_THAT(codes_of(""), ElementsAre("LW102", "LW103"));
}

TEST(FileExemptionTest, RuffNoqaWithCodesExemptsTheMappedRules) {
  // ASYNC251 is LW102's peer code; ASYNC230 is one of LW103's.
  EXPECT_THAT(codes_of("# ruff: noqa: ASYNC251\n"), ElementsAre("LW103"));
  EXPECT_THAT(codes_of("# ruff: noqa: ASYNC230\n"), ElementsAre("LW102"));
  EXPECT_THAT(codes_of("# ruff: noqa: LW103, ASYNC251\n"), IsEmpty());
  // Anywhere in the file, indented too, as long as the comment stands alone on its line.
  EXPECT_THAT(codes_of("\"\"\"Doc.\"\"\"\n\nif True:\n    # ruff: noqa: LW102\n    pass\n"),
              ElementsAre("LW103"));
  // Codes of other tools exempt none of loopwarden's rules.
  EXPECT_THAT(codes_of("# ruff: noqa: E501, F401\n"), ElementsAre("LW102", "LW103"));
}

TEST(FileExemptionTest, AnExemptedFindingStillKeepsLw208Quiet) {
  // RULES.md: what exempts a body from LW208 is decided before suppressions apply.
  ScratchDir dir;
  dir.write("a.py", "# ruff: noqa: ASYNC251\nimport time\n\n\nasync def f():\n    time.sleep(1)\n");
  const RunResult r = run_loopwarden(dir.path(), "check --no-cache --output-format json");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 0U) << r.out;
}

TEST(FileExemptionTest, BlanketRuffAndFlake8NoqaExemptEverything) {
  EXPECT_THAT(codes_of("# ruff: noqa\n"), IsEmpty());
  EXPECT_THAT(codes_of("# flake8: noqa\n"), IsEmpty());
  EXPECT_THAT(codes_of("#ruff:noqa\n"), IsEmpty());
  // `# ruff: noqa` is not `# ruff: noqaX`.
  EXPECT_THAT(codes_of("# ruff: noqaX\n"), ElementsAre("LW102", "LW103"));
}

TEST(FileExemptionTest, RuffNoqaAfterCodeIsNotFileLevel) {
  // ruff ignores a file-level exemption that trails code (it warns); so does loopwarden, and it
  // is no line-level `# noqa` either.
  EXPECT_THAT(codes_of("X = 1  # ruff: noqa\n"), ElementsAre("LW102", "LW103"));
  ScratchDir dir;
  dir.write("a.py", "import time\n\n\nasync def f():\n    time.sleep(1)  # ruff: noqa: LW102\n");
  const RunResult r = run_loopwarden(dir.path(), "check --no-cache --output-format concise");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.out, ::testing::HasSubstr("a.py:5:5: LW102"));
}

TEST(FileExemptionTest, LoopwardenIgnoreFileWithAndWithoutCodes) {
  EXPECT_THAT(codes_of("# loopwarden: ignore-file\n"), IsEmpty());
  EXPECT_THAT(codes_of("# loopwarden: ignore-file[LW103]\n"), ElementsAre("LW102"));
  EXPECT_THAT(codes_of("# loopwarden: ignore-file[ASYNC251, LW103]\n"), IsEmpty());
}

TEST(FileExemptionTest, SyntaxErrorsAreNotExemptedByRuffNoqa) {
  ScratchDir dir;
  dir.write("a.py", "# ruff: noqa\nimport time\n\n\nasync def f(:\n    time.sleep(1)\n");
  const RunResult r = run_loopwarden(dir.path(), "check --no-cache --output-format concise");
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("LW001"));
  EXPECT_THAT(r.out, ::testing::Not(::testing::HasSubstr("LW102")));
}

TEST(FileExemptionTest, AddNoqaAndUnusedSuppressionLeaveExemptedRulesAlone) {
  ScratchDir dir;
  const std::string text = "# ruff: noqa: ASYNC251\n" + std::string(kBody);
  const auto file = dir.write("a.py", text);
  const RunResult added = run_loopwarden(dir.path(), "check --no-cache --add-noqa");
  EXPECT_EQ(added.status, 0) << added.out << added.err;
  const std::string after = testing::read_text(file);
  EXPECT_THAT(after, ::testing::HasSubstr("    time.sleep(1)\n"));  // exempted: untouched
  EXPECT_THAT(after, ::testing::HasSubstr("return open('x')  # noqa: LW103\n"));
  // LW002 (unused suppression) judges line comments only, as RUF100.
  const RunResult unused =
      run_loopwarden(dir.path(), "check --no-cache --output-format concise --select LW002");
  EXPECT_EQ(unused.status, 0) << unused.out;
}

}  // namespace
}  // namespace lw::server::cli
