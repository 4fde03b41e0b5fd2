#pragma once
// File bytes -> the text given to the analysis: must be UTF-8 without NUL bytes (a NUL means a
// binary file); a leading UTF-8 byte-order mark is removed (it is not part of any column).
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "server/notebook/notebook.h"

namespace lw::server::cli {

// The UTF-8 byte-order mark: removed on reading, written back by `--fix`.
inline constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct SourceText {
  std::string text;
  std::string error;  // empty on success, else the problem ("not valid UTF-8 (line 3, ...)")
  bool had_bom = false;
  // A notebook (`.ipynb`): `text` is the module of its code cells (server/notebook/notebook.h).
  std::shared_ptr<const notebook::Notebook> notebook = nullptr;
  bool ok() const { return error.empty(); }
};

SourceText decode_source(std::string bytes);
// As above for the contents of `path`: a notebook's JSON becomes the module of its cells.
SourceText decode_source(std::string bytes, const std::filesystem::path& path);

// Reads and decodes a file; `error` tells why it cannot be read or decoded.
SourceText read_source(const std::filesystem::path& path);

}  // namespace lw::server::cli
