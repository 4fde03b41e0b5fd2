#pragma once
// Helpers for the command-line and configuration tests: scratch directory trees and running
// the built loopwarden binary.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

namespace lw::server::testing {

// A fresh directory under the system temp dir, removed with everything in it at the end.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("lw-cli-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
    path_ = std::filesystem::canonical(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `content` to `relative` (creating parent directories); returns the full path.
  std::filesystem::path write(std::string_view relative, std::string_view content) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs `loopwarden <args>` in `cwd` (args are passed to the shell as written), with `stdin_text`
// on standard input.
inline RunResult run_loopwarden(const std::filesystem::path& cwd, const std::string& args,
                                std::string_view stdin_text = {}) {
  static int counter = 0;
  const std::filesystem::path base =
      std::filesystem::temp_directory_path() /
      ("lw-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::filesystem::path in = base.string() + ".in";
  const std::filesystem::path out = base.string() + ".out";
  const std::filesystem::path err = base.string() + ".err";
  {
    std::ofstream input(in, std::ios::binary);
    input << stdin_text;
  }
  const std::string command = "cd " + shell_quote(cwd.string()) + " && " + shell_quote(LW_BINARY) +
                              " " + args + " <" + shell_quote(in.string()) + " >" +
                              shell_quote(out.string()) + " 2>" + shell_quote(err.string());
  const int raw = std::system(command.c_str());
  RunResult result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = read_text(out);
  result.err = read_text(err);
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

inline std::filesystem::path fixtures_dir() {
  return std::filesystem::path(LW_TESTS_DIR) / "server" / "fixtures" / "cli";
}

}  // namespace lw::server::testing
