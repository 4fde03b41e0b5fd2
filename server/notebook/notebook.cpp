#include "server/notebook/notebook.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "server/text/line_diff.h"

namespace lw::server::notebook {

using text::diff_lines;
using text::LineOp;
namespace {

using Json = nlohmann::ordered_json;

// Cell magics whose body is Python (ruff's list, less the ones that run another interpreter).
constexpr std::array<std::string_view, 7> kPythonCellMagics = {"time",  "timeit", "capture", "prun",
                                                               "debug", "python", "python3"};

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

std::string_view without_ending(std::string_view line) {
  if (line.ends_with('\n')) line.remove_suffix(1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

bool is_name_char(char c) {
  return c == '_' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

// Where the IPython syntax of a logical line's first physical line starts (`content` without
// its ending, `p` its first non-blank byte), or npos when it is Python.
std::size_t ipython_start(std::string_view content, std::size_t p) {
  const char c = content[p];
  if (c == '%' || c == '!' || c == '?') return p;  // `%magic`, `!shell`, `?help`
  // `x = !ls`, `a, b = %sx cmd`: plain targets, one `=`, then a magic or a shell escape.
  std::size_t q = p;
  while (q < content.size() && (is_name_char(content[q]) || content[q] == ',' || content[q] == ' '))
    ++q;
  if (q > p && q < content.size() && content[q] == '=' &&
      (q + 1 >= content.size() || content[q + 1] != '=')) {
    std::size_t r = q + 1;
    while (r < content.size() && content[r] == ' ') ++r;
    if (r < content.size() && (content[r] == '%' || content[r] == '!')) return r;
  }
  // `obj?`, `obj.attr??`: a dotted name followed by question marks, nothing else.
  std::string_view rest = content.substr(p);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
  if (rest.ends_with('?')) {
    std::string_view name = rest;
    while (name.ends_with('?')) name.remove_suffix(1);
    if (!name.empty() && rest.size() - name.size() <= 2 &&
        std::all_of(name.begin(), name.end(), is_name_char)) {
      return p;
    }
  }
  return std::string_view::npos;
}

// The lexical state between physical lines: open brackets, an open string, a backslash.
struct Scanner {
  int depth = 0;
  char quote = 0;  // the open string's quote character, 0 when none
  bool triple = false;
  bool continued = false;  // the previous line ended with a backslash outside a string

  bool at_statement_start() const { return depth == 0 && quote == 0 && !continued; }

  void scan(std::string_view content) {
    continued = false;
    for (std::size_t i = 0; i < content.size(); ++i) {
      const char c = content[i];
      if (quote != 0) {
        if (c == '\\') {
          if (i + 1 == content.size()) continued = !triple;  // a continued one-line string
          ++i;
        } else if (c == quote) {
          if (!triple) {
            quote = 0;
          } else if (content.substr(i, 3) == std::string(3, quote)) {
            quote = 0;
            i += 2;
          }
        }
        continue;
      }
      if (c == '#') break;
      if (c == '"' || c == '\'') {
        quote = c;
        triple = content.substr(i, 3) == std::string(3, c);
        if (triple) i += 2;
      } else if (c == '(' || c == '[' || c == '{') {
        ++depth;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        --depth;
      } else if (c == '\\' && i + 1 == content.size()) {
        continued = true;
      }
    }
    if (quote != 0 && !triple && !continued) quote = 0;  // an unterminated string ends here
  }
};

void blank(std::string& text, std::size_t from, std::size_t to, bool zero_first) {
  for (std::size_t i = from; i < to; ++i) text[i] = ' ';
  if (zero_first && from < to) text[from] = '0';
}

}  // namespace

std::optional<std::string> neutralise_ipython(std::string_view cell) {
  std::string out(cell);
  std::size_t offset = 0;
  Scanner scanner;
  bool magic_continues = false;  // the previous line was IPython syntax ending with `\`
  bool first = true;
  for (std::string_view line : lines_of(cell)) {
    const std::string_view content = without_ending(line);
    const std::size_t start = offset;
    offset += line.size();
    if (first) {
      first = false;
      const std::size_t p = content.find_first_not_of(" \t");
      if (p != std::string_view::npos && content.substr(p).starts_with("%%")) {
        std::string_view name = content.substr(p + 2);
        name = name.substr(0, name.find_first_of(" \t"));
        if (std::find(kPythonCellMagics.begin(), kPythonCellMagics.end(), name) ==
            kPythonCellMagics.end()) {
          return std::nullopt;
        }
        blank(out, start, start + content.size(), false);
        magic_continues = content.ends_with('\\');
        continue;
      }
    }
    if (magic_continues) {
      blank(out, start, start + content.size(), false);
      magic_continues = content.ends_with('\\');
      continue;
    }
    const std::size_t p = content.find_first_not_of(" \t");
    if (p == std::string_view::npos) continue;
    if (scanner.at_statement_start() && content[p] != '#') {
      const std::size_t magic = ipython_start(content, p);
      if (magic != std::string_view::npos) {
        blank(out, start + magic, start + content.size(), true);
        magic_continues = content.ends_with('\\');
        continue;
      }
    }
    scanner.scan(content);
  }
  return out;
}

CellJoin::CellJoin(const std::vector<std::optional<std::string>>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (!cells[i]) continue;
    std::optional<std::string> python = neutralise_ipython(*cells[i]);
    if (!python) continue;
    CellSpan span;
    span.index = i;
    span.offset = module_.size();
    span.first_row = static_cast<std::uint32_t>(std::count(module_.begin(), module_.end(), '\n'));
    std::string display = *cells[i];
    if (!display.empty() && !display.ends_with('\n')) {
      display += '\n';
      *python += '\n';
      span.ended_with_newline = false;
    }
    span.rows = static_cast<std::uint32_t>(std::count(display.begin(), display.end(), '\n'));
    module_ += *python;
    display_ += display;
    spans_.push_back(span);
  }
}

CellRow CellJoin::cell_row(std::uint32_t module_row) const {
  const std::uint32_t row0 = module_row == 0 ? 0 : module_row - 1;
  const CellSpan* found = nullptr;
  for (const CellSpan& span : spans_) {
    if (span.rows == 0) continue;
    if (span.first_row > row0) break;
    found = &span;
  }
  if (found == nullptr)
    return CellRow{spans_.empty() ? 1 : static_cast<std::uint32_t>(spans_[0].index + 1), 1};
  return CellRow{static_cast<std::uint32_t>(found->index + 1), row0 - found->first_row + 1};
}

std::optional<std::uint32_t> CellJoin::module_row(CellRow at) const {
  for (const CellSpan& span : spans_) {
    if (span.index + 1 == at.cell) return span.first_row + at.row;
  }
  return std::nullopt;
}

std::string_view CellJoin::cell_display_text(std::uint32_t cell) const {
  for (std::size_t k = 0; k < spans_.size(); ++k) {
    if (spans_[k].index + 1 != cell) continue;
    const std::size_t end = k + 1 < spans_.size() ? spans_[k + 1].offset : display_.size();
    return std::string_view(display_).substr(spans_[k].offset, end - spans_[k].offset);
  }
  return {};
}

std::vector<std::string> CellJoin::split(std::string_view changed_module) const {
  const std::vector<std::string_view> old_lines = lines_of(module_);
  const std::vector<std::string_view> shown = lines_of(display_);
  const std::vector<std::string_view> new_lines = lines_of(changed_module);
  std::vector<std::size_t> owner(old_lines.size(), 0);
  for (std::size_t k = 0; k < spans_.size(); ++k) {
    for (std::uint32_t r = 0; r < spans_[k].rows; ++r) owner[spans_[k].first_row + r] = k;
  }
  std::vector<std::string> parts(spans_.size());
  const std::vector<LineOp> ops = diff_lines(old_lines, new_lines);
  std::optional<std::size_t> previous;  // the span of the last old line passed
  for (std::size_t i = 0; i < ops.size();) {
    if (ops[i].kind == LineOp::Equal) {
      parts[owner[ops[i].old_line]] += shown[ops[i].old_line];
      previous = owner[ops[i].old_line];
      ++i;
      continue;
    }
    // A hunk: its deleted lines, then its inserted lines; the k-th inserted line replaces the
    // k-th deleted one (the last for the extra ones), or follows the line before the hunk.
    std::vector<std::size_t> deleted, inserted;
    for (; i < ops.size() && ops[i].kind != LineOp::Equal; ++i) {
      if (ops[i].kind == LineOp::Delete) {
        deleted.push_back(ops[i].old_line);
      } else {
        inserted.push_back(ops[i].new_line);
      }
    }
    std::size_t fallback = 0;
    if (previous) {
      fallback = *previous;
    } else if (i < ops.size()) {
      fallback = owner[ops[i].old_line];
    } else if (!deleted.empty()) {
      fallback = owner[deleted.front()];
    }
    for (std::size_t k = 0; k < inserted.size(); ++k) {
      const std::size_t to =
          deleted.empty() ? fallback : owner[deleted[std::min(k, deleted.size() - 1)]];
      if (to < parts.size()) parts[to] += new_lines[inserted[k]];
    }
    if (!deleted.empty()) previous = owner[deleted.back()];
  }
  for (std::size_t k = 0; k < spans_.size(); ++k) {
    if (!spans_[k].ended_with_newline && parts[k].ends_with('\n')) parts[k].pop_back();
  }
  return parts;
}

struct Notebook::State {
  Json json;
  int indent = -1;  // -1: compact
  char indent_char = ' ';
  bool final_newline = false;
  std::vector<bool> source_is_list;  // per span
  std::vector<std::string> sources;  // per span, as written
};

namespace {

std::optional<std::string> source_of(const Json& source, bool& is_list) {
  if (source.is_string()) {
    is_list = false;
    return source.get<std::string>();
  }
  if (!source.is_array()) return std::nullopt;
  is_list = true;
  std::string text;
  for (const Json& line : source) {
    if (!line.is_string()) return std::nullopt;
    text += line.get_ref<const std::string&>();
  }
  return text;
}

bool is_python_notebook(const Json& root) {
  const auto metadata = root.find("metadata");
  if (metadata == root.end() || !metadata->is_object()) return true;
  for (const auto& [section, key] :
       {std::pair{"language_info", "name"}, {"kernelspec", "language"}}) {
    const auto table = metadata->find(section);
    if (table == metadata->end() || !table->is_object()) continue;
    const auto value = table->find(key);
    if (value != table->end() && value->is_string() && value->get<std::string>() != "python") {
      return false;
    }
  }
  return true;
}

Json as_source(const std::string& text, bool is_list) {
  if (!is_list) return Json(text);
  Json lines = Json::array();
  for (std::string_view line : lines_of(text)) lines.push_back(std::string(line));
  return lines;
}

}  // namespace

std::shared_ptr<const Notebook> Notebook::parse(std::string_view json, std::string& error) {
  auto state = std::make_shared<State>();
  try {
    state->json = Json::parse(json);
  } catch (const Json::exception& e) {
    error = std::string("not a valid notebook: ") + e.what();
    return nullptr;
  }
  const Json& root = state->json;
  const auto cells = root.is_object() ? root.find("cells") : root.end();
  if (!root.is_object() || cells == root.end() || !cells->is_array()) {
    error = "not a valid notebook: no `cells` array";
    return nullptr;
  }
  const bool python = is_python_notebook(root);
  std::vector<std::optional<std::string>> sources;
  std::vector<bool> is_list;
  for (const Json& cell : *cells) {
    const auto type = cell.is_object() ? cell.find("cell_type") : cell.end();
    const auto source = cell.is_object() ? cell.find("source") : cell.end();
    if (type == cell.end() || source == cell.end()) {
      error = "not a valid notebook: a cell without `cell_type` or `source`";
      return nullptr;
    }
    bool list = false;
    std::optional<std::string> text = source_of(*source, list);
    if (!text) {
      error = "not a valid notebook: a cell `source` that is not text";
      return nullptr;
    }
    const bool code = python && type->is_string() && type->get<std::string>() == "code";
    sources.push_back(code ? std::move(text) : std::nullopt);
    is_list.push_back(list);
  }
  auto notebook = std::make_shared<Notebook>();
  notebook->raw_ = std::string(json);
  notebook->join_ = std::make_shared<const CellJoin>(sources);
  for (const CellSpan& span : notebook->join_->spans()) {
    state->source_is_list.push_back(is_list[span.index]);
    state->sources.push_back(*sources[span.index]);
  }
  // The file's layout: nbformat writes one space of indentation and a final newline.
  if (const std::size_t nl = json.find('\n'); nl != std::string_view::npos) {
    std::size_t n = 0;
    while (nl + 1 + n < json.size() && (json[nl + 1 + n] == ' ' || json[nl + 1 + n] == '\t')) ++n;
    state->indent = static_cast<int>(n);
    if (n > 0) state->indent_char = json[nl + 1];
  }
  state->final_newline = json.ends_with('\n');
  notebook->state_ = std::move(state);
  return notebook;
}

std::string Notebook::with_module_text(std::string_view changed_module) const {
  if (changed_module == join_->module_text()) return raw_;
  const std::vector<std::string> parts = join_->split(changed_module);
  Json json = state_->json;
  Json& cells = json["cells"];
  bool changed = false;
  const std::vector<CellSpan>& spans = join_->spans();
  for (std::size_t k = 0; k < spans.size(); ++k) {
    if (parts[k] == state_->sources[k]) continue;
    cells[spans[k].index]["source"] = as_source(parts[k], state_->source_is_list[k]);
    changed = true;
  }
  if (!changed) return raw_;
  std::string out = json.dump(state_->indent, state_->indent_char, false);
  if (state_->final_newline) out += '\n';
  return out;
}

bool is_notebook_path(std::string_view path) { return path.ends_with(".ipynb"); }

}  // namespace lw::server::notebook
