# lw-fix: unsafe
# lw-options: select=LW2
import asyncio


async def work():
    await asyncio.sleep(0)


async def spawn():
    asyncio.create_task(work())
    asyncio.create_task(
        work()
    )
