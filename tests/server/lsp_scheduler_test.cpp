#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "server/lsp/scheduler.h"

namespace lw::server {
namespace {

class LspScheduler : public ::testing::Test {
 protected:
  std::deque<Scheduler::Task> queue;
  Scheduler scheduler{[this](Scheduler::Task task) { queue.push_back(std::move(task)); }};
  std::vector<std::string> ran;

  void run_all() {
    while (!queue.empty()) {
      auto task = std::move(queue.front());
      queue.pop_front();
      task();
    }
  }
};

TEST_F(LspScheduler, NewerTaskForTheSameKeySupersedes) {
  scheduler.schedule("a", [this] { ran.push_back("a1"); });
  scheduler.schedule("b", [this] { ran.push_back("b1"); });
  scheduler.schedule("a", [this] { ran.push_back("a2"); });
  EXPECT_EQ(scheduler.pending(), 2U);
  run_all();
  EXPECT_EQ(ran, (std::vector<std::string>{"b1", "a2"}));
  EXPECT_EQ(scheduler.pending(), 0U);
}

TEST_F(LspScheduler, CancelDropsThePendingTask) {
  scheduler.schedule("a", [this] { ran.push_back("a1"); });
  scheduler.cancel("a");
  run_all();
  EXPECT_TRUE(ran.empty());
  // Scheduling again after a cancel works.
  scheduler.schedule("a", [this] { ran.push_back("a2"); });
  run_all();
  EXPECT_EQ(ran, (std::vector<std::string>{"a2"}));
}

TEST_F(LspScheduler, ATaskThatThrowsIsContained) {
  scheduler.schedule("a", [] { throw std::runtime_error("boom"); });
  scheduler.schedule("b", [this] { ran.push_back("b"); });
  EXPECT_NO_THROW(run_all());
  EXPECT_EQ(ran, (std::vector<std::string>{"b"}));
}

TEST_F(LspScheduler, TaskMayRescheduleItself) {
  int runs = 0;
  std::function<void()> again = [&] {
    if (++runs < 3) scheduler.schedule("a", again);
  };
  scheduler.schedule("a", again);
  run_all();
  EXPECT_EQ(runs, 3);
}

}  // namespace
}  // namespace lw::server
