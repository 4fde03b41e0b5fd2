#pragma once
// A fast 128-bit hash of bytes for the results cache (file contents, cache keys): two
// independent 64-bit lanes of multiply-xorshift mixing over 8-byte words. Not cryptographic:
// it tells an edited file from the cached one, it does not resist a crafted collision.
#include <cstdint>
#include <string>
#include <string_view>

namespace lw::server::cli {

struct Hash128 {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  friend bool operator==(const Hash128&, const Hash128&) = default;
};

Hash128 hash_bytes(std::string_view bytes);

// 32 lowercase hex digits, and back (nullopt-free: a malformed string gives a zero hash).
std::string to_hex(const Hash128& h);
Hash128 hash_from_hex(std::string_view hex);

// Accumulates several fields into one hash (each field is length-prefixed).
class Hasher {
 public:
  Hasher& add(std::string_view field);
  Hasher& add(std::uint64_t value);
  Hash128 finish() const { return hash_bytes(buffer_); }

 private:
  std::string buffer_;
};

}  // namespace lw::server::cli
