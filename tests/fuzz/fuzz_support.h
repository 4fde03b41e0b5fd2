#pragma once
// Helpers shared by the fuzz targets. A target is one `LLVMFuzzerTestOneInput`; it is linked
// either with libFuzzer (-DLW_FUZZ=ON, clang) or with corpus_main.cpp, which replays the
// committed seed corpus as a ctest in the normal build.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

// A property of the code under test: on failure, print it and abort (libFuzzer then saves
// the input as a crash).
#define LW_FUZZ_CHECK(cond, ...)                                                    \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ::lw::fuzz::detail_note(__VA_ARGS__);                                         \
      std::abort();                                                                 \
    }                                                                               \
  } while (false)

namespace lw::fuzz {

inline void detail_note() {}
inline void detail_note(std::string_view note) {
  std::fprintf(stderr, "  %.*s\n", static_cast<int>(note.size()), note.data());
}

// Reads an input as a stream of small decisions; past the end every read yields 0, so any
// input is a valid (if short) program.
class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  bool empty() const { return pos_ >= size_; }
  std::size_t remaining() const { return size_ - pos_; }
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::uint32_t u16() {
    return static_cast<std::uint32_t>(byte()) | (static_cast<std::uint32_t>(byte()) << 8U);
  }
  // A value in [0, n) (n > 0).
  std::uint32_t below(std::uint32_t n) { return (n <= 256 ? byte() : u16()) % n; }
  // Up to `max` raw bytes.
  std::string_view bytes(std::size_t max) {
    const std::size_t n = std::min<std::size_t>(max, remaining());
    const std::string_view out(reinterpret_cast<const char*>(data_ + pos_), n);  // NOLINT
    pos_ += n;
    return out;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

}  // namespace lw::fuzz
