#pragma once
// `loopwarden check`: discover files, load their configuration, analyse them in parallel and
// print the diagnostics (sorted, deterministic for any thread count). Returns the exit status.
#include <iosfwd>

#include "server/cli/check_options.h"

namespace lw::server::cli {

int run_check(const CheckOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace lw::server::cli
