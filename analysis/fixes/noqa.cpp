#include "analysis/fixes/noqa.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>
#include <unordered_map>

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

namespace {

// Where "Disable LWxxx for this line" writes on one line: nothing when it cannot.
struct LinePlan {
  bool add_code = false;  // after the codes of a `# noqa: A, B` at `at`
  std::uint32_t at = 0;   // insertion point (add_code), else the end of the line's content
  std::uint32_t line_end = 0;
};

std::optional<LinePlan> plan_line(TSNode root, std::string_view source, std::uint32_t line_start,
                                  std::uint32_t line_end) {
  const auto size = static_cast<std::uint32_t>(source.size());
  if (line_end < size && inside_string(root, line_end)) return std::nullopt;
  std::uint32_t last = line_end;  // one past the last non-blank byte of the line
  while (last > line_start && is_blank(source[last - 1])) --last;
  if (last == line_start) return std::nullopt;
  TSNode tail = ts_node_descendant_for_byte_range(root, last - 1, last);
  if (syntax::kind(tail) == Kind::Comment) {
    std::uint32_t comment_start = ts_node_start_byte(tail);
    std::string_view comment = source.substr(comment_start, last - comment_start);
    if (auto end = noqa_codes_end(comment)) {
      return LinePlan{true, static_cast<std::uint32_t>(comment_start + *end), line_end};
    }
  } else if (source[last - 1] == '\\') {
    return std::nullopt;  // a line continuation: a comment would end the statement
  }
  return LinePlan{false, last, line_end};
}

Fix make_fix(const LinePlan& plan, const Diagnostic& diagnostic) {
  std::string code(rule_info(diagnostic.rule).code);
  Fix fix;
  fix.title = "Disable " + code + " for this line";
  fix.applicability = Applicability::Manual;
  if (plan.add_code) {
    fix.edits.push_back(TextEdit{{plan.at, plan.at}, ", " + code});
  } else {
    fix.edits.push_back(TextEdit{{plan.at, plan.line_end}, "  # noqa: " + code});
  }
  return fix;
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
  auto plan = plan_line(root, source, line_start, line_end);
  if (!plan) return std::nullopt;
  return make_fix(*plan, diagnostic);
}

void add_noqa_fixes(TSNode root, std::string_view source, std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return;
  // Line bounds from the line breaks found once, and one plan per line: 10,000 diagnostics on
  // one long line cost one scan of it, not one each.
  std::vector<std::uint32_t> breaks;
  for (std::uint32_t i = 0; i < source.size(); ++i) {
    if (is_break(source[i])) breaks.push_back(i);
  }
  const auto size = static_cast<std::uint32_t>(source.size());
  std::unordered_map<std::uint32_t, std::optional<LinePlan>> plans;
  for (Diagnostic& d : diagnostics) {
    if (!can_be_suppressed(d.rule)) continue;  // LW001: a comment cannot
    const std::uint32_t start = std::min(d.range.start, size);
    const auto next = std::lower_bound(breaks.begin(), breaks.end(), start);
    const std::uint32_t line_end = next == breaks.end() ? size : *next;
    const std::uint32_t line_start = next == breaks.begin() ? 0 : *std::prev(next) + 1;
    auto [it, added] = plans.try_emplace(line_start);
    if (added) it->second = plan_line(root, source, line_start, line_end);
    if (it->second) d.fixes.push_back(make_fix(*it->second, d));
  }
}

}  // namespace lw::analysis
