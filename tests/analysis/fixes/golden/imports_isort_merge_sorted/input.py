# lw-fix: unsafe
# lw-options: select=LW1
import time

import requests
from starlette.applications import Starlette
from starlette.concurrency import iterate_in_threadpool, run_until_first_complete
from starlette.responses import JSONResponse

app = Starlette()


async def homepage(request):
    time.sleep(0.1)
    data = requests.get("http://example.com", timeout=5).json()
    return JSONResponse(data), iterate_in_threadpool, run_until_first_complete
