// The results cache's one store (server/cli/cache_store.h): shards rewritten whole and
// atomically, entries across instances, bounds by size and age, damaged shards.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "server/cli/cache_store.h"

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;

class CacheStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lw-cache-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::set<std::string> files() const {
    std::set<std::string> out;
    if (!fs::exists(dir_)) return out;
    for (const auto& e : fs::directory_iterator(dir_)) out.insert(e.path().filename().string());
    return out;
  }
  fs::path dir_;
};

TEST_F(CacheStoreTest, EntriesSurviveInAFewShardFiles) {
  {
    CacheStore store(dir_);
    for (int i = 0; i < 1000; ++i)
      store.put("/src/f" + std::to_string(i) + ".py", "entry " + std::to_string(i));
    EXPECT_TRUE(files().empty());  // buffered until flush
    store.flush();
  }
  const auto names = files();
  EXPECT_LE(names.size(), CacheStore::kShards);
  EXPECT_GE(names.size(), 2U);
  for (const auto& n : names) EXPECT_TRUE(n.starts_with("shard-")) << n;  // no temporary left
  CacheStore again(dir_);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(again.get("/src/f" + std::to_string(i) + ".py"), "entry " + std::to_string(i));
  }
  EXPECT_EQ(again.get("/src/none.py"), std::nullopt);
  // A replaced entry, and an entry written by another run in between, both kept.
  again.put("/src/f1.py", "new");
  {
    CacheStore other(dir_);
    other.put("/src/other.py", "other");
  }  // flushed when it goes away
  again.flush();
  CacheStore third(dir_);
  EXPECT_EQ(third.get("/src/f1.py"), "new");
  EXPECT_EQ(third.get("/src/other.py"), "other");
  EXPECT_EQ(third.get("/src/f2.py"), "entry 2");
}

TEST_F(CacheStoreTest, ADamagedShardIsEmpty) {
  {
    CacheStore store(dir_);
    store.put("/a.py", "A");
    store.flush();
  }
  const fs::path shard = CacheStore(dir_).shard_file("/a.py");
  std::string data;
  {
    std::ifstream in(shard, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    data = bytes.str();
  }
  std::ofstream(shard, std::ios::binary | std::ios::trunc) << data.substr(0, data.size() - 1);
  EXPECT_EQ(CacheStore(dir_).get("/a.py"), std::nullopt);
  std::ofstream(shard, std::ios::binary | std::ios::trunc) << "garbage";
  EXPECT_EQ(CacheStore(dir_).get("/a.py"), std::nullopt);
}

TEST_F(CacheStoreTest, TheLeastRecentlyUsedGoBeyondTheSizeBound) {
  const std::string big(1000, 'x');
  {
    CacheStore store(dir_, 4500);  // about four entries a shard
    for (int i = 0; i < 200; ++i) store.put("/f" + std::to_string(i), big);
    store.flush();
    for (int i = 200; i < 260; ++i) store.put("/f" + std::to_string(i), big);  // newer
    store.flush();
  }
  CacheStore store(dir_, 4500);
  int kept = 0, newer = 0;
  for (int i = 0; i < 260; ++i) {
    if (store.get("/f" + std::to_string(i))) {
      ++kept;
      newer += i >= 200;
    }
  }
  EXPECT_LE(kept, static_cast<int>(4 * CacheStore::kShards));
  EXPECT_GT(kept, 0);
  EXPECT_GE(newer * 2, kept);  // what was written last survives first
  for (const auto& e : fs::directory_iterator(dir_)) EXPECT_LE(fs::file_size(e.path()), 4500U);
}

TEST_F(CacheStoreTest, OldEntriesAreDropped) {
  {
    CacheStore store(dir_);
    store.put("/old.py", "old");
    store.flush();
  }
  // A store whose age bound is zero drops what it did not write now.
  CacheStore store(dir_, CacheStore::kMaxShardBytes, std::chrono::seconds{0});
  const fs::path shard = store.shard_file("/old.py");
  // The same shard gets a new entry: a path hashing to it.
  std::string same;
  for (int i = 0; same.empty(); ++i) {
    const std::string p = "/n" + std::to_string(i);
    if (store.shard_file(p) == shard) same = p;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds{5});
  store.put(same, "new");
  store.flush();
  CacheStore later(dir_);
  EXPECT_EQ(later.get(same), "new");              // written by this flush
  EXPECT_EQ(later.get("/old.py"), std::nullopt);  // older than the bound: dropped
}

}  // namespace
}  // namespace lw::server::cli
