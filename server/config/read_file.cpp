#include "server/config/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lw::server::config {

namespace {

// Why a file of this type is not read (nullptr for a regular file).
const char* refused_type(mode_t mode) {
  if (S_ISREG(mode)) return nullptr;
  if (S_ISDIR(mode)) return std::strerror(EISDIR);
  if (S_ISFIFO(mode)) return "not a regular file (a FIFO)";
  if (S_ISSOCK(mode)) return "not a regular file (a socket)";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "not a regular file (a device)";
  return "not a regular file";
}

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

FileContents read_file(const std::filesystem::path& path) {
  FileContents result;
  // FIFOs, devices and sockets are refused before they are opened (reading a FIFO blocks
  // until a writer comes; opening a device may act on it); the type is checked again on the
  // open descriptor, opened without blocking, in case the name changed in between.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    result.error = std::strerror(errno != 0 ? errno : EIO);
    return result;
  }
  if (const char* why = refused_type(st.st_mode)) {
    result.error = why;
    return result;
  }
  const Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
  if (file.fd < 0 || ::fstat(file.fd, &st) != 0) {
    result.error = std::strerror(errno != 0 ? errno : EIO);
    return result;
  }
  if (const char* why = refused_type(st.st_mode)) {
    result.error = why;
    return result;
  }
  if (st.st_size > 0) result.bytes.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n > 0) {
      result.bytes.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      result.error = std::strerror(errno);
      result.bytes.clear();
      break;
    }
  }
  return result;
}

}  // namespace lw::server::config
