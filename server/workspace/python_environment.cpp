#include "server/workspace/python_environment.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <utility>

extern char** environ;

namespace lw::server::workspace {
namespace fs = std::filesystem;

namespace {

constexpr int kInterpreterTimeoutMs = 5000;

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// `Name:` / `Version:` of a METADATA or PKG-INFO file (headers end at the first empty line).
Distribution read_metadata(const fs::path& file) {
  Distribution d;
  std::istringstream in(read_text(file));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    if (line.starts_with("Name:")) d.name = normalize_distribution(line.substr(5));
    if (line.starts_with("Version:")) {
      d.version = line.substr(8);
      d.version.erase(0, d.version.find_first_not_of(' '));
    }
  }
  return d;
}

// The top-level modules and packages a distribution installs: top_level.txt, else the first
// component of each RECORD path.
std::vector<std::string> top_levels(const fs::path& info) {
  std::vector<std::string> out;
  std::string line;
  if (is_file(info / "top_level.txt")) {
    std::istringstream in(read_text(info / "top_level.txt"));
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty() && line.find('/') == std::string::npos) out.push_back(line);
    }
    return out;
  }
  std::istringstream in(read_text(info / "RECORD"));
  while (std::getline(in, line)) {
    std::string path = line.substr(0, line.find(','));
    std::string first = path.substr(0, path.find('/'));
    if (first.empty() || first.starts_with("..") || first.ends_with(".dist-info") ||
        first == "__pycache__" || first.ends_with(".pth")) {
      continue;
    }
    if (first.ends_with(".py")) first.resize(first.size() - 3);
    if (first.find('.') != std::string::npos) continue;  // an extension module, data
    out.push_back(std::move(first));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::unordered_map<std::string, Distribution> index_distributions(const fs::path& root) {
  std::unordered_map<std::string, Distribution> out;
  std::error_code ec;
  std::vector<fs::path> infos;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.ends_with(".dist-info") || name.ends_with(".egg-info")) infos.push_back(it->path());
  }
  std::sort(infos.begin(), infos.end());  // one answer whatever the directory order
  for (const fs::path& info : infos) {
    Distribution d;
    std::vector<std::string> tops;
    if (is_dir(info)) {
      d = read_metadata(is_file(info / "METADATA") ? info / "METADATA" : info / "PKG-INFO");
      tops = top_levels(info);
    } else {
      d = read_metadata(info);  // a single-file .egg-info is the PKG-INFO itself
    }
    if (d.name.empty()) continue;
    if (tops.empty()) {
      std::string top = d.name;
      std::replace(top.begin(), top.end(), '-', '_');
      tops.push_back(std::move(top));
    }
    for (const std::string& top : tops) out.emplace(top, d);
  }
  return out;
}

// lib/python3.*/site-packages of a virtual environment folder.
std::vector<fs::path> venv_site_packages(const fs::path& venv) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const char* lib : {"lib", "lib64"}) {
    for (fs::directory_iterator it(venv / lib, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.starts_with("python") && is_dir(it->path() / "site-packages")) {
        out.push_back(it->path() / "site-packages");
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end(),
                        [](const fs::path& a, const fs::path& b) {
                          std::error_code e;
                          return fs::equivalent(a, b, e);
                        }),
            out.end());
  return out;
}

bool is_venv(const fs::path& dir) {
  return is_file(dir / "pyvenv.cfg") || !venv_site_packages(dir).empty();
}

