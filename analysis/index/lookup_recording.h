#pragma once
// Which modules an analysis looked up in the workspace index, recorded per thread: a
// WorkspaceIndex whose lookup observer is `record_lookup` reports each WorkspaceIndex::module
// lookup to the LookupRecording alive on the calling thread (none: nothing is recorded).
// `check` uses it to load exactly the summaries an analysis needs (server/cli/on_demand_index.h);
// the language server to find the installed library modules an open document needs.
#include <string>
#include <string_view>
#include <vector>

namespace lw::analysis::index {

// The module names looked up on this thread while it lives (nested recordings not allowed).
class LookupRecording {
 public:
  LookupRecording();
  ~LookupRecording();
  LookupRecording(const LookupRecording&) = delete;
  LookupRecording& operator=(const LookupRecording&) = delete;
  // Sorted, each name once.
  std::vector<std::string> take();

 private:
  std::vector<std::string> names_;
};

// The lookup observer to install on an index (WorkspaceIndex::set_lookup_observer).
void record_lookup(std::string_view module);

}  // namespace lw::analysis::index
