#include "server/lsp/analysis_job.h"

#include "analysis/engine.h"
#include "analysis/index/lookup_recording.h"

namespace lw::server {

AnalysisResult run_analysis(AnalysisJob& job) {
  const auto started = std::chrono::steady_clock::now();
  AnalysisResult result;
  result.uri = job.uri;
  result.version = job.version;
  result.sequence = job.sequence;
  result.revision = job.revision;
  const bool parse = job.document.needs_parse();
  job.document.reparse();
  result.parse_elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  {
    analysis::index::LookupRecording recording;
    const analysis::PreparedDocument prepared(job.document);
    result.summary = analysis::summarize(prepared, job.options, job.identity);
    if (!job.excluded) {
      result.diagnostics =
          analysis::analyze(prepared, job.options,
                            analysis::FileContext{job.identity, job.index.get()}, &result.summary);
    }
    result.looked_up = recording.take();
  }
  if (parse) result.parsed.emplace(std::move(job.document));
  result.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  return result;
}

}  // namespace lw::server
