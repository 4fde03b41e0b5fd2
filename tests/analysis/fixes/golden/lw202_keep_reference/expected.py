# lw-fix: unsafe
# lw-options: select=LW2
import asyncio

_background_tasks = set()


async def work():
    await asyncio.sleep(0)


async def spawn():
    task = asyncio.create_task(work())
    _background_tasks.add(task)
    task.add_done_callback(_background_tasks.discard)
    task = asyncio.create_task(
        work()
    )
    _background_tasks.add(task)
    task.add_done_callback(_background_tasks.discard)
