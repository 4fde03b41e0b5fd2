# lw-fix: unsafe
# lw-options: select=LW2
import asyncio


async def fetch():
    await asyncio.sleep(0)
    return 1


async def nested():
    await fetch()
    value = await fetch()
    return value
