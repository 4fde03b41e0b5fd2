// The adaptive debounce (LspServerOptions::instant_analysis), in-process: the scheduler's
// delayed posts are recorded, so the test sees how long each didChange made the analysis wait.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "server/lsp/lsp_server.h"
#include "tests/server/in_process_server.h"

namespace lw::server {
namespace {

using json = nlohmann::json;
using std::chrono::microseconds;
using std::chrono::milliseconds;

class AdaptiveDebounce : public ::testing::Test {
 protected:
  void start(microseconds instant) {
    scheduler_ = std::make_unique<Scheduler>(Scheduler::Hooks{
        .post = [this](Scheduler::Task task) { queue_.post(std::move(task)); },
        .post_after =
            [this](milliseconds delay, Scheduler::Task task) {
              delays_.push_back(delay);
              queue_.post(std::move(task));  // the test does not wait: it records the delay
            },
        // Analyses run when the test says so: one can be kept "running".
        .background = [this](Scheduler::Task task) { workers_.post(std::move(task)); },
    });
    server_ = std::make_unique<LspServer>(
        transport_, *scheduler_, [] {},
        LspServerOptions{.debounce = milliseconds{50}, .instant_analysis = instant});
    send({{"jsonrpc", "2.0"},
          {"id", 1},
          {"method", "initialize"},
          {"params", {{"processId", nullptr}, {"capabilities", json::object()}}}});
    notify("initialized", json::object());
  }
  void send(const json& message) {
    server_->on_message(message.dump());
    queue_.run();
  }
  void notify(const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  void open(const std::string& text) {
    notify("textDocument/didOpen",
           {{"textDocument",
             {{"uri", kUri}, {"languageId", "python"}, {"version", 1}, {"text", text}}}});
  }
  void change(int version, const std::string& text) {
    notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", version}}},
                                      {"contentChanges", json::array({{{"text", text}}})}});
  }
  // Runs the analyses started so far and delivers their results.
  void finish_analyses() {
    workers_.run();
    queue_.run();
  }
  // The versions of the publishDiagnostics sent since the last call.
  std::vector<int> published() {
    std::vector<int> versions;
    for (const json& m : transport_.take()) {
      if (m.value("method", "") == "textDocument/publishDiagnostics") {
        versions.push_back(m["params"]["version"].get<int>());
      }
    }
    return versions;
  }

  static constexpr const char* kUri = "file:///a.py";
  testing::TaskQueue queue_;
  testing::TaskQueue workers_;
  testing::MemoryTransport transport_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<LspServer> server_;
  std::vector<milliseconds> delays_;
};

constexpr const char* kText = "import time\nasync def f():\n    time.sleep(1)\n";

TEST_F(AdaptiveDebounce, AFastDocumentIsAnalysedWithoutWaiting) {
  start(std::chrono::hours{1});  // every analysis counts as fast
  open(kText);
  EXPECT_TRUE(delays_.empty());  // didOpen never waits
  finish_analyses();
  EXPECT_EQ(published(), std::vector<int>{1});

  change(2, std::string(kText) + "x = 1\n");
  EXPECT_TRUE(delays_.empty());  // no debounce: the analysis started at once
  finish_analyses();
  EXPECT_EQ(published(), std::vector<int>{2});

  // While that analysis runs, edits wait for the pause again: a burst costs one analysis.
  change(3, std::string(kText) + "x = 2\n");
  EXPECT_TRUE(delays_.empty());
  change(4, std::string(kText) + "x = 3\n");
  change(5, std::string(kText) + "x = 4\n");
  EXPECT_EQ(delays_, (std::vector<milliseconds>{milliseconds{50}, milliseconds{50}}));
  finish_analyses();
  EXPECT_EQ(published(), std::vector<int>{5});  // version 3's result was superseded
  change(6, kText);
  EXPECT_EQ(delays_.size(), 2U);  // nothing running again: at once
}

TEST_F(AdaptiveDebounce, ASlowDocumentWaitsForThePause) {
  start(microseconds{0});  // no analysis is fast enough
  open(kText);
  finish_analyses();
  EXPECT_EQ(published(), std::vector<int>{1});
  change(2, std::string(kText) + "x = 1\n");
  EXPECT_EQ(delays_, std::vector<milliseconds>{milliseconds{50}});
  finish_analyses();
  EXPECT_EQ(published(), std::vector<int>{2});
}

}  // namespace
}  // namespace lw::server
