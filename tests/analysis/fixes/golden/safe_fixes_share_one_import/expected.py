# lw-fix: safe
"""Safe fixes of three rules; two of them need `import asyncio`, added once."""
import asyncio
import time
from asyncio import Queue, get_event_loop


async def worker(queue: Queue):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.1)
    return loop, await queue.get()


async def later_import():
    await asyncio.sleep(1)
    import asyncio as local_name

    return local_name.get_running_loop()
