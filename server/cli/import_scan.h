#pragma once
// The import statements of a Python file, found without parsing it: every word `import` is
// read as the end of `from X import ...` (when `from X` precedes it on its logical line,
// backslash continuations included) or as the start of `import a.b, c as d`. Anything else
// that happens to contain the word (a comment, a docstring) only adds names. So the result
// over-approximates what the file imports, never under-approximates it: what the prefilter
// needs (server/cli/prefilter.h).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lw::server::cli {

struct ScannedImports {
  bool complete = true;  // false: assume the file may import anything (not produced today)
  // What each imported name is bound to, as SemanticModel binds it: `import a.b` -> "a",
  // `import a.b as c` -> "a.b", `from m import x` -> "m.x", `from .m import x` -> ".m.x".
  std::vector<std::pair<std::string, std::string>> bindings;  // (bound name, qualified)
};

ScannedImports scan_imports(std::string_view text);

}  // namespace lw::server::cli
