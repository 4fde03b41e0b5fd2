#include "analysis/diagnostics/suppression.h"

#include <algorithm>
#include <cctype>

namespace lw::analysis {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Parses `CODE[, CODE...]` (codes are [A-Z]+[0-9]+) from byte `from` of `comment`; stops at
// the first token that is not a code. Returns the number of codes read; each is recorded in
// `list` with its position (and `list.end` moves past the last one).
std::size_t parse_codes(std::string_view comment, std::size_t from, std::vector<RuleId>& out,
                        SuppressionList& list) {
  std::size_t i = from;
  std::size_t count = 0;
  while (true) {
    std::size_t j = i;
    while (j < comment.size() && (is_space(comment[j]) || (count > 0 && comment[j] == ','))) ++j;
    std::size_t start = j;
    while (j < comment.size() && is_upper(comment[j])) ++j;
    std::size_t letters = j - start;
    while (j < comment.size() && is_digit(comment[j])) ++j;
    if (letters == 0 || j - start == letters) break;
    std::string_view code = comment.substr(start, j - start);
    SuppressionCode entry{static_cast<std::uint32_t>(start),
                          static_cast<std::uint32_t>(j),
                          {},
                          code.starts_with("LW")};
    if (auto id = find_rule(code)) {
      entry.rules.push_back(*id);
    } else {
      entry.rules = rules_for_equivalent(code);
    }
    out.insert(out.end(), entry.rules.begin(), entry.rules.end());
    list.codes.push_back(entry);
    list.end = static_cast<std::uint32_t>(j);
    ++count;
    i = j;
  }
  return count;
}

// Only blanks precede byte `at` on its line (ruff's file-level exemptions stand alone).
bool own_line(std::string_view source, std::size_t at) {
  while (at > 0 && source[at - 1] != '\n' && source[at - 1] != '\r') {
    if (!is_space(source[at - 1]) && source[at - 1] != '\f') return false;
    --at;
  }
  return true;
}

}  // namespace

bool can_be_suppressed(RuleId rule) { return rule != RuleId::LW001 && rule != RuleId::LW003; }

SuppressionDirective parse_suppression_comment(std::string_view comment) {
  SuppressionDirective d;
  const auto offset = [&comment](std::string_view rest) {
    return static_cast<std::size_t>(rest.data() - comment.data());
  };
  // Every `#` starts a candidate directive: `# noqa: X  # loopwarden: ignore[Y]`.
  for (std::size_t hash = comment.find('#'); hash != std::string_view::npos;
       hash = comment.find('#', hash + 1)) {
    std::string_view rest = comment.substr(hash + 1);
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    SuppressionList list{static_cast<std::uint32_t>(hash), 0, {}};
    if (rest.size() >= 4 && iequals(rest.substr(0, 4), "noqa")) {
      rest.remove_prefix(4);
      if (!rest.empty() && rest.front() == ':') {
        rest.remove_prefix(1);
        if (parse_codes(comment, offset(rest), d.rules, list) == 0) {
          d.all = true;
        } else {
          d.lists.push_back(std::move(list));
        }
      } else if (rest.empty() || is_space(rest.front()) || rest.front() == '#') {
        d.all = true;
      }
      continue;
    }
    // ruff's file-level exemption, at the start of the comment only (as ruff reads it).
    if (hash == 0) {
      for (std::string_view tool : {std::string_view("ruff:"), std::string_view("flake8:")}) {
        if (rest.size() < tool.size() || !iequals(rest.substr(0, tool.size()), tool)) continue;
        std::string_view after = rest.substr(tool.size());
        while (!after.empty() && is_space(after.front())) after.remove_prefix(1);
        if (after.size() < 4 || !iequals(after.substr(0, 4), "noqa")) break;
        after.remove_prefix(4);
        d.file_needs_own_line = true;
        if (!after.empty() && after.front() == ':') {
          after.remove_prefix(1);
          SuppressionList ignored;
          if (parse_codes(comment, offset(after), d.file_rules, ignored) == 0) d.file_all = true;
        } else if (after.empty() || is_space(after.front()) || after.front() == '#') {
          d.file_all = true;
        } else {
          d.file_needs_own_line = false;  // `# ruff: noqaX`: no directive
        }
        break;
      }
    }
    constexpr std::string_view kTool = "loopwarden:";
    if (rest.starts_with(kTool)) {
      rest.remove_prefix(kTool.size());
      while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
      if (rest.starts_with("ignore-file")) {
        rest.remove_prefix(11);
        SuppressionList ignored;
        if (rest.starts_with('[') &&
            parse_codes(comment, offset(rest.substr(1)), d.file_rules, ignored) > 0) {
          continue;  // `ignore-file[LW101]`: those rules in the whole file
        }
        d.file = true;
      } else if (rest.starts_with("ignore")) {
        rest.remove_prefix(6);
        if (!rest.empty() && rest.front() == '[') {
          rest.remove_prefix(1);
          if (parse_codes(comment, offset(rest), d.rules, list) == 0) {
            d.all = true;
          } else {
            std::size_t close = list.end;
            while (close < comment.size() && is_space(comment[close])) ++close;
            if (close < comment.size() && comment[close] == ']') {
              list.end = static_cast<std::uint32_t>(close + 1);
            }
            d.lists.push_back(std::move(list));
          }
        } else {
          d.all = true;
        }
      }
    }
  }
  return d;
}

Suppressions::Suppressions(const semantic::SemanticModel& model) : source_(model.source()) {
  for (const auto& site : model.sites()) {
    if (site.kind != syntax::Kind::Comment) continue;
    std::string_view text = syntax::text(site.node, source_);
    if (text.find("noqa") == std::string_view::npos &&
        text.find("NOQA") == std::string_view::npos &&
        text.find("loopwarden") == std::string_view::npos) {
      continue;
    }
    SuppressionDirective d = parse_suppression_comment(text);
    if (d.file) file_ignored_ = true;
    if (!d.file_needs_own_line || own_line(source_, ts_node_start_byte(site.node))) {
      file_all_ = file_all_ || d.file_all;
      file_rules_.insert(file_rules_.end(), d.file_rules.begin(), d.file_rules.end());
    }
    if (d.all || !d.rules.empty() || !d.lists.empty()) {
      entries_.push_back(Entry{ts_node_start_byte(site.node), std::move(d)});
    }
  }
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.start < b.start; });
}

bool Suppressions::file_exempts(RuleId rule) const {
  return file_all_ || std::find(file_rules_.begin(), file_rules_.end(), rule) != file_rules_.end();
}

bool Suppressions::suppresses(RuleId rule, std::uint32_t start_byte) const {
  if (file_exempts(rule)) return true;
  if (entries_.empty()) return false;
  // The physical line containing start_byte (lines end at \n, \r\n or \r).
  std::size_t pos = std::min<std::size_t>(start_byte, source_.size());
  std::size_t line_start = pos;
  while (line_start > 0 && source_[line_start - 1] != '\n' && source_[line_start - 1] != '\r') {
    --line_start;
  }
  std::size_t line_end = pos;
  while (line_end < source_.size() && source_[line_end] != '\n' && source_[line_end] != '\r') {
    ++line_end;
  }
  auto it = std::lower_bound(entries_.begin(), entries_.end(), line_start,
                             [](const Entry& e, std::size_t v) { return e.start < v; });
  for (; it != entries_.end() && it->start < line_end; ++it) {
    const auto& d = it->directive;
    if (d.all) return true;
    if (std::find(d.rules.begin(), d.rules.end(), rule) != d.rules.end()) return true;
  }
  return false;
}

}  // namespace lw::analysis
