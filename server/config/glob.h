#pragma once
// Path globs for `exclude`, `per-file-ignores` and .gitignore patterns. Paths and patterns use
// "/" separators and are matched segment by segment:
//   `*`      any run of characters within one segment (also none)
//   `?`      one character (one code point) within a segment
//   `[...]`  one character of a class: `[abc]`, `[a-z]`, negated with `[!...]` or `[^...]`
//   `**`     as a whole segment: any number of segments, at least one when it ends the
//            pattern (`dir/**` matches what is inside `dir`, not `dir` itself)
//   `\x`     the character x itself
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lw::server::config {

class Glob {
 public:
  // A compiled pattern, or nullopt with `error` set when the pattern is malformed
  // (an unterminated `[`, a trailing `\`).
  static std::optional<Glob> compile(std::string_view pattern, std::string* error = nullptr);

  bool matches(std::string_view path) const;
  const std::string& pattern() const { return pattern_; }

 private:
  struct Segment {
    std::string text;
    bool any_segments = false;  // `**`
  };
  bool match_from(std::size_t seg, const std::vector<std::string_view>& parts,
                  std::size_t part) const;

  std::string pattern_;
  std::vector<Segment> segments_;
};

// Matches one path segment (no "/") against one pattern segment.
bool match_segment(std::string_view pattern, std::string_view text);

}  // namespace lw::server::config
