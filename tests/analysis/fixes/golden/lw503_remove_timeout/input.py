# lw-fix: unsafe
# lw-options: select=LW5
import asyncio


async def compute(values):
    async with asyncio.timeout(5):
        total = sum(values)
    await asyncio.sleep(0)
    return total
