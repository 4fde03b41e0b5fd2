#pragma once
// file:// URIs <-> file-system paths (POSIX). LSP identifies documents by URI; the analysis
// and configuration work with paths.
#include <optional>
#include <string>
#include <string_view>

namespace lw::protocol {

// "/home/a b/x.py" -> "file:///home/a%20b/x.py". Relative paths are taken as they are.
std::string path_to_uri(std::string_view path);
// "file:///home/a%20b/x.py" (or "file://localhost/...") -> "/home/a b/x.py"; nullopt for
// other schemes, a remote authority, or a malformed escape.
std::optional<std::string> uri_to_path(std::string_view uri);

}  // namespace lw::protocol
