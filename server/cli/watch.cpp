#include "server/cli/watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>

#include "server/cli/check_command.h"
#include "server/cli/exit_status.h"
#include "server/cli/file_discovery.h"

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t kEvents =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF;

// A change to one of these names re-runs the check.
bool matters(std::string_view name) {
  for (std::string_view suffix : {".py", ".pyi", ".ipynb", ".toml", ".gitignore"}) {
    if (name.ends_with(suffix)) return true;
  }
  return false;
}

class Watcher {
 public:
  Watcher() : fd_(inotify_init1(IN_CLOEXEC)) {}
  ~Watcher() {
    if (fd_ >= 0) ::close(fd_);
  }
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;
  bool ok() const { return fd_ >= 0; }

  // Watches `dir` and the folders below it that discovery enters.
  void add_tree(const fs::path& dir) {
    add(dir);
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_directory(ec) || it->is_symlink(ec)) continue;
      if (is_skipped_directory_name(it->path().filename().string())) {
        it.disable_recursion_pending();
        continue;
      }
      add(it->path());
    }
  }

  // Blocks until a change that matters, then lets the burst of events it is part of settle
  // (an editor's save is several events) for up to 50 ms. New folders are watched too.
  void wait_for_change() {
    bool changed = false;
    int timeout = -1;  // the first event: wait as long as it takes
    while (true) {
      pollfd p{fd_, POLLIN, 0};
      const int ready = ::poll(&p, 1, timeout);
      if (ready <= 0) {
        if (changed) return;
        continue;
      }
      alignas(inotify_event) std::array<char, 64 * 1024> buffer{};
      const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
      if (n <= 0) continue;
      for (ssize_t at = 0; at < n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + at);
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        const std::string name = event->len > 0 ? std::string(event->name) : std::string();
        const auto dir = folders_.find(event->wd);
        if ((event->mask & IN_ISDIR) != 0 && (event->mask & (IN_CREATE | IN_MOVED_TO)) != 0 &&
            dir != folders_.end() && !is_skipped_directory_name(name)) {
          add_tree(dir->second / name);
          changed = true;
        } else if (matters(name) || (event->mask & IN_DELETE_SELF) != 0) {
          changed = true;
        }
      }
      if (changed) timeout = 50;
    }
  }

 private:
  void add(const fs::path& dir) {
    const int wd = inotify_add_watch(fd_, dir.c_str(), kEvents);
    if (wd >= 0) folders_[wd] = dir;
  }

  int fd_;
  std::unordered_map<int, fs::path> folders_;
};

std::string timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
  return text;
}

}  // namespace

int run_watch(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  Watcher watcher;
  if (!watcher.ok()) {
    err << "loopwarden: error: --watch: cannot start inotify\n";
    return kExitError;
  }
  std::error_code ec;
  const std::vector<std::string> paths =
      options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  for (const std::string& path : paths) {
    const fs::path p = fs::absolute(path, ec).lexically_normal();
    watcher.add_tree(fs::is_directory(p, ec) ? p : p.parent_path());
  }
  bool first = true;
  while (true) {
    if (options.stdout_is_terminal) out << "\x1b[2J\x1b[3J\x1b[H";  // the screen cleared
    out << '[' << timestamp() << "] "
        << (first ? "Starting linter in watch mode...\n" : "File change detected...\n");
    out.flush();
    first = false;
    std::istringstream no_input;
    run_check(options, no_input, out, err);
    out << '[' << timestamp() << "] Watching for file changes.\n";
    out.flush();
    err.flush();
    watcher.wait_for_change();
  }
}

}  // namespace lw::server::cli
