// `--target-version` / `target-version` / `[project] requires-python` through the built binary:
// fixes and suggestions never use an asyncio API newer than the target (INTERFACES.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/config/settings_parser.h"
#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::read_text;
using testing::run_loopwarden;
using testing::RunResult;
using testing::ScratchDir;

constexpr std::string_view kBlocking =
    "import requests\n\n\nasync def fetch(url):\n    return requests.get(url, timeout=5)\n";

std::string fixed_with(const std::string& args, std::string_view pyproject = {}) {
  ScratchDir dir;
  if (!pyproject.empty()) dir.write("pyproject.toml", pyproject);
  const auto file = dir.write("a.py", kBlocking);
  const RunResult r = run_loopwarden(dir.path(), "check --fix --unsafe-fixes " + args);
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  return read_text(file);
}

bool compiles(const std::string& source) {
  ScratchDir dir;
  const auto file = dir.write("m.py", source);
  const std::string command =
      "python3 -c " + testing::shell_quote("import ast,sys;ast.parse(open(sys.argv[1]).read())") +
      " " + testing::shell_quote(file.string());
  return std::system(command.c_str()) == 0;
}

TEST(TargetVersionTest, ToThreadFromPython39) {
  for (const char* target : {"", "--target-version py39", "--target-version py314"}) {
    const std::string text = fixed_with(target);
    EXPECT_THAT(text, HasSubstr("return await asyncio.to_thread(requests.get, url, timeout=5)\n"))
        << target;
    EXPECT_THAT(text, HasSubstr("import asyncio\n"));
  }
}

TEST(TargetVersionTest, RunInExecutorBeforePython39) {
  const std::string text = fixed_with("--target-version py38");
  EXPECT_THAT(text, HasSubstr("return await asyncio.get_running_loop().run_in_executor(None, "
                              "lambda: requests.get(url, timeout=5))\n"));
  EXPECT_THAT(text, Not(HasSubstr("to_thread")));
  EXPECT_TRUE(compiles(text)) << text;
}

TEST(TargetVersionTest, ConfigurationKeyAndRequiresPython) {
  EXPECT_THAT(fixed_with("", "[tool.loopwarden]\ntarget-version = \"py37\"\n"),
              HasSubstr("run_in_executor(None, lambda: requests.get"));
  // Without `target-version`, the lower bound of `requires-python` (as ruff).
  EXPECT_THAT(fixed_with("",
                         "[project]\nname = \"x\"\nrequires-python = \">=3.8, <4\"\n\n"
                         "[tool.loopwarden]\n"),
              HasSubstr("run_in_executor(None, lambda: requests.get"));
  EXPECT_THAT(fixed_with("", "[project]\nrequires-python = \"~=3.10\"\n[tool.loopwarden]\n"),
              HasSubstr("asyncio.to_thread(requests.get"));
  // The command line wins over both.
  EXPECT_THAT(fixed_with("--target-version py312",
                         "[project]\nrequires-python = \">=3.8\"\n[tool.loopwarden]\n"
                         "target-version = \"py38\"\n"),
              HasSubstr("asyncio.to_thread(requests.get"));
}

TEST(TargetVersionTest, SuggestionsFollowTheTarget) {
  ScratchDir dir;
  dir.write("a.py",
            "import asyncio\n\n\nasync def work():\n    await asyncio.sleep(1)\n\n\n"
            "async def main():\n    asyncio.create_task(work())\n");
  const auto message = [&](const std::string& args) {
    const RunResult r = run_loopwarden(dir.path(), "check --output-format json " + args);
    const auto json = nlohmann::json::parse(r.out);
    EXPECT_EQ(json.size(), 1U) << r.out;
    return json.empty() ? std::string() : json[0]["message"].get<std::string>();
  };
  // The results cache is keyed by the target: each run sees its own message.
  EXPECT_THAT(message("--target-version py311"), HasSubstr("asyncio.TaskGroup"));
  EXPECT_THAT(message("--target-version py310"), Not(HasSubstr("TaskGroup")));
  EXPECT_THAT(message(""), HasSubstr("asyncio.TaskGroup"));
}

TEST(TargetVersionTest, InvalidTargetsAreUsageErrors) {
  ScratchDir dir;
  dir.write("a.py", kBlocking);
  const RunResult bad = run_loopwarden(dir.path(), "check --target-version py27");
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, HasSubstr("--target-version"));
  dir.write("loopwarden.toml", "target-version = \"3.9\"\n");
  const RunResult key = run_loopwarden(dir.path(), "check");
  EXPECT_EQ(key.status, 2);
  EXPECT_THAT(key.err, HasSubstr("loopwarden.toml:1:18: `target-version` must be one of py37"));
}

TEST(TargetVersionTest, RequiresPythonLowerBound) {
  using config::requires_python_minimum;
  EXPECT_EQ(requires_python_minimum(">=3.9"), 9);
  EXPECT_EQ(requires_python_minimum(">=3.8,<4"), 8);
  EXPECT_EQ(requires_python_minimum(">= 3.10, != 3.11.*"), 10);
  EXPECT_EQ(requires_python_minimum("==3.12.*"), 12);
  EXPECT_EQ(requires_python_minimum("<3.12"), std::nullopt);
  EXPECT_EQ(requires_python_minimum(">=2.7"), std::nullopt);
  EXPECT_EQ(config::parse_target_version("py38"), 8);
  EXPECT_EQ(config::parse_target_version("py314"), 14);
  EXPECT_EQ(config::parse_target_version("py36"), std::nullopt);
  EXPECT_EQ(config::parse_target_version("py3"), std::nullopt);
}

}  // namespace
}  // namespace lw::server::cli
