#pragma once
// A test-only LSP client that runs the real `loopwarden server` binary on pipes. Every wait
// has a deadline, so a broken server fails the test instead of hanging it.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "protocol/framing.h"

extern char** environ;  // NOLINT: POSIX

namespace lw::test {

using json = nlohmann::json;
using namespace std::chrono_literals;

// LSP params the tests send.
inline json position(int line, int character) { return {{"line", line}, {"character", character}}; }
inline json range(int l1, int c1, int l2, int c2) {
  return {{"start", position(l1, c1)}, {"end", position(l2, c2)}};
}
inline json did_open(const std::string& uri, int version, const std::string& text) {
  return {{"textDocument",
           {{"uri", uri}, {"languageId", "python"}, {"version", version}, {"text", text}}}};
}
inline json did_change(const std::string& uri, int version, json changes) {
  return {{"textDocument", {{"uri", uri}, {"version", version}}},
          {"contentChanges", std::move(changes)}};
}
// One ranged change.
inline json edit(json r, const std::string& text) {
  return {{"range", std::move(r)}, {"text", text}};
}

class LspProcess {
 public:
  explicit LspProcess(std::vector<std::string> args = {"server", "--log-level", "debug"}) {
    ::signal(SIGPIPE, SIG_IGN);  // writing to a server that exited must fail, not kill us
    int to_child[2];
    int from_child[2];
    if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
      throw std::runtime_error("pipe failed");
    }
    char log_template[] = "/tmp/lw-lsp-test-XXXXXX";
    const int log_fd = ::mkstemp(log_template);
    if (log_fd < 0) throw std::runtime_error("mkstemp failed");
    log_path_ = log_template;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
    posix_spawn_file_actions_adddup2(&actions, log_fd, 2);
    std::vector<std::string> argv_storage{LW_BINARY};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = ::posix_spawn(&pid_, LW_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(to_child[0]);
    ::close(from_child[1]);
    ::close(log_fd);
    if (rc != 0) throw std::runtime_error("posix_spawn " LW_BINARY " failed");
    in_ = to_child[1];
    out_ = from_child[0];
  }

  ~LspProcess() {
    close_input();
    if (out_ >= 0) ::close(out_);
    if (!exit_code_ && pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (!log_path_.empty()) ::unlink(log_path_.c_str());
  }
  LspProcess(const LspProcess&) = delete;
  LspProcess& operator=(const LspProcess&) = delete;

  void send_raw(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(in_, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw std::runtime_error("write to the server failed");
      }
      done += static_cast<std::size_t>(n);
    }
  }
  void send(const json& message) { send_raw(protocol::encode_frame(message.dump())); }

  int request(const std::string& method, json params = nullptr) {
    const int id = next_id_++;
    json message{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null()) message["params"] = std::move(params);
    send(message);
    return id;
  }
  void notify(const std::string& method, json params = nullptr) {
    json message{{"jsonrpc", "2.0"}, {"method", method}};
    if (!params.is_null()) message["params"] = std::move(params);
    send(message);
  }

  // The first message not yet taken that satisfies `match`, waiting up to `timeout`.
  std::optional<json> wait_for(const std::function<bool(const json&)>& match,
                               std::chrono::milliseconds timeout = 15s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      for (std::size_t i = 0; i < inbox_.size(); ++i) {
        if (match(inbox_[i])) {
          json found = std::move(inbox_[i]);
          inbox_.erase(inbox_.begin() + static_cast<std::ptrdiff_t>(i));
          return found;
        }
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || !read_more(left)) return std::nullopt;
    }
  }

  std::optional<json> wait_response(int id, std::chrono::milliseconds timeout = 15s) {
    return wait_for(
        [id](const json& m) { return m.contains("id") && m["id"] == id && !m.contains("method"); },
        timeout);
  }
  std::optional<json> wait_response_null_id(std::chrono::milliseconds timeout = 15s) {
    return wait_for(
        [](const json& m) { return m.contains("id") && m["id"].is_null() && m.contains("error"); },
        timeout);
  }
  // publishDiagnostics for `uri`; with `version`, only that version's.
  std::optional<json> wait_diagnostics(const std::string& uri, std::optional<int> version = {},
                                       std::chrono::milliseconds timeout = 15s) {
    return wait_for(
        [&](const json& m) {
          if (m.value("method", "") != "textDocument/publishDiagnostics") return false;
          const json& p = m["params"];
          if (p.value("uri", "") != uri) return false;
          return !version || (p.contains("version") && p["version"] == *version);
        },
        timeout);
  }

  // Every message received so far and not taken.
  const std::vector<json>& inbox() {
    while (read_more(0ms)) {
    }
    return inbox_;
  }

  void close_input() {
    if (in_ >= 0) {
      ::close(in_);
      in_ = -1;
    }
  }

  // Stops reading the server's output (its writes then fail with EPIPE).
  void close_output() {
    if (out_ >= 0) {
      ::close(out_);
      out_ = -1;
    }
  }

  // The exit code, or nullopt when the process did not end in time (it is then killed).
  std::optional<int> wait_exit(std::chrono::milliseconds timeout = 15s) {
    if (exit_code_) return exit_code_;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      const pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        // Under -DLW_SANITIZE a sanitizer report also exits with 1: never mistake it for the
        // "exit without shutdown" code.
        const std::string text = log();
        EXPECT_EQ(text.find("Sanitizer"), std::string::npos) << text;
        EXPECT_EQ(text.find("runtime error:"), std::string::npos) << text;
        return exit_code_;
      }
      ::usleep(10000);
    }
    return std::nullopt;
  }

  pid_t pid() const { return pid_; }
  // The server's resident set size in KiB (VmRSS of /proc/<pid>/status), 0 when unknown.
  long rss_kib() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return 0;
  }

  std::string log() const {
    std::ifstream in(log_path_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  // Reads what is available (waiting up to `timeout` for something); false on timeout or EOF.
  bool read_more(std::chrono::milliseconds timeout) {
    if (out_ < 0) return false;
    pollfd fd{out_, POLLIN, 0};
    const int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
    if (ready <= 0) return false;
    char buffer[65536];
    const ssize_t n = ::read(out_, buffer, sizeof buffer);
    if (n <= 0) {
      ::close(out_);
      out_ = -1;
      return false;
    }
    decoder_.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
    while (auto result = decoder_.next()) {
      if (const auto* body = std::get_if<std::string>(&*result)) {
        inbox_.push_back(json::parse(*body));
      } else {
        throw std::runtime_error("the server wrote a bad frame: " +
                                 std::get<protocol::FrameError>(*result).message);
      }
    }
    return true;
  }

  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  std::optional<int> exit_code_;
  std::string log_path_;
  int next_id_ = 1;
  protocol::FrameDecoder decoder_;
  std::vector<json> inbox_;
};

}  // namespace lw::test
