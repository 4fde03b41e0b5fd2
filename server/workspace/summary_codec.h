#pragma once
// ModuleSummary <-> JSON, every field, for the library summary cache (library_cache.h).
#include <nlohmann/json.hpp>
#include <optional>

#include "analysis/index/summary.h"

namespace lw::server::workspace {

nlohmann::json encode_summary(const analysis::index::ModuleSummary& summary);
// nullopt for anything that is not a whole summary of this format.
std::optional<analysis::index::ModuleSummary> decode_summary(const nlohmann::json& j);

}  // namespace lw::server::workspace
