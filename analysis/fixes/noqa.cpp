#include "analysis/fixes/noqa.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "analysis/diagnostics/suppression.h"
#include "analysis/syntax/navigation.h"
#include "analysis/syntax/python.h"

namespace lw::analysis {
namespace {

using syntax::Kind;

bool is_break(char c) { return c == '\n' || c == '\r'; }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_noqa(std::string_view s) {
  constexpr std::string_view kNoqa = "noqa";
  if (s.size() < kNoqa.size()) return false;
  for (std::size_t i = 0; i < kNoqa.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != kNoqa[i]) return false;
  }
  return true;
}

// In a comment, the offset just after the last code of a `# noqa: A, B` list.
std::optional<std::size_t> noqa_codes_end(std::string_view comment) {
  for (std::size_t hash = comment.find('#'); hash != std::string_view::npos;
       hash = comment.find('#', hash + 1)) {
    std::size_t i = hash + 1;
    while (i < comment.size() && is_blank(comment[i])) ++i;
    if (!starts_with_noqa(comment.substr(i))) continue;
    i += 4;
    if (i >= comment.size() || comment[i] != ':') continue;
    ++i;
    std::optional<std::size_t> end;
    while (true) {
      std::size_t j = i;
      while (j < comment.size() && (is_blank(comment[j]) || (end && comment[j] == ','))) ++j;
      std::size_t start = j;
      while (j < comment.size() && is_upper(comment[j])) ++j;
      std::size_t letters = j - start;
      while (j < comment.size() && is_digit(comment[j])) ++j;
      if (letters == 0 || j - start == letters) break;
      end = j;
      i = j;
    }
    if (end) return end;
  }
  return std::nullopt;
}

// True when the byte at `pos` (a line break) lies inside a string literal.
bool inside_string(TSNode root, std::uint32_t pos) {
  for (TSNode n = ts_node_descendant_for_byte_range(root, pos, pos + 1); !ts_node_is_null(n);
       n = syntax::parent(n)) {
    if (syntax::kind(n) == Kind::String && ts_node_start_byte(n) < pos &&
        pos < ts_node_end_byte(n)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Fix> noqa_fix(TSNode root, std::string_view source, const Diagnostic& diagnostic) {
  if (!can_be_suppressed(diagnostic.rule)) return std::nullopt;  // LW001: a comment cannot
  auto size = static_cast<std::uint32_t>(source.size());
  std::uint32_t start = std::min(diagnostic.range.start, size);
  std::uint32_t line_start = start;
  while (line_start > 0 && !is_break(source[line_start - 1])) --line_start;
  std::uint32_t line_end = start;
  while (line_end < size && !is_break(source[line_end])) ++line_end;
  if (line_end < size && inside_string(root, line_end)) return std::nullopt;
  std::uint32_t last = line_end;  // one past the last non-blank byte of the line
  while (last > line_start && is_blank(source[last - 1])) --last;
  if (last == line_start) return std::nullopt;

  std::string code(rule_info(diagnostic.rule).code);
  Fix fix;
  fix.title = "Disable " + code + " for this line";
  fix.applicability = Applicability::Manual;
  TSNode tail = ts_node_descendant_for_byte_range(root, last - 1, last);
  if (syntax::kind(tail) == Kind::Comment) {
    std::uint32_t comment_start = ts_node_start_byte(tail);
    std::string_view comment = source.substr(comment_start, last - comment_start);
    if (auto end = noqa_codes_end(comment)) {
      auto at = static_cast<std::uint32_t>(comment_start + *end);
      fix.edits.push_back(TextEdit{{at, at}, ", " + code});
      return fix;
    }
  } else if (source[last - 1] == '\\') {
    return std::nullopt;  // a line continuation: a comment would end the statement
  }
  fix.edits.push_back(TextEdit{{last, line_end}, "  # noqa: " + code});
  return fix;
}

void add_noqa_fixes(TSNode root, std::string_view source, std::vector<Diagnostic>& diagnostics) {
  for (Diagnostic& d : diagnostics) {
    if (auto fix = noqa_fix(root, source, d)) d.fixes.push_back(std::move(*fix));
  }
}

}  // namespace lw::analysis
