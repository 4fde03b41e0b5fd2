// The library summary cache (server/workspace/library_cache.h) and its codec: every field of
// a summary survives the round trip; an entry is valid for the same module and file only.
#include <gtest/gtest.h>

#include <fstream>

#include "analysis/engine.h"
#include "server/workspace/library_cache.h"
#include "server/workspace/summary_codec.h"
#include "tests/server/cli_test_support.h"

namespace lw::server::workspace {
namespace {

using server::testing::ScratchDir;

constexpr const char* kModule = R"(import time, requests
from fastapi import Depends
from sqlalchemy.orm import Session
from .base import Base

__all__ = ["Client"]
engine = requests.Session()

class Client(Base):
    timeout: int = 3
    def __init__(self):
        self.http = requests.Session()
    def fetch(self, url) -> dict:
        return self.http.get(url).json()
    async def run(self):
        return await other()

def get_db() -> Session:
    return Session()

def route(db=Depends(get_db)):
    time.sleep(1)

async def middleware(request, call_next):
    request.state.db = Session()
    return await call_next(request)

def record() -> None:
    pass
)";

analysis::index::ModuleSummary summary_of(const std::string& text, const LibraryModule& m) {
  const analysis::Document doc(text);
  return analysis::summarize(doc, analysis::AnalysisOptions{},
                             analysis::index::ModuleIdentity{m.module, m.path.string(),
                                                             m.is_package, m.distribution.label()});
}

TEST(SummaryCodec, EveryFieldRoundTrips) {
  const LibraryModule m{"vendor.client", "/x/vendor/client.py", false, {"vendor", "1.0"}};
  const analysis::index::ModuleSummary s = summary_of(kModule, m);
  ASSERT_FALSE(s.functions.empty());
  ASSERT_FALSE(s.classes.empty());
  ASSERT_FALSE(s.state.empty());
  ASSERT_FALSE(s.origins.empty());
  const auto back = decode_summary(nlohmann::json::parse(encode_summary(s).dump()));
  ASSERT_TRUE(back);
  EXPECT_TRUE(*back == s);
  EXPECT_FALSE(decode_summary(nlohmann::json::object()));
  nlohmann::json bad = encode_summary(s);
  bad["functions"][0]["blocking"] = {{"rule", "LW999"}, {"name", "x"}, {"range", {0, 1}}};
  EXPECT_FALSE(decode_summary(bad)) << "an unknown rule code";
}

TEST(LibraryCache, KeepsSummariesBetweenRunsForTheSameFileOnly) {
  ScratchDir dir;
  const auto file = dir.write("site/vendor/client.py", kModule);
  const LibraryModule m{"vendor.client", file, false, {"vendor", "1.0"}};
  std::optional<analysis::index::ModuleSummary> first;
  {
    const LibraryCache cache(dir.path() / "cache");
    EXPECT_FALSE(cache.get(m));
    first = summarize_library_cached(m, &cache);
    ASSERT_TRUE(first);
    EXPECT_EQ(cache.misses(), 2U);  // the get above and the one inside
  }                                 // flushed
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "cache" / "libraries" / "vendor-1.0.json"));
  {
    const LibraryCache cache(dir.path() / "cache");
    const auto again = summarize_library_cached(m, &cache);
    ASSERT_TRUE(again);
    EXPECT_TRUE(*again == *first);
    EXPECT_EQ(cache.hits(), 1U);
    EXPECT_EQ(cache.misses(), 0U);
    // Another module name for the same file, another version: not this entry.
    LibraryModule renamed = m;
    renamed.module = "vendor.other";
    EXPECT_FALSE(cache.get(renamed));
    LibraryModule newer = m;
    newer.distribution.version = "1.1";
    EXPECT_FALSE(cache.get(newer));
  }
  // The installed file changes (an editable install): summarised again.
  { std::ofstream(file, std::ios::app) << "\ndef added():\n    pass\n"; }
  const LibraryCache cache(dir.path() / "cache");
  EXPECT_FALSE(cache.get(m));
  const auto changed = summarize_library_cached(m, &cache);
  ASSERT_TRUE(changed);
  EXPECT_NE(changed->functions.size(), first->functions.size());
}

}  // namespace
}  // namespace lw::server::workspace
