# lw-fix: safe
# lw-options: select=LW2
import asyncio as aio
from asyncio import get_event_loop


async def main():
    loop = aio.get_event_loop()
    other = get_event_loop()
    await aio.sleep(0)
    return loop, other
