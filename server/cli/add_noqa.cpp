#include "server/cli/add_noqa.h"

#include <cctype>
#include <vector>

namespace lw::server::cli {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Where the comment of a code line starts (outside string literals), or npos. Tracks triple-
// quoted strings across lines through `in_triple` (the open quote character, or 0).
std::size_t comment_start(std::string_view line, char& in_triple) {
  char quote = 0;  // single-line string
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_triple != 0) {
      if (c == '\\') {
        ++i;
      } else if (c == in_triple && line.substr(i, 3) == std::string(3, in_triple)) {
        in_triple = 0;
        i += 2;
      }
      continue;
    }
    if (quote != 0) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '#') return i;
    if (c == '"' || c == '\'') {
      if (line.substr(i, 3) == std::string(3, c)) {
        in_triple = c;
        i += 2;
      } else {
        quote = c;
      }
    }
  }
  return std::string_view::npos;
}

// The `# noqa...` directive inside a comment: its start and end, and whether it names codes.
struct Directive {
  std::size_t begin = std::string_view::npos;
  std::size_t end = 0;
  bool blanket = false;
  std::set<std::string> codes;
};

Directive find_directive(std::string_view comment) {
  Directive d;
  for (std::size_t hash = comment.find('#'); hash != std::string_view::npos;
       hash = comment.find('#', hash + 1)) {
    std::size_t i = hash + 1;
    while (i < comment.size() && comment[i] == ' ') ++i;
    if (!iequals(comment.substr(i, 4), "noqa")) continue;
    i += 4;
    d.begin = hash;
    if (i >= comment.size() || comment[i] != ':') {
      d.blanket = true;
      d.end = i;
      return d;
    }
    ++i;
    while (true) {
      while (i < comment.size() && (comment[i] == ' ' || comment[i] == ',')) ++i;
      std::size_t j = i;
      while (j < comment.size() && std::isalnum(static_cast<unsigned char>(comment[j]))) ++j;
      if (j == i) break;
      d.codes.insert(std::string(comment.substr(i, j - i)));
      i = j;
    }
    while (i > 0 && comment[i - 1] == ' ') --i;
    d.end = i;
    if (d.codes.empty()) d.blanket = true;
    return d;
  }
  return d;
}

std::string joined(const std::set<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) out += (out.empty() ? "" : ", ") + code;
  return out;
}

}  // namespace

NoqaEdit add_noqa(std::string_view text,
                  const std::map<std::uint32_t, std::set<std::string>>& codes_by_row) {
  NoqaEdit edit;
  char in_triple = 0;
  std::uint32_t row = 1;
  for (std::size_t start = 0; start < text.size(); ++row) {
    std::size_t end = start;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    std::size_t next = end;
    if (next < text.size() && text[next] == '\r') ++next;
    if (next < text.size() && text[next] == '\n') ++next;
    const std::string_view line = text.substr(start, end - start);
    const std::size_t hash = comment_start(line, in_triple);
    const auto wanted = codes_by_row.find(row);
    std::string new_line(line);
    const bool can_end_with_comment =
        in_triple == 0 && (hash != std::string_view::npos || line.empty() || line.back() != '\\');
    if (wanted != codes_by_row.end() && can_end_with_comment) {
      if (hash == std::string_view::npos) {
        std::size_t code_end = line.size();
        while (code_end > 0 && (line[code_end - 1] == ' ' || line[code_end - 1] == '\t')) {
          --code_end;
        }
        new_line = std::string(line.substr(0, code_end)) + "  # noqa: " + joined(wanted->second);
        ++edit.added;
      } else {
        const std::string_view comment = line.substr(hash);
        const Directive d = find_directive(comment);
        if (d.begin == std::string_view::npos) {
          new_line = std::string(line.substr(0, hash)) + "# noqa: " + joined(wanted->second) + " " +
                     std::string(comment);
          ++edit.added;
        } else if (!d.blanket) {
          std::set<std::string> codes = d.codes;
          const std::size_t before = codes.size();
          codes.insert(wanted->second.begin(), wanted->second.end());
          if (codes.size() != before) {
            new_line = std::string(line.substr(0, hash + d.begin)) + "# noqa: " + joined(codes) +
                       std::string(comment.substr(d.end));
            ++edit.added;
          }
        }
      }
    }
    edit.text += new_line;
    edit.text += text.substr(end, next - end);
    start = next;
  }
  return edit;
}

}  // namespace lw::server::cli
