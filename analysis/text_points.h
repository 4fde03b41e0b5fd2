#pragma once
// tree-sitter's points (TSPoint: rows counted by '\n' only, columns in bytes) of positions in a
// text, for the TSInputEdit of an incremental reparse.
#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>

namespace lw::analysis {

// The point of byte `offset` of `text` (offset <= text.size()).
TSPoint point_at(std::string_view text, std::uint32_t offset);

// The point just after `inserted` when it starts at `start`.
TSPoint point_after(TSPoint start, std::string_view inserted);

}  // namespace lw::analysis
