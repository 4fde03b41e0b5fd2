# lw-fix: unsafe
# lw-options: select=LW1
import asyncio as aio
import os


async def first():
    await aio.sleep(0)
    return os.path.exists("/tmp/flag")


async def shadowed(aio):
    return os.stat("/tmp")
