#pragma once
// The on-disk form of a results-cache entry (result_cache.h): one JSON object per file,
// round-tripping every field of CacheEntry and of the printed diagnostics it holds.
#include <optional>
#include <string>
#include <string_view>

#include "server/cli/result_cache.h"

namespace lw::server::cli {

std::string encode_entry(const CacheEntry& entry);
// nullopt for anything that is not a complete entry of this format.
std::optional<CacheEntry> decode_entry(std::string_view bytes);

}  // namespace lw::server::cli
