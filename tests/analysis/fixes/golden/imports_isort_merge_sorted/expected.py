# lw-fix: unsafe
# lw-options: select=LW1
import asyncio
import time

import requests
from starlette.applications import Starlette
from starlette.concurrency import (
    iterate_in_threadpool,
    run_in_threadpool,
    run_until_first_complete,
)
from starlette.responses import JSONResponse

app = Starlette()


async def homepage(request):
    await asyncio.sleep(0.1)
    data = await run_in_threadpool(lambda: requests.get("http://example.com", timeout=5).json())
    return JSONResponse(data), iterate_in_threadpool, run_until_first_complete
