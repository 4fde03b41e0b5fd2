// LW208 and LW302 across modules, end to end through `loopwarden check` (index/usage.h): a
// coroutine function used as a value by another module (a FastAPI dependency, an exception
// handler, an aiohttp route, a monkeypatched double, an override) stays `async`; an `async def`
// of another module that never suspends makes a loop over it ordered. Every mode of the
// pipeline (threads, prefilter, cache) gives the same findings.
#include <gtest/gtest.h>

#include <string>

#include "tests/server/cli_test_support.h"

namespace lw::server::cli {
namespace {

void write_package(const testing::ScratchDir& dir) {
  dir.write("app/__init__.py", "");
  dir.write("app/deps.py",
            "import redis.asyncio as redis\n\n"
            "pool = redis.Redis()\n\n\n"
            "async def get_redis():\n"
            "    return pool\n\n\n"
            "async def not_used_anywhere():\n"
            "    return pool\n");
  dir.write("app/errors.py",
            "from fastapi.responses import JSONResponse\n\n\n"
            "class NotFound(Exception):\n"
            "    pass\n\n\n"
            "async def not_found_handler(request, exc):\n"
            "    return JSONResponse({'detail': str(exc)}, status_code=404)\n");
  dir.write("app/web.py",
            "from aiohttp import web\n\n\n"
            "async def health(request):\n"
            "    return web.json_response({'ok': True})\n");
  dir.write("app/base.py",
            "class Handler:\n"
            "    async def handle(self, event):\n"
            "        return event\n\n\n"
            "async def run_default(event):\n"
            "    handler = Handler()\n"
            "    return await handler.handle(event)\n");
  dir.write("app/pure.py",
            "async def normalise(item):\n"
            "    return {'id': item['id']}\n\n\n"
            "async def fetch(item):\n"
            "    import asyncio\n"
            "    await asyncio.sleep(0)\n"
            "    return item\n");
  dir.write("app/main.py",
            "from aiohttp import web\n"
            "from fastapi import Depends, FastAPI\n\n"
            "from app.base import Handler\n"
            "from app.deps import get_redis\n"
            "from app.errors import NotFound, not_found_handler\n"
            "from app.pure import fetch, normalise\n"
            "from app.web import health\n\n"
            "app = FastAPI()\n"
            "app.add_exception_handler(NotFound, not_found_handler)\n"
            "aio = web.Application()\n"
            "aio.router.add_get('/health', health)\n\n\n"
            "@app.get('/items')\n"
            "async def items(redis=Depends(get_redis)):\n"
            "    return await redis.get('items')\n\n\n"
            "class Loud(Handler):\n"
            "    async def handle(self, event):\n"
            "        await fetch(event)\n\n\n"
            "async def normalise_all(rows):\n"
            "    out = []\n"
            "    for row in rows:\n"
            "        out.append(await normalise(row))\n"
            "    return out\n\n\n"
            "async def fetch_all(rows):\n"
            "    out = []\n"
            "    for row in rows:\n"
            "        out.append(await fetch(row))\n"
            "    return out\n");
  dir.write("tests/test_deps.py",
            "from app import deps\n\n\n"
            "async def fake_get_redis():\n"
            "    return None\n\n\n"
            "def test_items(monkeypatch):\n"
            "    monkeypatch.setattr(deps, 'not_used_anywhere', fake_get_redis)\n");
}

TEST(WorkspaceUsageE2e, CoroutineFunctionsUsedAsValuesElsewhereAreNotReported) {
  const testing::ScratchDir dir;
  write_package(dir);
  const auto run = [&](const std::string& flags) {
    return testing::run_loopwarden(dir.path(), "check --no-cache " + flags + " .");
  };
  const testing::RunResult reference = run("--threads 1 --no-prefilter");
  const std::string& out = reference.out;
  // Used as values in main.py / tests: a dependency, an exception handler, an aiohttp route, a
  // monkeypatched function, an overridden base method.
  EXPECT_EQ(out.find("get_redis` is `async`"), std::string::npos) << out;
  EXPECT_EQ(out.find("not_found_handler"), std::string::npos) << out;
  EXPECT_EQ(out.find("health"), std::string::npos) << out;
  EXPECT_EQ(out.find("not_used_anywhere"), std::string::npos) << out;
  EXPECT_EQ(out.find("app/base.py"), std::string::npos) << out;
  // Called (awaited) from another module's loop, never as a value: still reported.
  EXPECT_NE(out.find("app/pure.py:1:11: LW208"), std::string::npos) << out;
  // LW302: `normalise` never suspends (known from app/pure.py's summary); `fetch` does.
  EXPECT_EQ(out.find("app/main.py:29:"), std::string::npos) << out;
  EXPECT_NE(out.find("app/main.py:36:26: LW302"), std::string::npos) << out;
  for (const char* flags : {"", "--threads 4", "--no-prefilter"}) {
    const testing::RunResult r = run(flags);
    EXPECT_EQ(r.out, reference.out) << flags;
  }
  // The cache gives the same answer, and a change in the module that uses the function as a
  // value (not the module that defines it) is seen.
  const auto cached = [&] { return testing::run_loopwarden(dir.path(), "check ."); };
  EXPECT_EQ(cached().out, reference.out);
  EXPECT_EQ(cached().out, reference.out);
  dir.write("app/main.py",
            "from app.deps import get_redis\n\n\n"
            "async def use():\n"
            "    return await get_redis()\n");
  const testing::RunResult after = cached();
  EXPECT_NE(after.out.find("app/deps.py:6:11: LW208"), std::string::npos) << after.out;
}

TEST(WorkspaceUsageE2e, IgnoringAnotherRuleNeverMakesUnnecessaryAsyncAppear) {
  const testing::ScratchDir dir;
  dir.write("svc.py",
            "import time\n\n\n"
            "async def slow():\n"
            "    time.sleep(1)\n\n\n"
            "async def suppressed():\n"
            "    time.sleep(1)  # noqa: LW102\n");
  for (const char* flags : {"", "--ignore LW102", "--ignore LW1"}) {
    const testing::RunResult r =
        testing::run_loopwarden(dir.path(), std::string("check --no-cache ") + flags + " svc.py");
    EXPECT_EQ(r.out.find("LW208"), std::string::npos) << flags << "\n" << r.out;
  }
  dir.write("pyproject.toml",
            "[tool.loopwarden]\nper-file-ignores = { \"svc.py\" = [\"LW102\"] }\n");
  const testing::RunResult r = testing::run_loopwarden(dir.path(), "check --no-cache svc.py");
  EXPECT_EQ(r.out.find("LW208"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace lw::server::cli
