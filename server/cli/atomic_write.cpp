#include "server/cli/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "server/config/read_file.h"

namespace lw::server::cli {
namespace {

namespace fs = std::filesystem;

WriteResult failed(std::string what, int error) {
  return WriteResult{WriteStatus::Failed, std::move(what) + ": " + std::strerror(error)};
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// A fresh temporary file beside `target`, created exclusively with `mode`; -1 on failure.
int create_temporary(const fs::path& target, mode_t mode, fs::path& temporary) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    temporary = target.parent_path() /
                ("." + target.filename().string() + ".loopwarden-" + std::to_string(::getpid()) +
                 "-" + std::to_string(counter++) + ".tmp");
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  errno = EEXIST;
  return -1;
}

// A file with other hard links cannot be replaced by rename(2) without splitting them (the
// other names would keep the old text): its contents are rewritten through one descriptor
// opened for reading and writing, after the same check that it still holds `expected`.
WriteResult rewrite_in_place(const fs::path& target, std::string_view expected,
                             std::string_view contents) {
  const int fd = ::open(target.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return failed("cannot open the file for writing", errno);
  auto finish = [&](WriteResult result) {
    ::close(fd);
    return result;
  };
  std::string now;
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      now.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      return finish(failed("cannot read the file", errno));
    }
  }
  if (now != expected) {
    return finish(WriteResult{WriteStatus::ChangedOnDisk,
                              "changed on disk while it was being checked; left unchanged"});
  }
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n =
        ::pwrite(fd, contents.data() + done, contents.size() - done, static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return finish(failed("cannot write the file", errno));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::ftruncate(fd, static_cast<off_t>(contents.size())) != 0) {
    return finish(failed("cannot truncate the file", errno));
  }
  if (::close(fd) != 0) return failed("cannot write the file", errno);
  return WriteResult{WriteStatus::Written, {}};
}

}  // namespace

WriteResult replace_file_if_unchanged(const fs::path& path, std::string_view expected,
                                      std::string_view contents) {
  std::error_code ec;
  const fs::path target = fs::canonical(path, ec);
  if (ec) return failed("cannot resolve the path", ec.value());
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) return failed("cannot stat the file", errno);
  if (::access(target.c_str(), W_OK) != 0) return failed("the file is not writable", errno);
  if (S_ISREG(info.st_mode) && info.st_nlink > 1)
    return rewrite_in_place(target, expected, contents);

  fs::path temporary;
  const int fd = create_temporary(target, info.st_mode & 07777, temporary);
  if (fd < 0) return failed("cannot create a temporary file beside it", errno);
  auto discard = [&](WriteResult result) {
    ::unlink(temporary.c_str());
    return result;
  };
  // Keep the owner where we may (as root); the mode was set at creation (umask aside).
  if (::fchown(fd, info.st_uid, info.st_gid) != 0) {
    // Not permitted for ordinary users on files they own anyway: nothing to do.
  }
  const bool mode_kept = ::fchmod(fd, info.st_mode & 07777) == 0;  // umask may have cleared bits
  (void)mode_kept;
  const bool written = write_all(fd, contents);
  const int write_error = errno;
  if (::close(fd) != 0 || !written) {
    return discard(failed("cannot write the temporary file", written ? errno : write_error));
  }

  // The last look: the file must still hold what the fixes were computed from.
  config::FileContents now = config::read_file(target);
  if (!now.ok() || now.bytes != expected) {
    return discard(WriteResult{WriteStatus::ChangedOnDisk,
                               "changed on disk while it was being checked; left unchanged"});
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    int error = errno;
    return discard(failed("cannot replace the file", error));
  }
  return WriteResult{WriteStatus::Written, {}};
}

}  // namespace lw::server::cli
