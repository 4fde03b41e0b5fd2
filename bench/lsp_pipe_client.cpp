#include "bench/lsp_pipe_client.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <stdexcept>

#include "protocol/framing.h"

extern char** environ;  // NOLINT: POSIX

namespace lw::bench {

LspPipeClient::LspPipeClient(const std::string& binary, const std::vector<std::string>& args) {
  ::signal(SIGPIPE, SIG_IGN);
  int to_child[2];
  int from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  const int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
  posix_spawn_file_actions_adddup2(&actions, null_fd, 2);
  std::vector<std::string> storage{binary};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int rc = ::posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_child[0]);
  ::close(from_child[1]);
  ::close(null_fd);
  if (rc != 0) throw std::runtime_error("cannot start " + binary);
  in_ = to_child[1];
  out_ = from_child[0];
  reader_ = std::thread([this] { read_loop(); });
}

LspPipeClient::~LspPipeClient() {
  if (!exited_) finish(std::chrono::milliseconds(2000));
  if (reader_.joinable()) reader_.join();
  if (out_ >= 0) ::close(out_);
}

void LspPipeClient::read_loop() {
  protocol::FrameDecoder decoder;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(out_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    const auto at = Clock::now();
    decoder.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
    std::vector<Received> got;
    while (auto result = decoder.next()) {
      if (const auto* body = std::get_if<std::string>(&*result)) {
        got.push_back(Received{json::parse(*body, nullptr, false), at});
      }
    }
    if (got.empty()) continue;
    std::lock_guard lock(mutex_);
    for (auto& r : got) inbox_.push_back(std::move(r));
    arrived_.notify_all();
  }
  std::lock_guard lock(mutex_);
  closed_ = true;
  arrived_.notify_all();
}

Clock::time_point LspPipeClient::send(const json& message) {
  const std::string bytes = protocol::encode_frame(message.dump());
  const auto start = Clock::now();
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(in_, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("write to the server failed");
    }
    done += static_cast<std::size_t>(n);
  }
  return start;
}

int LspPipeClient::request(const std::string& method, json params) {
  const int id = next_id_++;
  json message{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null()) message["params"] = std::move(params);
  send(message);
  return id;
}

Clock::time_point LspPipeClient::notify(const std::string& method, json params) {
  json message{{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null()) message["params"] = std::move(params);
  return send(message);
}

std::optional<Received> LspPipeClient::wait_for(const std::function<bool(const json&)>& match,
                                                std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::unique_lock lock(mutex_);
  for (;;) {
    for (auto it = inbox_.begin(); it != inbox_.end(); ++it) {
      if (match(it->message)) {
        Received found = std::move(*it);
        inbox_.erase(it);
        return found;
      }
    }
    if (closed_) return std::nullopt;
    if (arrived_.wait_until(lock, deadline) == std::cv_status::timeout) return std::nullopt;
  }
}

std::optional<Received> LspPipeClient::wait_diagnostics(const std::string& uri,
                                                        std::optional<int> version,
                                                        std::chrono::milliseconds timeout) {
  return wait_for(
      [&](const json& m) {
        if (!m.is_object() || m.value("method", "") != "textDocument/publishDiagnostics") {
          return false;
        }
        const json& p = m["params"];
        if (p.value("uri", "") != uri) return false;
        return !version || (p.contains("version") && p["version"] == *version);
      },
      timeout);
}

void LspPipeClient::finish(std::chrono::milliseconds timeout) {
  if (in_ >= 0) {
    ::close(in_);
    in_ = -1;
  }
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      return;
    }
    ::usleep(5000);
  }
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  exited_ = true;
}

ProcessMemory process_memory(pid_t pid) {
  ProcessMemory m;
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") in >> m.rss_kib;
    if (key == "VmHWM:") in >> m.peak_kib;
  }
  return m;
}

}  // namespace lw::bench
