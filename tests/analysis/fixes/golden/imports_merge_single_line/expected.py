# lw-fix: unsafe
# lw-options: select=LW1
import os

from fastapi import FastAPI
from fastapi.concurrency import iterate_in_threadpool, run_in_threadpool

app = FastAPI()


@app.get("/files")
async def files():
    await something()
    names = await run_in_threadpool(os.listdir, "/srv")
    return [n async for n in iterate_in_threadpool(names)] + await run_in_threadpool(os.listdir, "/tmp")


async def something():
    pass
