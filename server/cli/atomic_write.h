#pragma once
// Writing a fixed file back (`check --fix`): the new contents go to a temporary file in the
// same folder (same permissions), which then replaces the file by rename(2), so a reader sees
// the old file or the new one, never half of one. The file is compared with what the fixes
// were computed from just before the rename: if someone changed it meanwhile, it is left
// alone. A symbolic link is followed: its target is replaced, the link stays. A file with
// more than one hard link is rewritten in place instead (after the same check), so every
// name keeps seeing the same file; a reader may then see a partly written file.
#include <filesystem>
#include <string>
#include <string_view>

namespace lw::server::cli {

enum class WriteStatus {
  Written,
  ChangedOnDisk,  // the file no longer holds `expected`: nothing was written
  Failed,         // `message` says why; nothing was written
};

struct WriteResult {
  WriteStatus status = WriteStatus::Failed;
  std::string message;
};

WriteResult replace_file_if_unchanged(const std::filesystem::path& path, std::string_view expected,
                                      std::string_view contents);

}  // namespace lw::server::cli
