# lw-fix: safe
# lw-options: extend-select=LW002
import asyncio
import time


async def pause() -> None:
    await asyncio.sleep(1)
    time.sleep(1)  # noqa: LW102
    time.sleep(2)  # noqa: LW102
    await asyncio.sleep(2)  # type: ignore
    await asyncio.sleep(3)  # type: ignore
    await asyncio.sleep(4)  # noqa: ASYNC251
    await asyncio.sleep(5)
