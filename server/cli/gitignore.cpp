#include "server/cli/gitignore.h"

#include <string>
#include <system_error>

#include "server/config/path_utils.h"
#include "server/config/read_file.h"

namespace lw::server::cli {
namespace {

std::optional<GitignoreFile> read_gitignore(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  config::FileContents contents = config::read_file(file);
  if (!contents.ok()) return std::nullopt;
  GitignoreFile parsed = GitignoreFile::parse(contents.bytes);
  if (parsed.empty()) return std::nullopt;
  return parsed;
}

}  // namespace

GitignoreFile GitignoreFile::parse(std::string_view text) {
  GitignoreFile result;
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    // Trailing spaces are dropped unless escaped with a backslash.
    while (line.ends_with(' ') && !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
      line.remove_suffix(1);
    }
    Pattern pattern;
    if (line.starts_with('!')) {
      pattern.negated = true;
      line.remove_prefix(1);
    }
    if (line.ends_with('/')) {
      pattern.dir_only = true;
      while (line.ends_with('/')) line.remove_suffix(1);
    }
    if (line.empty()) continue;
    std::string glob;
    if (line.find('/') != std::string_view::npos) {
      while (line.starts_with('/')) line.remove_prefix(1);
      glob = std::string(line);
    } else {
      glob = "**/" + std::string(line);
    }
    auto compiled = config::Glob::compile(glob);
    if (!compiled) continue;  // git ignores malformed patterns too
    pattern.glob = std::move(*compiled);
    result.patterns_.push_back(std::move(pattern));
  }
  return result;
}

std::optional<bool> GitignoreFile::match(std::string_view relative, bool is_dir) const {
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
    if (it->dir_only && !is_dir) continue;
    if (it->glob.matches(relative)) return !it->negated;
  }
  return std::nullopt;
}

GitignoreStack GitignoreStack::for_walk_root(const std::filesystem::path& root) {
  GitignoreStack stack;
  std::vector<std::filesystem::path> ancestors;  // root's parent upward
  std::filesystem::path dir = root;
  std::error_code ec;
  bool in_work_tree = std::filesystem::exists(root / ".git", ec);
  while (!in_work_tree && dir.has_relative_path()) {
    dir = dir.parent_path();
    ancestors.push_back(dir);
    in_work_tree = std::filesystem::exists(dir / ".git", ec);
  }
  if (!in_work_tree) return stack;
  const std::filesystem::path& top = ancestors.empty() ? root : ancestors.back();
  if (auto exclude = read_gitignore(top / ".git" / "info" / "exclude")) {
    stack.push(top, std::move(*exclude));
  }
  for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
    if (auto file = read_gitignore(*it / ".gitignore")) stack.push(*it, std::move(*file));
  }
  return stack;
}

bool GitignoreStack::enter(const std::filesystem::path& directory) {
  auto file = read_gitignore(directory / ".gitignore");
  if (!file) return false;
  push(directory, std::move(*file));
  return true;
}

void GitignoreStack::push(std::filesystem::path directory, GitignoreFile file) {
  files_.push_back(Entry{std::move(directory), std::move(file)});
}

bool GitignoreStack::is_ignored(const std::filesystem::path& path, bool is_dir) const {
  for (auto it = files_.rbegin(); it != files_.rend(); ++it) {
    const std::string relative = config::relative_below(path, it->directory);
    if (relative.empty()) continue;
    if (auto verdict = it->file.match(relative, is_dir)) return *verdict;
  }
  return false;
}

}  // namespace lw::server::cli
