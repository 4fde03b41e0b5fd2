// server/cli/atomic_write.h: the file is replaced whole, keeps its mode, symbolic links stay
// links, hard links stay together, and a file that changed since it was read is left alone.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "server/cli/atomic_write.h"
#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;
using lw::server::testing::read_text;
using lw::server::testing::ScratchDir;

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

TEST(ReplaceFile, WritesTheNewContentsAndKeepsTheMode) {
  ScratchDir dir;
  const fs::path file = dir.write("a.py", "old\n");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  WriteResult r = replace_file_if_unchanged(file, "old\n", "new\n");
  EXPECT_EQ(r.status, WriteStatus::Written) << r.message;
  EXPECT_EQ(read_text(file), "new\n");
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(entries(dir.path()), 1U) << "no temporary file left behind";
}

TEST(ReplaceFile, LeavesAFileThatChangedOnDisk) {
  ScratchDir dir;
  const fs::path file = dir.write("a.py", "edited by someone else\n");
  WriteResult r = replace_file_if_unchanged(file, "what we read\n", "fixed\n");
  EXPECT_EQ(r.status, WriteStatus::ChangedOnDisk);
  EXPECT_NE(r.message.find("changed on disk"), std::string::npos);
  EXPECT_EQ(read_text(file), "edited by someone else\n");
  EXPECT_EQ(entries(dir.path()), 1U);
}

TEST(ReplaceFile, FollowsSymbolicLinks) {
  ScratchDir dir;
  const fs::path target = dir.write("real/a.py", "old\n");
  const fs::path link = dir.path() / "link.py";
  fs::create_symlink(target, link);
  WriteResult r = replace_file_if_unchanged(link, "old\n", "new\n");
  EXPECT_EQ(r.status, WriteStatus::Written) << r.message;
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(read_text(target), "new\n");
}

TEST(ReplaceFile, KeepsHardLinksTogether) {
  ScratchDir dir;
  const fs::path file = dir.write("a.py", "old text\n");
  const fs::path other = dir.path() / "b.py";
  fs::create_hard_link(file, other);
  struct stat before {};
  ASSERT_EQ(::stat(file.c_str(), &before), 0);
  WriteResult r = replace_file_if_unchanged(file, "old text\n", "new\n");
  EXPECT_EQ(r.status, WriteStatus::Written) << r.message;
  EXPECT_EQ(read_text(file), "new\n");
  EXPECT_EQ(read_text(other), "new\n") << "the other name sees the fix too";
  struct stat after {};
  ASSERT_EQ(::stat(file.c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
  EXPECT_EQ(after.st_nlink, 2U);
  EXPECT_EQ(entries(dir.path()), 2U) << "no temporary file left behind";

  // The same changed-on-disk check.
  WriteResult stale = replace_file_if_unchanged(other, "old text\n", "newer\n");
  EXPECT_EQ(stale.status, WriteStatus::ChangedOnDisk);
  EXPECT_EQ(read_text(file), "new\n");
}

TEST(ReplaceFile, ReportsWhatFails) {
  ScratchDir dir;
  WriteResult missing = replace_file_if_unchanged(dir.path() / "nope.py", "", "x");
  EXPECT_EQ(missing.status, WriteStatus::Failed);
  EXPECT_FALSE(missing.message.empty());
  if (::geteuid() != 0) {  // root may write anything
    const fs::path file = dir.write("ro.py", "old\n");
    fs::permissions(file, fs::perms::owner_read);
    WriteResult read_only = replace_file_if_unchanged(file, "old\n", "new\n");
    EXPECT_EQ(read_only.status, WriteStatus::Failed);
    EXPECT_EQ(read_text(file), "old\n");
  }
}

}  // namespace
}  // namespace lw::server::cli
