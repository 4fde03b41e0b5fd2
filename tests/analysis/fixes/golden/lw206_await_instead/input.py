# lw-fix: unsafe
# lw-options: select=LW2
import asyncio


async def fetch():
    await asyncio.sleep(0)
    return 1


async def nested():
    asyncio.run(fetch())
    value = asyncio.run(fetch())
    return value
