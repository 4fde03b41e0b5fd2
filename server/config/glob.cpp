#include "server/config/glob.h"

#include <cstdint>

namespace lw::server::config {
namespace {

// Decodes the code point at `text[i]` (leniently: a stray byte is one "character").
char32_t decode(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t len = 1;
  char32_t cp = lead;
  if (lead >= 0xF0 && lead < 0xF8) {
    len = 4;
    cp = lead & 0x07U;
  } else if (lead >= 0xE0) {
    len = 3;
    cp = lead & 0x0FU;
  } else if (lead >= 0xC0) {
    len = 2;
    cp = lead & 0x1FU;
  }
  if (len > 1 && i + len <= text.size()) {
    bool ok = true;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0U) != 0x80U) ok = false;
      cp = (cp << 6U) | (b & 0x3FU);
    }
    if (ok) {
      i += len;
      return cp;
    }
  }
  ++i;
  return lead;
}

// Where the class starting at pattern[i] == '[' ends (index of its ']'), or npos.
std::size_t class_end(std::string_view pattern, std::size_t i) {
  std::size_t j = i + 1;
  if (j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^')) ++j;
  if (j < pattern.size() && pattern[j] == ']') ++j;  // a leading ']' is literal
  for (; j < pattern.size(); ++j) {
    if (pattern[j] == '\\') {
      ++j;
    } else if (pattern[j] == ']') {
      return j;
    }
  }
  return std::string_view::npos;
}

// Does the class pattern[open..close] (brackets included) contain `c`?
bool class_contains(std::string_view pattern, std::size_t open, std::size_t close, char32_t c) {
  std::size_t i = open + 1;
  bool negated = false;
  if (pattern[i] == '!' || pattern[i] == '^') {
    negated = true;
    ++i;
  }
  bool found = false;
  while (i < close) {
    if (pattern[i] == '\\' && i + 1 < close) ++i;
    char32_t lo = decode(pattern, i);
    char32_t hi = lo;
    if (i + 1 < close && pattern[i] == '-') {
      ++i;
      if (pattern[i] == '\\' && i + 1 < close) ++i;
      hi = decode(pattern, i);
    }
    if (lo <= c && c <= hi) found = true;
  }
  return found != negated;
}

// Matches one non-`*` token of `pattern` at `p` against the character at `t`; advances both.
bool match_one(std::string_view pattern, std::size_t& p, std::string_view text, std::size_t& t) {
  const char pc = pattern[p];
  if (pc == '?') {
    ++p;
    decode(text, t);
    return true;
  }
  if (pc == '[') {
    const std::size_t close = class_end(pattern, p);
    if (close != std::string_view::npos) {
      const char32_t c = decode(text, t);
      const bool ok = class_contains(pattern, p, close, c);
      p = close + 1;
      return ok;
    }
  }
  if (pc == '\\' && p + 1 < pattern.size()) ++p;
  if (pattern[p] != text[t]) return false;
  ++p;
  ++t;
  return true;
}

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

}  // namespace

bool match_segment(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star_p = std::string_view::npos;
  std::size_t star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      while (p < pattern.size() && pattern[p] == '*') ++p;
      star_p = p;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      std::size_t np = p;
      std::size_t nt = t;
      if (match_one(pattern, np, text, nt)) {
        p = np;
        t = nt;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    // Let the last `*` swallow one more character and retry.
    p = star_p;
    decode(text, star_t);
    t = star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<Glob> Glob::compile(std::string_view pattern, std::string* error) {
  auto fail = [&](std::string message) -> std::optional<Glob> {
    if (error != nullptr) *error = std::move(message);
    return std::nullopt;
  };
  if (pattern.empty()) return fail("empty pattern");
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (i + 1 == pattern.size()) return fail("pattern ends with an escape character `\\`");
      ++i;
    } else if (pattern[i] == '[') {
      const std::size_t close = class_end(pattern, i);
      if (close == std::string_view::npos) return fail("unterminated character class `[`");
      i = close;
    }
  }
  Glob glob;
  glob.pattern_ = std::string(pattern);
  for (std::string_view part : split(pattern)) {
    Segment seg;
    seg.any_segments = part == "**";
    // `a**b` is not a whole-segment `**`: it behaves like `a*b`.
    seg.text = std::string(part);
    glob.segments_.push_back(std::move(seg));
  }
  return glob;
}

bool Glob::matches(std::string_view path) const {
  const std::vector<std::string_view> parts = split(path);
  const std::size_t n_seg = segments_.size();
  const std::size_t n_part = parts.size();
  // ok[s][q]: segments s.. match parts q.. ; filled backwards.
  std::vector<char> ok((n_seg + 1) * (n_part + 1), 0);
  auto at = [&](std::size_t s, std::size_t q) -> char& { return ok[s * (n_part + 1) + q]; };
  at(n_seg, n_part) = 1;
  for (std::size_t s = n_seg; s-- > 0;) {
    const Segment& seg = segments_[s];
    const bool last = s + 1 == n_seg;
    for (std::size_t q = n_part + 1; q-- > 0;) {
      bool result = false;
      if (seg.any_segments) {
        // Zero segments (not allowed at the end), or one more segment and stay on `**`.
        result = (!last && at(s + 1, q)) || (q < n_part && (at(s + 1, q + 1) || at(s, q + 1)));
      } else if (q < n_part) {
        result = at(s + 1, q + 1) && match_segment(seg.text, parts[q]);
      }
      at(s, q) = result ? 1 : 0;
    }
  }
  return n_seg > 0 && at(0, 0) != 0;
}

}  // namespace lw::server::config
