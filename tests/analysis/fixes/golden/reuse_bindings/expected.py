# lw-fix: unsafe
# lw-options: select=LW1
import asyncio as aio
import os
from asyncio import to_thread as in_thread


async def first():
    await aio.sleep(0)
    return await in_thread(os.path.exists, "/tmp/flag")


async def second():
    import asyncio

    await asyncio.sleep(0)
    return await in_thread(os.stat, "/tmp")
