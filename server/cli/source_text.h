#pragma once
// File bytes -> the text given to the analysis: must be UTF-8 without NUL bytes (a NUL means a
// binary file); a leading UTF-8 byte-order mark is removed (it is not part of any column).
#include <filesystem>
#include <string>

namespace lw::server::cli {

struct SourceText {
  std::string text;
  std::string error;  // empty on success, else the problem ("not valid UTF-8 (line 3, ...)")
  bool had_bom = false;
  bool ok() const { return error.empty(); }
};

SourceText decode_source(std::string bytes);

// Reads and decodes a file; `error` tells why it cannot be read or decoded.
SourceText read_source(const std::filesystem::path& path);

}  // namespace lw::server::cli
