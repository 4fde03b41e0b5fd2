#include "analysis/rules/blocking_patterns.h"

namespace lw::analysis {
namespace {

constexpr std::string_view kArrow = "->";

std::string_view strip(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

bool is_identifier_char(char c, bool first) {
  const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                     static_cast<unsigned char>(c) >= 0x80;  // non-ASCII identifiers
  return alpha || (!first && c >= '0' && c <= '9');
}

// Glob within one component: `*` matches any run of characters (no dots in either string).
bool component_matches(std::string_view pattern, std::string_view name) {
  // Iterative wildcard matching with backtracking to the last `*`.
  std::size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// The next dotted component of `s` from `pos` (advances `pos` past the dot).
std::string_view next_component(std::string_view s, std::size_t& pos) {
  const std::size_t dot = s.find('.', pos);
  const std::size_t end = dot == std::string_view::npos ? s.size() : dot;
  std::string_view out = s.substr(pos, end - pos);
  pos = dot == std::string_view::npos ? s.size() + 1 : dot + 1;
  return out;
}

}  // namespace

std::string_view blocking_pattern(std::string_view entry) {
  std::string_view p = strip(entry.substr(0, entry.find(kArrow)));
  if (p.ends_with("()")) p = strip(p.substr(0, p.size() - 2));  // `foo.bar()` names foo.bar
  return p;
}

std::string_view blocking_pattern_suggestion(std::string_view entry) {
  const auto arrow = entry.find(kArrow);
  if (arrow == std::string_view::npos) return {};
  return strip(entry.substr(arrow + kArrow.size()));
}

bool is_bare_blocking_pattern(std::string_view entry) {
  return blocking_pattern(entry).find('.') == std::string_view::npos;
}

std::optional<std::string> blocking_pattern_problem(std::string_view entry) {
  const std::string_view pattern = blocking_pattern(entry);
  if (pattern.empty()) return std::string("it names no function");
  std::size_t pos = 0;
  while (pos <= pattern.size()) {
    const std::string_view component = next_component(pattern, pos);
    if (component.empty()) return std::string("it has an empty dotted component");
    bool first = true;
    for (char c : component) {
      if (c == '*') {
        first = false;
        continue;
      }
      if (!is_identifier_char(c, first)) {
        return "`" + std::string(1, c) + "` is neither part of a Python name nor `*`";
      }
      first = false;
    }
  }
  return std::nullopt;
}

bool blocking_pattern_matches(std::string_view entry, std::string_view dotted_name) {
  const std::string_view pattern = blocking_pattern(entry);
  if (pattern.empty() || dotted_name.empty()) return false;
  std::size_t p = 0, n = 0;
  while (p <= pattern.size() && n <= dotted_name.size()) {
    if (!component_matches(next_component(pattern, p), next_component(dotted_name, n))) {
      return false;
    }
  }
  // Both exhausted together: the same number of components.
  return p > pattern.size() && n > dotted_name.size();
}

}  // namespace lw::analysis
