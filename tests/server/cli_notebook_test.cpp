// `loopwarden check` on Jupyter notebooks, through the real binary (INTERFACES.md
// "Notebooks"): discovered like *.py, analysed as one module with IPython's autoawait, rows
// per cell in every output, `--fix` and `--add-noqa` written back in the file's own layout.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/server/cli_test_support.h"

namespace lw::server::testing {
namespace {

std::filesystem::path notebooks_dir() {
  return std::filesystem::path(LW_TESTS_DIR) / "server" / "fixtures" / "notebooks";
}

std::string fixture(std::string_view name) { return read_text(notebooks_dir() / name); }

// code -> "cell:row:column" of every diagnostic of the JSON output.
std::multimap<std::string, std::string> findings(const std::string& json_output) {
  std::multimap<std::string, std::string> out;
  for (const auto& d : nlohmann::json::parse(json_output)) {
    const std::string cell = d["cell"].is_null() ? "-" : std::to_string(d["cell"].get<int>());
    out.emplace(d["code"].get<std::string>(),
                cell + ":" + std::to_string(d["location"]["row"].get<int>()) + ":" +
                    std::to_string(d["location"]["column"].get<int>()));
  }
  return out;
}

TEST(CliNotebook, FindingsAreReportedPerCellWithAutoawait) {
  ScratchDir dir;
  dir.write("fetch.ipynb", fixture("fetch.ipynb"));
  const RunResult r = run_loopwarden(dir.path(), "check --no-cache --output-format json .");
  EXPECT_EQ(r.status, 1) << r.err;
  const auto found = findings(r.out);
  // Cell numbers count every cell (the markdown one is 1). Top-level `await` and `async with`
  // (cell 4) are legal; magics, shell escapes and help lines are no syntax errors; `%%bash`
  // (cell 5) is not Python; `asyncio.run` at the top of a cell raises (cell 6); `await` in a
  // plain def is still LW207 (cell 7).
  const std::multimap<std::string, std::string> expected = {
      {"LW102", "3:2:5"}, {"LW206", "6:1:1"}, {"LW207", "7:2:5"}};
  EXPECT_EQ(found, expected) << r.out;
  const nlohmann::json first = nlohmann::json::parse(r.out)[0];
  EXPECT_EQ(first["filename"], "fetch.ipynb");
  EXPECT_EQ(first["noqa_row"], 2);
  EXPECT_EQ(first["fix"]["edits"][0]["location"]["row"], 2);  // rows of the cell
}

TEST(CliNotebook, TextFormatsNameTheCell) {
  ScratchDir dir;
  dir.write("nb/fetch.ipynb", fixture("fetch.ipynb"));
  const RunResult concise = run_loopwarden(dir.path(), "check --no-cache --output-format concise");
  EXPECT_NE(concise.out.find("nb/fetch.ipynb:cell 3:2:5: LW102 [*] "), std::string::npos)
      << concise.out;
  const RunResult full = run_loopwarden(dir.path(), "check --no-cache nb/fetch.ipynb");
  // The quoted lines are the cell's, with the cell's row numbers.
  EXPECT_NE(full.out.find("nb/fetch.ipynb:cell 6:1:1: LW206"), std::string::npos) << full.out;
  EXPECT_NE(full.out.find("2 |     time.sleep(1)\n"), std::string::npos) << full.out;
  EXPECT_NE(full.out.find("1 | asyncio.run(fetch(\"https://example.com\"))\n"), std::string::npos)
      << full.out;
  const RunResult grouped = run_loopwarden(dir.path(), "check --no-cache --output-format grouped");
  EXPECT_NE(grouped.out.find("  cell 3:2:5 LW102"), std::string::npos) << grouped.out;
}

TEST(CliNotebook, FixWritesTheCellBackKeepingTheLayout) {
  ScratchDir dir;
  const std::string before = fixture("layout.ipynb");
  const auto path = dir.write("layout.ipynb", before);
  const RunResult r = run_loopwarden(dir.path(), "check --no-cache --fix --output-format concise");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("1 fixed"), std::string::npos) << r.out;
  const std::string after = read_text(path);
  // Only the fixed cell's source changed (and `import asyncio` joined the first cell's
  // imports); keys, indentation, outputs, metadata and the missing final newline are kept.
  std::string expected = before;
  auto replace = [&](const std::string& from, const std::string& to) {
    const std::size_t at = expected.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    expected.replace(at, from.size(), to);
  };
  replace("\"source\": \"import time\\n\"", "\"source\": \"import asyncio\\nimport time\\n\"");
  replace("time.sleep(0.5)  # wait", "await asyncio.sleep(0.5)  # wait");
  EXPECT_EQ(after, expected);
  // Checked again: nothing left.
  const RunResult again = run_loopwarden(dir.path(), "check --no-cache --output-format concise");
  EXPECT_EQ(again.status, 0) << again.out;
}

TEST(CliNotebook, DiffIsPerCellWithTheMagicsAsWritten) {
  ScratchDir dir;
  dir.write("fetch.ipynb", fixture("fetch.ipynb"));
  const RunResult r = run_loopwarden(dir.path(), "check --no-cache --diff fetch.ipynb");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("--- fetch.ipynb:cell 3\n+++ fetch.ipynb:cell 3\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("-    time.sleep(1)\n+    await asyncio.sleep(1)\n"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("cell 2"), std::string::npos) << r.out;  // unchanged cells: no hunk
  EXPECT_EQ(read_text(dir.path() / "fetch.ipynb"), fixture("fetch.ipynb"));
}

TEST(CliNotebook, AddNoqaWritesIntoTheCells) {
  ScratchDir dir;
  const auto path = dir.write("fetch.ipynb", fixture("fetch.ipynb"));
  const RunResult r = run_loopwarden(dir.path(), "check --no-cache --add-noqa");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("Added 3 noqa directives."), std::string::npos) << r.err;
  const nlohmann::ordered_json nb = nlohmann::ordered_json::parse(read_text(path));
  EXPECT_EQ(nb["cells"][2]["source"][1], "    time.sleep(1)  # noqa: LW102\n");
  EXPECT_EQ(nb["cells"][5]["source"][0],
            "asyncio.run(fetch(\"https://example.com\"))  # noqa: LW206");
  // The magics and the outputs are as they were.
  EXPECT_EQ(nb["cells"][3]["source"][0], "!pip list\n");
  EXPECT_EQ(nb["cells"][3]["outputs"][0]["text"][1], "httpx      0.27.0\n");
  const RunResult again = run_loopwarden(dir.path(), "check --no-cache");
  EXPECT_EQ(again.status, 0) << again.out;
}

TEST(CliNotebook, InvalidNotebookIsUnreadableAndCheckpointsAreSkipped) {
  ScratchDir dir;
  dir.write("broken.ipynb", "{\"cells\": ");
  dir.write(".ipynb_checkpoints/fetch-checkpoint.ipynb", fixture("fetch.ipynb"));
  const RunResult r =
      run_loopwarden(dir.path(), "check --no-cache --output-format concise --show-files");
  EXPECT_EQ(r.out, "broken.ipynb\n");
  const RunResult c = run_loopwarden(dir.path(), "check --no-cache --output-format concise");
  EXPECT_EQ(c.status, 1);
  EXPECT_NE(c.out.find("broken.ipynb:1:1: LW003 File cannot be checked: not a valid notebook"),
            std::string::npos)
      << c.out;
}

TEST(CliNotebook, StandardInputWithANotebookName) {
  ScratchDir dir;
  const RunResult r = run_loopwarden(
      dir.path(), "check --no-cache --output-format concise --stdin-filename x.ipynb",
      fixture("layout.ipynb"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("x.ipynb:cell 2:2:5: LW102"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace lw::server::testing