std::optional<fs::path> on_path(std::string_view program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::string_view rest(path);
  while (!rest.empty()) {
    const auto colon = rest.find(':');
    const std::string_view dir = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    if (dir.empty()) continue;
    fs::path candidate = fs::path(std::string(dir)) / std::string(program);
    if (is_file(candidate) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

// The interpreter's answer, kept in `cache_dir` (keyed by the interpreter's real path, size
// and modification time).
std::vector<fs::path> cached_interpreter_paths(const fs::path& python, const fs::path& cache_dir) {
  std::error_code ec;
  const fs::path real = fs::canonical(python, ec);
  if (ec) return ask_interpreter(python);
  const auto size = fs::file_size(real, ec);
  const auto mtime = fs::last_write_time(real, ec).time_since_epoch().count();
  std::ostringstream key;
  key << real.string() << '\n' << size << ' ' << mtime << '\n';
  fs::path file;
  if (!cache_dir.empty()) {
    file = cache_dir /
           ("interpreter-" + std::to_string(std::hash<std::string>{}(real.string())) + ".txt");
    const std::string text = read_text(file);
    if (text.starts_with(key.str())) {
      std::vector<fs::path> out;
      std::istringstream in(text.substr(key.str().size()));
      std::string line;
      while (std::getline(in, line)) {
        if (!line.empty()) out.emplace_back(line);
      }
      return out;
    }
  }
  std::vector<fs::path> out = ask_interpreter(python);
  if (!file.empty()) {
    fs::create_directories(cache_dir, ec);
    const fs::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
    {
      std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
      o << key.str();
      for (const fs::path& p : out) o << p.string() << '\n';
    }
    fs::rename(tmp, file, ec);
    if (ec) fs::remove(tmp, ec);
  }
  return out;
}

}  // namespace

std::string normalize_distribution(std::string_view name) {
  std::string out;
  bool dash = false;
  for (char c : name) {
    if (c == ' ' || c == '\t') continue;
    if (c == '-' || c == '_' || c == '.') {
      dash = true;
      continue;
    }
    if (dash && !out.empty()) out += '-';
    dash = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

std::vector<fs::path> ask_interpreter(const fs::path& python) {
  int pipefd[2];
  if (::pipe(pipefd) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipefd[0]);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::string program = python.string();
  std::string code = "import sys\nfor p in sys.path: print(p)\n";
  char* argv[] = {program.data(), const_cast<char*>("-c"), code.data(), nullptr};
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipefd[1]);
  if (spawned != 0) {
    ::close(pipefd[0]);
    return {};
  }
  std::string output;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kInterpreterTimeoutMs);
  bool timed_out = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{pipefd[0], POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      timed_out = r == 0;
      break;
    }
    char buffer[4096];
    const ssize_t n = ::read(pipefd[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    output.append(buffer, static_cast<std::size_t>(n));
    if (output.size() > (1u << 20)) break;  // not an interpreter's answer
  }
  ::close(pipefd[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return {};
  std::vector<fs::path> out;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    fs::path p(line);
    const std::string last = p.filename().string();
    if ((last == "site-packages" || last == "dist-packages") && is_dir(p)) out.push_back(p);
  }
  return out;
}

PythonEnvironment PythonEnvironment::discover(const EnvironmentSettings& settings,
                                              const fs::path& root, const fs::path& cache_dir) {
  PythonEnvironment env;
  for (const std::string& name : settings.exclude_libraries) {
    env.excluded_.push_back(normalize_distribution(name));
  }
  if (std::find(env.excluded_.begin(), env.excluded_.end(), "*") != env.excluded_.end()) {
    env.source_ = "none (exclude-libraries = [\"*\"])";
    return env;
  }
  std::vector<fs::path> found;
  const auto from = [&](const fs::path& where, const std::string& label) {
    if (is_dir(where)) {
      found = venv_site_packages(where);
      if (found.empty() && is_file(where / "bin" / "python")) {
        found = cached_interpreter_paths(where / "bin" / "python", cache_dir);
      }
    } else {
      found = cached_interpreter_paths(where, cache_dir);
    }
    env.source_ = label + " " + where.string();
  };
  std::optional<fs::path> python = settings.python;
  std::string label = "python =";
  if (const char* v = std::getenv("LOOPWARDEN_PYTHON"); v != nullptr && *v != '\0') {
    python = fs::path(v);
    label = "LOOPWARDEN_PYTHON=";
  }
  const char* virtual_env = std::getenv("VIRTUAL_ENV");
  if (python && python->string() == "none") {
    env.source_ = "none";
  } else if (python) {
    from(*python, label);
  } else if (virtual_env != nullptr && *virtual_env != '\0' && is_dir(virtual_env)) {
    from(virtual_env, "VIRTUAL_ENV=");
  } else if (is_venv(root / ".venv")) {
    from(root / ".venv", "");
  } else if (is_venv(root / "venv")) {
    from(root / "venv", "");
  } else if (auto interpreter = on_path("python3");
             interpreter || (interpreter = on_path("python"))) {
    from(*interpreter, "interpreter on PATH:");
  } else {
    env.source_ = "the system's dist-packages";
    std::error_code ec;
    if (is_dir("/usr/lib/python3/dist-packages"))
      found.emplace_back("/usr/lib/python3/dist-packages");
    for (fs::directory_iterator it("/usr/local/lib", ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().filename().string().starts_with("python3") &&
          is_dir(it->path() / "dist-packages")) {
        found.push_back(it->path() / "dist-packages");
      }
    }
  }
  for (const fs::path& p : settings.extra_paths) env.roots_.push_back(p);
  for (const fs::path& p : found) env.roots_.push_back(p);
  for (const fs::path& p : env.roots_) env.indexed_.push_back(Root{p, index_distributions(p)});
  return env;
}

PythonEnvironment::PythonEnvironment(PythonEnvironment&& other) noexcept
    : roots_(std::move(other.roots_)),
      indexed_(std::move(other.indexed_)),
      excluded_(std::move(other.excluded_)),
      source_(std::move(other.source_)),
      found_(std::move(other.found_)) {}

PythonEnvironment& PythonEnvironment::operator=(PythonEnvironment&& other) noexcept {
  roots_ = std::move(other.roots_);
  indexed_ = std::move(other.indexed_);
  excluded_ = std::move(other.excluded_);
  source_ = std::move(other.source_);
  found_ = std::move(other.found_);
  return *this;
}

std::optional<LibraryModule> PythonEnvironment::find(std::string_view module) const {
  if (indexed_.empty() || module.empty()) return std::nullopt;
  {
    std::lock_guard lock(mutex_);
    if (auto it = found_.find(std::string(module)); it != found_.end()) return it->second;
  }
  std::optional<LibraryModule> result;
  const std::string top(module.substr(0, module.find('.')));
  std::string relative(module);
  std::replace(relative.begin(), relative.end(), '.', '/');
  for (const Root& root : indexed_) {
    const bool package = is_dir(root.path / top);
    if (!package && !is_file(root.path / (top + ".py"))) continue;
    // The first root holding the top-level name owns it (no namespace packages across roots).
    Distribution d;
    if (auto it = root.distributions.find(top); it != root.distributions.end()) {
      d = it->second;
    } else {
      d.name = normalize_distribution(top);
    }
    const bool excluded =
        std::find(excluded_.begin(), excluded_.end(), d.name) != excluded_.end() ||
        std::find(excluded_.begin(), excluded_.end(), normalize_distribution(top)) !=
            excluded_.end();
    if (excluded) break;
    if (is_file(root.path / (relative + ".py"))) {
      result = LibraryModule{std::string(module), root.path / (relative + ".py"), false, d};
    } else if (is_file(root.path / relative / "__init__.py")) {
      result = LibraryModule{std::string(module), root.path / relative / "__init__.py", true, d};
    }
    break;
  }
  std::lock_guard lock(mutex_);
  found_.emplace(std::string(module), result);
  return result;
}

}  // namespace lw::server::workspace
