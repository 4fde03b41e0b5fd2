# lw-fix: unsafe
# lw-options: select=LW1
import asyncio
import asyncio as aio
import os


async def first():
    await aio.sleep(0)
    return await aio.to_thread(os.path.exists, "/tmp/flag")


async def shadowed(aio):
    return await asyncio.to_thread(os.stat, "/tmp")
