#include "server/config/read_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>

namespace lw::server::config {

FileContents read_file(const std::filesystem::path& path) {
  FileContents result;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    result.error = std::strerror(EISDIR);
    return result;
  }
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) {
    result.error = std::strerror(errno != 0 ? errno : EIO);
    return result;
  }
  char buffer[1 << 16];
  while (true) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    result.bytes.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file.get()) != 0) {
    result.error = std::strerror(errno != 0 ? errno : EIO);
    result.bytes.clear();
  }
  return result;
}

}  // namespace lw::server::config
