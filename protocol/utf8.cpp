#include "protocol/utf8.h"

namespace lw::protocol::utf8 {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

}  // namespace

Char decode_at(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80U) return {1, 1, true};

  std::uint8_t length = 0;
  unsigned char lo = 0x80U;  // allowed range of the second byte (rejects overlongs/surrogates)
  unsigned char hi = 0xBFU;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    if (lead == 0xE0U) lo = 0xA0U;
    if (lead == 0xEDU) hi = 0x9FU;
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    if (lead == 0xF0U) lo = 0x90U;
    if (lead == 0xF4U) hi = 0x8FU;
  } else {
    return {1, 1, false};
  }
  if (i + length > text.size()) return {1, 1, false};
  const auto second = static_cast<unsigned char>(text[i + 1]);
  if (second < lo || second > hi) return {1, 1, false};
  for (std::size_t k = 2; k < length; ++k) {
    if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return {1, 1, false};
  }
  return {length, static_cast<std::uint8_t>(length == 4 ? 2 : 1), true};
}

}  // namespace lw::protocol::utf8
