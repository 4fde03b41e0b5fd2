// OutgoingQueue: order kept, publications of the same document coalesced in place, byte
// count exact.
#include <gtest/gtest.h>

#include "server/lsp/outgoing_queue.h"

namespace lw::server {
namespace {

TEST(LspOutgoingQueue, KeepsOrderAndReplacesAQueuedFrameWithTheSameKey) {
  OutgoingQueue queue;
  EXPECT_FALSE(queue.push("response 1"));
  EXPECT_FALSE(queue.push("publish a v1", "a"));
  EXPECT_FALSE(queue.push("publish b v1", "b"));
  EXPECT_FALSE(queue.push("response 2"));
  EXPECT_TRUE(queue.push("publish a v2 (longer)", "a"));
  EXPECT_TRUE(queue.push("publish a v3", "a"));
  EXPECT_EQ(queue.size(), 4U);
  EXPECT_EQ(queue.bytes(), std::string("response 1publish a v3publish b v1response 2").size());
  EXPECT_EQ(queue.pop(), "response 1");
  EXPECT_EQ(queue.pop(), "publish a v3");
  // Once taken (being written), a key is queued anew.
  EXPECT_FALSE(queue.push("publish a v4", "a"));
  EXPECT_TRUE(queue.push("publish b v2", "b"));
  EXPECT_EQ(queue.pop(), "publish b v2");
  EXPECT_EQ(queue.pop(), "response 2");
  EXPECT_EQ(queue.pop(), "publish a v4");
  EXPECT_EQ(queue.pop(), std::nullopt);
  EXPECT_EQ(queue.bytes(), 0U);
}

TEST(LspOutgoingQueue, ClearForgetsKeys) {
  OutgoingQueue queue;
  queue.push("x", "a");
  queue.push("y");
  queue.clear();
  EXPECT_TRUE(queue.empty());
  EXPECT_FALSE(queue.push("z", "a"));
  EXPECT_EQ(queue.pop(), "z");
}

}  // namespace
}  // namespace lw::server
