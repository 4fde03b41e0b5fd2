#pragma once
// What `loopwarden --version` prints after "loopwarden ": the version and, when built from a
// git checkout, the commit and its date, e.g. "0.1.0 (9e0ef7f1a2b3 2026-12-07)". Defined in a
// file generated at build time (cmake/build_info.cmake), linked into the executable only.

#include <string_view>

namespace lw::server {
std::string_view version_text();
}  // namespace lw::server
