#pragma once
// Internal to the analysis entry points (engine.cpp, explain_value.cpp): what a
// PreparedDocument holds, built once per parsed text.
#include "analysis/diagnostics/suppression.h"
#include "analysis/engine.h"
#include "analysis/semantic/framework.h"
#include "analysis/semantic/model.h"
#include "analysis/semantic/references.h"
#include "analysis/semantic/types.h"

namespace lw::analysis {

struct PreparedDocument::State {
  explicit State(const Document& d)
      : doc(d),
        model(d.tree(), d.text()),
        suppressions(model),
        types(model),
        framework(model, types),
        references(model) {}
  const Document& doc;
  semantic::SemanticModel model;
  Suppressions suppressions;
  semantic::TypeResolver types;
  semantic::Framework framework;
  semantic::References references;
};

}  // namespace lw::analysis
