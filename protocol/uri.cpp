#include "protocol/uri.h"

#include <cctype>

namespace lw::protocol {
namespace {

bool keep_unescaped(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 ||
         std::string_view("-._~/!$&'()*+,;=:@").find(c) != std::string_view::npos;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string path_to_uri(std::string_view path) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string uri = "file://";
  for (const char c : path) {
    if (keep_unescaped(c)) {
      uri += c;
    } else {
      const auto u = static_cast<unsigned char>(c);
      uri += '%';
      uri += kHex[u >> 4U];
      uri += kHex[u & 0x0FU];
    }
  }
  return uri;
}

std::optional<std::string> uri_to_path(std::string_view uri) {
  if (!starts_with_ci(uri, "file://")) return std::nullopt;
  uri.remove_prefix(7);
  if (starts_with_ci(uri, "localhost/")) uri.remove_prefix(9);
  if (uri.empty() || uri.front() != '/') return std::nullopt;  // remote authority
  std::string path;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '?' || uri[i] == '#') break;
    if (uri[i] != '%') {
      path += uri[i];
      continue;
    }
    if (i + 2 >= uri.size()) return std::nullopt;
    const int hi = hex_value(uri[i + 1]);
    const int lo = hex_value(uri[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    path += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return path;
}

}  // namespace lw::protocol
