# lw-fix: unsafe
# lw-options: select=LW1
import shutil

from starlette.concurrency import (
    iterate_in_threadpool,  # streams
    run_in_threadpool,
)
from starlette.routing import Router

router = Router()


async def clean(request):
    await request.body()
    await run_in_threadpool(shutil.rmtree, "/tmp/cache")
    return iterate_in_threadpool([])
