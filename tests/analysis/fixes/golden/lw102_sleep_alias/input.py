# lw-fix: safe
# lw-options: select=LW1
import asyncio as aio
from time import sleep


async def tick():
    sleep(1)
    await aio.sleep(0)


async def in_comprehension(items):
    return [sleep(i) for i in items]


async def in_generator(items):
    return list(sleep(i) for i in items)
