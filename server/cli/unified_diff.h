#pragma once
// A unified diff of two texts (`diff -u` format, as `check --diff` prints it): `--- path` /
// `+++ path` headers, hunks with `context` lines around each change, lines compared with
// their line endings, "\ No newline at end of file" where a side ends without one.
// Empty when the texts are equal. Pure.
#include <string>
#include <string_view>

namespace lw::server::cli {

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after,
                         unsigned context = 3);

}  // namespace lw::server::cli
