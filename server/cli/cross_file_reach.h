#pragma once
// The prefilter's cross-file part (server/cli/prefilter.h): LW201 reports, even in sync code,
// a call to a coroutine function of another file of the workspace, found through the
// workspace index (index::WorkspaceCoroutines -> WorkspaceIndex::find_function). A file
// without prefilter tokens is analysed after all when one of its imports may lead there.
//
// What find_function can reach from a file: a qualified name starts with one of the file's
// import bindings (import_scan.h) and continues with attributes; at the first module it meets
// it either finds a function of that module or follows that module's import binding of the
// one name that follows (a re-export), and so on. Walked here as (module, name) states: from
// the file's bindings, (M, any name) when the binding names module M or a module above M,
// (M, n) when it names M.n...; (M, n) is a hit when n heads a coroutine function of M, and M's
// import bindings of n give the next states. "Any name" is any identifier of the file's text
// (the attribute it reads from the module).
// Module names are those the inputs claim; everything is an over-approximation (a module
// claimed twice is followed for both files, a binding inside a function counts, a module's
// head counts wherever it appears in the text), so the walk never misses a coroutine the index
// could find.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/index/summary.h"
#include "server/cli/import_scan.h"

namespace lw::server::cli {

struct ModuleFacts {
  bool known = false;  // `imports` was scanned (or cached)
  ScannedImports imports;
  // The coroutine functions of its summary, by the name that follows the module in their
  // qualified names: "fetch" for "pkg.mod.fetch", "Client" for "pkg.mod.Client.get".
  std::vector<std::string> coroutine_heads;
};

class CrossFileReach {
 public:
  CrossFileReach(const std::vector<analysis::index::ModuleIdentity>& identities,
                 const std::vector<ModuleFacts>& facts);

  // Whether input `file`'s qualified names may resolve to a coroutine function of another
  // input. `looked_at` receives every module name the answer depended on (for the cache).
  bool may_reach_coroutine(std::size_t file, std::string_view text,
                           std::vector<std::string>& looked_at) const;

 private:
  const std::vector<analysis::index::ModuleIdentity>& identities_;
  const std::vector<ModuleFacts>& facts_;
  std::unordered_map<std::string, std::vector<std::size_t>> claimants_;
  // Every claimed module name below each dotted prefix ("a" -> "a.b", "a.b.c").
  std::unordered_map<std::string, std::vector<std::string>> below_;
};

}  // namespace lw::server::cli
