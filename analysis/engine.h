#pragma once
// The entry point of the analysis: one semantic model and one walk over the tree per call,
// all enabled rules, suppression comments applied, diagnostics sorted by position.
#include <vector>

#include "analysis/config.h"
#include "analysis/diagnostics/diagnostic.h"
#include "analysis/document.h"

namespace lw::analysis {

std::vector<Diagnostic> analyze(const Document& doc, const AnalysisOptions& options);

}  // namespace lw::analysis
