// lw_micro: Google Benchmark micro-benchmarks of the hot paths.
//
//   lw_micro [--benchmark_format=json] [--benchmark_filter=REGEX] ...
//
// Input: a built-in FastAPI-style module repeated with renamed functions to ~10,000 lines
// (deterministic, no files). Each benchmark reports items/s for its unit of work:
// - BM_QualifiedName: SemanticModel::qualified_name of every call's callee (one item = one call);
// - BM_MatchBlockingCall: match_blocking_call on every call (the LW101-LW107 table lookup with
//   receiver inference; one item = one call);
// - BM_LineIndexBuild / BM_ToPosition / BM_ToOffset: protocol::LineIndex construction and
//   byte offset <-> UTF-16 position conversion at pseudo-random places;
// - BM_DocumentEdit: analysis::Document::edit typing one letter right after a pseudo-random
//   identifier character, then deleting it (what lw_lsp_latency sends; ts_tree_edit +
//   incremental reparse; one item = one edit);
// - BM_DocumentEditAnywhere: the same at any byte (indentation and string delimiters included:
//   edits that change the block structure reparse much more);
// - BM_Analyze: analysis::analyze of the whole document (one item = one line).
#include <benchmark/benchmark.h>
#include <tree_sitter/api.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "analysis/document.h"
#include "analysis/engine.h"
#include "analysis/rules/blocking_call.h"
#include "analysis/rules/rule_context.h"
#include "analysis/semantic/coroutines.h"
#include "analysis/semantic/framework.h"
#include "analysis/semantic/model.h"
#include "analysis/semantic/references.h"
#include "analysis/semantic/types.h"
#include "protocol/position.h"

namespace {

using namespace lw;

constexpr const char* kHeader = R"(import asyncio
import json
import time
import requests as r
from pathlib import Path
from typing import Optional

import httpx
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

router = APIRouter()
)";

constexpr const char* kUnit = R"(

@router.get("/items/{item_id}")
async def read_item_@(item_id: int, db: Session = Depends(get_db)) -> dict:
    """Return one item, with its owner (héllo wörld ✓)."""
    item = db.query(Item).filter(Item.id == item_id).first()
    if item is None:
        raise HTTPException(status_code=404, detail="not found")
    async with httpx.AsyncClient() as client:
        resp = await client.get(f"https://example.com/owners/{item.owner_id}")
    data = json.loads(resp.text)
    path = Path("/tmp") / f"{item_id}.json"
    text = path.read_text()
    time.sleep(0.1)
    payload = r.get("https://example.com", timeout=3).json()
    return {"item": item, "owner": data, "text": text, "payload": payload}


def helper_@(values: list[int], scale: Optional[float] = None) -> list[float]:
    out = [v * (scale or 1.0) for v in values if v % 3]
    for i, v in enumerate(out):
        if v > 100:
            out[i] = min(v, 1000.0)
    return sorted(out)
)";

const std::string& source() {
  static const std::string text = [] {
    std::string s = kHeader;
    for (int i = 0; s.size() < 400'000; ++i) {  // ~10k lines
      std::string unit = kUnit;
      for (auto at = unit.find('@'); at != std::string::npos; at = unit.find('@', at)) {
        unit.replace(at, 1, std::to_string(i));
      }
      s += unit;
    }
    return s;
  }();
  return text;
}

struct Analysed {
  analysis::Document doc{source()};
  analysis::semantic::SemanticModel model{doc.tree(), doc.text()};
  analysis::semantic::TypeResolver types{model};
  analysis::semantic::Framework framework{model, types};
  analysis::AnalysisOptions options;
  analysis::semantic::CoroutineRegistry coroutines{model, types, framework,
                                                   options.extend_async_functions};
  analysis::semantic::References references{model};
  analysis::RuleContext ctx{doc.text(), model, types, framework, options, coroutines, references};
  std::vector<const analysis::semantic::Site*> calls;
  Analysed() {
    for (const auto& site : model.sites()) {
      if (site.kind == analysis::syntax::Kind::Call) calls.push_back(&site);
    }
  }
};

