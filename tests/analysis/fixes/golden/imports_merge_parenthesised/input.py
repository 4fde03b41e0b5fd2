# lw-fix: unsafe
# lw-options: select=LW1
import shutil

from starlette.concurrency import (
    iterate_in_threadpool,  # streams
)
from starlette.routing import Router

router = Router()


async def clean(request):
    await request.body()
    shutil.rmtree("/tmp/cache")
    return iterate_in_threadpool([])
