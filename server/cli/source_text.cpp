#include "server/cli/source_text.h"

#include <cstdint>
#include <string_view>

#include "server/config/read_file.h"

namespace lw::server::cli {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const auto cont = [&](std::size_t k, unsigned lo, unsigned hi) {
    return i + k < text.size() && byte(k) >= lo && byte(k) <= hi;
  };
  const unsigned b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
  if (b0 == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
    return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if (b0 == 0xF0) return cont(1, 0x90, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  if (b0 >= 0xF1 && b0 <= 0xF3) {
    return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  }
  if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  return 0;
}

std::string hex_byte(unsigned char b) {
  constexpr std::string_view kDigits = "0123456789ABCDEF";
  return std::string("0x") + kDigits[b >> 4U] + kDigits[b & 0xFU];
}

}  // namespace

SourceText decode_source(std::string bytes) {
  SourceText result;
  std::string_view text = bytes;
  if (text.starts_with(kBom)) {
    result.had_bom = true;
    text.remove_prefix(kBom.size());
  }
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\0') {
      result.error = "binary file (contains a NUL byte at line " + std::to_string(line) + ")";
      return result;
    }
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      result.error = "not valid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(c)) +
                     " at line " + std::to_string(line) + ", column " + std::to_string(column) +
                     ")";
      return result;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
  if (result.had_bom) bytes.erase(0, kBom.size());
  result.text = std::move(bytes);
  return result;
}

SourceText decode_source(std::string bytes, const std::filesystem::path& path) {
  SourceText result = decode_source(std::move(bytes));
  if (!result.ok() || !notebook::is_notebook_path(path.native())) return result;
  result.notebook = notebook::Notebook::parse(result.text, result.error);
  if (!result.notebook) return result;
  if (result.notebook->module_text().find('\0') != std::string::npos) {
    result.error = "binary file (a notebook cell contains a NUL character)";
    result.notebook.reset();
    return result;
  }
  result.text = result.notebook->module_text();
  return result;
}

SourceText read_source(const std::filesystem::path& path) {
  config::FileContents contents = config::read_file(path);
  if (!contents.ok()) return SourceText{{}, std::move(contents.error), false};
  return decode_source(std::move(contents.bytes), path);
}

}  // namespace lw::server::cli