const Analysed& analysed() {
  static const Analysed a;
  return a;
}

void BM_QualifiedName(benchmark::State& state) {
  const Analysed& a = analysed();
  const TSFieldId function = analysis::syntax::fields().function;
  std::size_t resolved = 0;
  for (auto _ : state) {
    for (const auto* site : a.calls) {
      auto q = a.model.qualified_name(ts_node_child_by_field_id(site->node, function),
                                      site->context.scope);
      resolved += q.has_value();
      benchmark::DoNotOptimize(q);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * a.calls.size()));
  state.counters["resolved_share"] =
      static_cast<double>(resolved) / static_cast<double>(state.iterations() * a.calls.size());
}
BENCHMARK(BM_QualifiedName)->Unit(benchmark::kMicrosecond);

void BM_MatchBlockingCall(benchmark::State& state) {
  const Analysed& a = analysed();
  for (auto _ : state) {
    for (const auto* site : a.calls) {
      auto m = analysis::match_blocking_call(a.ctx, site->node, site->context.scope);
      benchmark::DoNotOptimize(m);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * a.calls.size()));
}
BENCHMARK(BM_MatchBlockingCall)->Unit(benchmark::kMicrosecond);

void BM_LineIndexBuild(benchmark::State& state) {
  const std::string& text = source();
  for (auto _ : state) {
    protocol::LineIndex index(text);
    benchmark::DoNotOptimize(index);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_LineIndexBuild)->Unit(benchmark::kMicrosecond);

void BM_ToPosition(benchmark::State& state) {
  const std::string& text = source();
  const protocol::LineIndex index(text);
  std::mt19937 rng(1);
  std::vector<std::uint32_t> offsets(4096);
  for (auto& o : offsets) o = static_cast<std::uint32_t>(rng() % text.size());
  for (auto _ : state) {
    for (auto o : offsets) {
      benchmark::DoNotOptimize(index.to_position(text, o, protocol::PositionEncoding::Utf16));
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * offsets.size()));
}
BENCHMARK(BM_ToPosition);

void BM_ToOffset(benchmark::State& state) {
  const std::string& text = source();
  const protocol::LineIndex index(text);
  std::mt19937 rng(2);
  std::vector<protocol::Position> positions(4096);
  for (auto& p : positions) {
    p = {static_cast<std::uint32_t>(rng() % index.line_count()),
         static_cast<std::uint32_t>(rng() % 60)};
  }
  for (auto _ : state) {
    for (const auto& p : positions) {
      benchmark::DoNotOptimize(index.to_offset(text, p, protocol::PositionEncoding::Utf16));
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * positions.size()));
}
BENCHMARK(BM_ToOffset);

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Insert "x" at a pseudo-random offset (after an identifier character when `after_identifier`),
// then delete it again: one edit per iteration.
void document_edits(benchmark::State& state, bool after_identifier) {
  analysis::Document doc(source());
  std::mt19937 rng(3);
  bool insert = true;
  std::uint32_t at = 0;
  for (auto _ : state) {
    if (insert) {
      do {
        at = 1 + static_cast<std::uint32_t>(rng() % (doc.text().size() - 1));
      } while (after_identifier && !identifier_char(doc.text()[at - 1]));
      doc.edit(at, at, "x");
    } else {
      doc.edit(at, at + 1, "");
    }
    insert = !insert;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
void BM_DocumentEdit(benchmark::State& state) { document_edits(state, true); }
BENCHMARK(BM_DocumentEdit)->Unit(benchmark::kMicrosecond);
void BM_DocumentEditAnywhere(benchmark::State& state) { document_edits(state, false); }
BENCHMARK(BM_DocumentEditAnywhere)->Unit(benchmark::kMicrosecond);

void BM_Analyze(benchmark::State& state) {
  const analysis::Document doc(source());
  const analysis::AnalysisOptions options;
  std::size_t lines = 0;
  for (char c : doc.text()) lines += c == '\n';
  for (auto _ : state) {
    auto diagnostics = analysis::analyze(doc, options);
    benchmark::DoNotOptimize(diagnostics);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines));
}
BENCHMARK(BM_Analyze)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
