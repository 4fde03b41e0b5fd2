#pragma once
// The entries of `extend-blocking-calls` (LW108), in flake8-async's `--async200-blocking-calls`
// syntax: `pattern` or `pattern -> suggestion` (whitespace around both stripped). A pattern is
// dotted components; `*` alone is exactly one component (`*.postwild`, `prewild.*`, `*.*.*`),
// a `*` inside a component matches any run of characters within it (`*session.get`). A
// pattern without a dot names a function by its own name. Pure string functions: which names
// a call is matched under is blocking_call.cpp's business.
#include <optional>
#include <string>
#include <string_view>

namespace lw::analysis {

// Why `entry` is not a valid entry, or nullopt when it is.
std::optional<std::string> blocking_pattern_problem(std::string_view entry);

// The pattern part of an entry (before `->`, stripped).
std::string_view blocking_pattern(std::string_view entry);

// The suggestion part (after `->`, stripped); empty when there is none.
std::string_view blocking_pattern_suggestion(std::string_view entry);

// True when the entry's pattern has no dot: it names a function, not a qualified name.
bool is_bare_blocking_pattern(std::string_view entry);

// True when `dotted_name` ("pkg.mod.fetch") matches the entry's pattern component by component.
bool blocking_pattern_matches(std::string_view entry, std::string_view dotted_name);

}  // namespace lw::analysis
