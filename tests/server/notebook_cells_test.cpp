// server/notebook: cells joined into one module, IPython syntax neutralised byte for byte, rows
// mapped back to cells, changed modules split back into cells, the JSON written back in the
// file's own layout.
#include <gtest/gtest.h>

#include <string>

#include "server/notebook/notebook.h"
#include "server/text/line_diff.h"

namespace lw::server::notebook {

using text::diff_lines;
using text::LineOp;
namespace {

TEST(NotebookCells, NeutralisesIPythonSyntaxKeepingLengths) {
  const std::string cell =
      "%matplotlib inline\n"
      "!pip install httpx\n"
      "files = !ls -la\n"
      "a, b = %sx echo 1\n"
      "obj?\n"
      "obj.attr??\n"
      "%time x = \\\n"
      "    f()\n"
      "x = 3 % 2\n"
      "s = (1\n"
      "     % 2)\n"
      "t = \"\"\"\n"
      "%not a magic\n"
      "\"\"\"\n"
      "if x != 2:\n"
      "    %time f()\n";
  const std::optional<std::string> out = neutralise_ipython(cell);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->size(), cell.size());
  EXPECT_EQ(*out,
            "0                 \n"
            "0                 \n"
            "files = 0      \n"
            "a, b = 0         \n"
            "0   \n"
            "0         \n"
            "0          \n"
            "       \n"
            "x = 3 % 2\n"
            "s = (1\n"
            "     % 2)\n"
            "t = \"\"\"\n"
            "%not a magic\n"
            "\"\"\"\n"
            "if x != 2:\n"
            "    0        \n");
}

TEST(NotebookCells, CellMagics) {
  EXPECT_EQ(neutralise_ipython("%%time\nx = 1\n"), std::optional<std::string>("      \nx = 1\n"));
  EXPECT_EQ(neutralise_ipython("%%bash\necho hi\n"), std::nullopt);
  EXPECT_EQ(neutralise_ipython("%%writefile a.py\nx = 1\n"), std::nullopt);
}

TEST(NotebookCells, JoinsCodeCellsAndMapsRows) {
  const CellJoin join({std::string("import time"), std::nullopt, std::string(""),
                       std::string("%cd /tmp\ntime.sleep(1)\n"), std::string("%%bash\nls\n"),
                       std::string("x = 1")});
  EXPECT_EQ(join.module_text(), "import time\n0       \ntime.sleep(1)\nx = 1\n");
  EXPECT_EQ(join.display_text(), "import time\n%cd /tmp\ntime.sleep(1)\nx = 1\n");
  EXPECT_EQ(join.cell_row(1).cell, 1U);
  EXPECT_EQ(join.cell_row(3).cell, 4U);
  EXPECT_EQ(join.cell_row(3).row, 2U);
  EXPECT_EQ(join.cell_row(4).cell, 6U);
  EXPECT_EQ(join.cell_row(4).row, 1U);
  EXPECT_EQ(join.cell_row(5).cell, 6U);  // past the end: the last cell's next row
  EXPECT_EQ(join.cell_row(5).row, 2U);
  EXPECT_EQ(join.module_row(CellRow{4, 2}), std::optional<std::uint32_t>(3));
  EXPECT_EQ(join.module_row(CellRow{5, 1}), std::nullopt);  // %%bash: not in the module
  EXPECT_EQ(join.cell_display_text(4), "%cd /tmp\ntime.sleep(1)\n");
}

TEST(NotebookCells, SplitsAChangedModuleBackIntoCells) {
  const CellJoin join({std::string("import time"), std::string("%cd /tmp\ntime.sleep(1)\n"),
                       std::string("y = 2\nz = 3")});
  // An import after the first cell's imports, a line replaced in the second cell, a line
  // deleted from the third: the magic comes back as written, final newlines as they were.
  const std::vector<std::string> parts =
      join.split("import asyncio\nimport time\n0       \nawait asyncio.sleep(1)\nz = 3\n");
  ASSERT_EQ(parts.size(), 3U);
  EXPECT_EQ(parts[0], "import asyncio\nimport time");
  EXPECT_EQ(parts[1], "%cd /tmp\nawait asyncio.sleep(1)\n");
  EXPECT_EQ(parts[2], "z = 3");
  // Unchanged: every cell as written.
  const std::vector<std::string> same = join.split(join.module_text());
  EXPECT_EQ(same[0], "import time");
  EXPECT_EQ(same[1], "%cd /tmp\ntime.sleep(1)\n");
  EXPECT_EQ(same[2], "y = 2\nz = 3");
}

TEST(NotebookCells, LineDiffIsAShortestEditScript) {
  const std::vector<std::string_view> a = {"a", "b", "c", "d", "e"};
  const std::vector<std::string_view> b = {"a", "x", "c", "e", "f"};
  std::size_t equal = 0, deleted = 0, inserted = 0;
  for (const LineOp& op : diff_lines(a, b)) {
    equal += op.kind == LineOp::Equal;
    deleted += op.kind == LineOp::Delete;
    inserted += op.kind == LineOp::Insert;
    if (op.kind == LineOp::Equal) {
      EXPECT_EQ(a[op.old_line], b[op.new_line]);
    }
  }
  EXPECT_EQ(equal, 3U);
  EXPECT_EQ(deleted, 2U);
  EXPECT_EQ(inserted, 2U);
}

TEST(NotebookJson, WritesBackOnlyTheChangedCellsInTheFilesLayout) {
  const std::string raw =
      "{\n"
      "  \"metadata\": {\"zeta\": 1, \"alpha\": 2},\n"
      "  \"cells\": [\n"
      "    {\"source\": [\"import time\\n\", \"time.sleep(1)\"], \"cell_type\": \"code\",\n"
      "     \"outputs\": [{\"text\": \"\\u00e9\"}]},\n"
      "    {\"cell_type\": \"markdown\", \"source\": \"text\"},\n"
      "    {\"cell_type\": \"code\", \"source\": \"x = 1\\n\"}\n"
      "  ]\n"
      "}\n";
  std::string error;
  const auto notebook = Notebook::parse(raw, error);
  ASSERT_TRUE(notebook) << error;
  EXPECT_EQ(notebook->module_text(), "import time\ntime.sleep(1)\nx = 1\n");
  EXPECT_EQ(notebook->with_module_text(notebook->module_text()), raw);
  const std::string written = notebook->with_module_text("import time\nprint(1)\nx = 1\n");
  EXPECT_EQ(written,
            "{\n"
            "  \"metadata\": {\n"
            "    \"zeta\": 1,\n"
            "    \"alpha\": 2\n"
            "  },\n"
            "  \"cells\": [\n"
            "    {\n"
            "      \"source\": [\n"
            "        \"import time\\n\",\n"
            "        \"print(1)\"\n"
            "      ],\n"
            "      \"cell_type\": \"code\",\n"
            "      \"outputs\": [\n"
            "        {\n"
            "          \"text\": \"\xC3\xA9\"\n"
            "        }\n"
            "      ]\n"
            "    },\n"
            "    {\n"
            "      \"cell_type\": \"markdown\",\n"
            "      \"source\": \"text\"\n"
            "    },\n"
            "    {\n"
            "      \"cell_type\": \"code\",\n"
            "      \"source\": \"x = 1\\n\"\n"
            "    }\n"
            "  ]\n"
            "}\n");
}

TEST(NotebookJson, RejectsWhatIsNotANotebookAndSkipsOtherLanguages) {
  std::string error;
  EXPECT_FALSE(Notebook::parse("{\"cells\": 3}", error));
  EXPECT_NE(error.find("cells"), std::string::npos);
  EXPECT_FALSE(Notebook::parse("not json", error));
  const auto r = Notebook::parse(
      "{\"metadata\": {\"kernelspec\": {\"language\": \"R\"}}, \"cells\": [{\"cell_type\": "
      "\"code\", \"source\": \"library(x)\"}]}",
      error);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->module_text(), "");
}

}  // namespace
}  // namespace lw::server::notebook
