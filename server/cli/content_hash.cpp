#include "server/cli/content_hash.h"

#include <cstring>

namespace lw::server::cli {
namespace {

constexpr std::uint64_t kMulA = 0x9E3779B97F4A7C15ULL;
constexpr std::uint64_t kMulB = 0xC2B2AE3D27D4EB4FULL;

std::uint64_t mix(std::uint64_t h, std::uint64_t word, std::uint64_t mul) {
  h ^= word;
  h *= mul;
  return h ^ (h >> 29U);
}

std::uint64_t finalize(std::uint64_t h) {
  h ^= h >> 33U;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33U;
  h *= 0xC4CEB9FE1A85EC53ULL;
  return h ^ (h >> 33U);
}

}  // namespace

Hash128 hash_bytes(std::string_view bytes) {
  std::uint64_t a = 0x243F6A8885A308D3ULL ^ bytes.size();
  std::uint64_t b = 0x13198A2E03707344ULL + bytes.size() * kMulB;
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  while (n >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    a = mix(a, word, kMulA);
    b = mix(b, word ^ (word >> 32U), kMulB);
    p += 8;
    n -= 8;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  a = mix(a, tail ^ (n << 56U), kMulA);
  b = mix(b, tail + n, kMulB);
  return Hash128{finalize(a ^ (b >> 17U)), finalize(b ^ (a << 13U))};
}

std::string to_hex(const Hash128& h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[static_cast<std::size_t>(15 - i)] = kDigits[(h.a >> (4U * static_cast<unsigned>(i))) & 15U];
    out[static_cast<std::size_t>(31 - i)] = kDigits[(h.b >> (4U * static_cast<unsigned>(i))) & 15U];
  }
  return out;
}

Hash128 hash_from_hex(std::string_view hex) {
  if (hex.size() != 32) return {};
  auto parse = [](std::string_view s) {
    std::uint64_t v = 0;
    for (char c : s) {
      std::uint64_t d = 0;
      if (c >= '0' && c <= '9') {
        d = static_cast<std::uint64_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        d = static_cast<std::uint64_t>(c - 'a' + 10);
      } else {
        return std::uint64_t{0};
      }
      v = (v << 4U) | d;
    }
    return v;
  };
  return Hash128{parse(hex.substr(0, 16)), parse(hex.substr(16))};
}

Hasher& Hasher::add(std::string_view field) {
  add(static_cast<std::uint64_t>(field.size()));
  buffer_.append(field);
  return *this;
}

Hasher& Hasher::add(std::uint64_t value) {
  char bytes[8];
  std::memcpy(bytes, &value, 8);
  buffer_.append(bytes, 8);
  return *this;
}

}  // namespace lw::server::cli
