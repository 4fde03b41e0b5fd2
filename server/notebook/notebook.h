#pragma once
// A Jupyter notebook (`*.ipynb`, INTERFACES.md "Notebooks") as loopwarden analyses it: the
// code cells joined into one module, in order, each ending with a newline (cells that are not
// Python, i.e. whose first line is a cell magic such as `%%bash`, are left out; `%%time`,
// `%%timeit`, `%%capture`, `%%prun`, `%%debug`, `%%python`, `%%python3` keep their Python
// body). IPython syntax that is not Python (line magics `%cd x`, shell escapes `!ls`,
// `x = !ls`, `x = %env`, help `?obj` / `obj?`, and the lines they continue with `\`) is
// replaced, byte for byte, by `0` and spaces: every offset, row and column of the module is
// the one of the cell's own text, so diagnostics map back to (cell, row, column) by rows alone.
//
// Writing back (`--fix`, `--add-noqa`): with_module_text() takes a changed module text, gives
// each line to a cell (a line-level diff against the module: unchanged lines keep their cell
// and their original text, magics included; inserted lines go to the cell of the line before
// them), and replaces the `source` of the cells that changed, keeping its form (one string or
// a list of lines). The JSON is read and written with nlohmann::ordered_json: key order,
// metadata and outputs are kept, and the indentation is the file's (nbformat's one space by
// default); a notebook with no change is returned byte for byte.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lw::server::notebook {

// A row of the module as a notebook shows it: the 1-based cell number (counting every cell of
// the notebook, markdown included, as ruff and the editors do) and the 1-based row in that cell.
struct CellRow {
  std::uint32_t cell = 1;
  std::uint32_t row = 1;
};

// One code cell in the module.
struct CellSpan {
  std::size_t index = 0;           // 0-based position in the notebook's `cells`
  std::uint32_t first_row = 0;     // 0-based module row of its first line
  std::uint32_t rows = 0;          // lines in the module (0 for an empty cell)
  std::size_t offset = 0;          // byte offset of its first line in the module
  bool ended_with_newline = true;  // its source ended with "\n" (else one was added)
};

// The pure part, shared by the files on disk and the server's notebook documents: joins cell
// sources (code cells only, in order) into the module.
class CellJoin {
 public:
  // `cells`: the source of every cell of the notebook, nullopt for a cell that is not code.
  explicit CellJoin(const std::vector<std::optional<std::string>>& cells);

  // What the analysis reads (IPython syntax neutralised).
  const std::string& module_text() const { return module_; }
  // The same lines as written (magics kept): what the output quotes.
  const std::string& display_text() const { return display_; }
  const std::vector<CellSpan>& spans() const { return spans_; }

  // Module row (1-based) -> cell and row. A row past the end is the last cell's next row.
  CellRow cell_row(std::uint32_t module_row) const;
  // Cell and row -> module row (1-based); nullopt when the cell is not in the module.
  std::optional<std::uint32_t> module_row(CellRow at) const;
  // The text of one cell as written (with its added final newline), empty if not in the module.
  std::string_view cell_display_text(std::uint32_t cell) const;

  // Splits a changed module text back into cells (see the header): one text per span, each
  // with the ending of the original (no final newline when the source had none).
  std::vector<std::string> split(std::string_view changed_module) const;

 private:
  std::string module_;
  std::string display_;
  std::vector<CellSpan> spans_;
};

// Replaces IPython syntax in one cell (see the header); nullopt when the whole cell is not
// Python (a cell magic other than the Python ones).
std::optional<std::string> neutralise_ipython(std::string_view cell);

class Notebook {
 public:
  // Parses the notebook's JSON; nullopt with `error` set when it is not a notebook.
  static std::shared_ptr<const Notebook> parse(std::string_view json, std::string& error);

  const CellJoin& cells() const { return *join_; }
  const std::string& module_text() const { return join_->module_text(); }
  const std::string& raw() const { return raw_; }

  // The notebook's JSON with the code cells of `changed_module` (see the header); `raw()`
  // when no cell changed.
  std::string with_module_text(std::string_view changed_module) const;

  struct State;

 private:
  std::string raw_;
  std::shared_ptr<const State> state_;
  std::shared_ptr<const CellJoin> join_;
};

// Whether a path names a notebook (`.ipynb`).
bool is_notebook_path(std::string_view path);

}  // namespace lw::server::notebook
