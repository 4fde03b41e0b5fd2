#pragma once
// .gitignore matching (gitignore(5)): blank lines and `#` comments skipped, `!` re-includes,
// a trailing `/` matches directories only, a pattern with a `/` elsewhere is anchored to the
// .gitignore's directory, otherwise it matches a name at any depth; `*`, `?`, `[...]` and `**`
// as in server/config/glob.h. Within a file the last matching pattern wins; a deeper
// .gitignore wins over the ones above it.
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "server/config/glob.h"

namespace lw::server::cli {

class GitignoreFile {
 public:
  static GitignoreFile parse(std::string_view text);

  // `relative`: the path below this file's directory ("/"-separated). True: ignored; false:
  // re-included by a `!` pattern; nullopt: no pattern matches.
  std::optional<bool> match(std::string_view relative, bool is_dir) const;
  bool empty() const { return patterns_.empty(); }

 private:
  struct Pattern {
    config::Glob glob;
    bool negated = false;
    bool dir_only = false;
  };
  std::vector<Pattern> patterns_;
};

// The .gitignore files in effect at one point of a directory walk, outermost first.
class GitignoreStack {
 public:
  // Loads the ignore files that apply to `root` from above it: every .gitignore from the
  // enclosing git work tree's top (the nearest ancestor holding `.git`) down to root's parent,
  // and that top's .git/info/exclude. Nothing when `root` is not inside a work tree.
  static GitignoreStack for_walk_root(const std::filesystem::path& root);

  // Pushes `directory`'s .gitignore (if any); returns whether one was pushed.
  bool enter(const std::filesystem::path& directory);
  void leave() { files_.pop_back(); }
  void push(std::filesystem::path directory, GitignoreFile file);

  bool is_ignored(const std::filesystem::path& path, bool is_dir) const;

 private:
  struct Entry {
    std::filesystem::path directory;
    GitignoreFile file;
  };
  std::vector<Entry> files_;
};

}  // namespace lw::server::cli
