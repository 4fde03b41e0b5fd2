#pragma once
// `check --watch` (ruff's): runs the check, then again whenever a Python file, a notebook or a
// configuration file under the checked paths is saved, created, moved or deleted (inotify),
// clearing the terminal first. Runs until interrupted.
#include <iosfwd>

#include "server/cli/check_options.h"

namespace lw::server::cli {

int run_watch(const CheckOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lw::server::cli
