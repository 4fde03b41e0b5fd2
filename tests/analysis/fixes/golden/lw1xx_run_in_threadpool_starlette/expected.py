# lw-fix: unsafe
# lw-options: select=LW1
import subprocess

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

app = Starlette()


async def convert(request):
    await request.body()
    await run_in_threadpool(subprocess.run, ["convert", "in.png", "out.jpg"], check=True)
    return JSONResponse({"ok": True})
