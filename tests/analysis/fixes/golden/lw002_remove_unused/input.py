# lw-fix: safe
# lw-options: extend-select=LW002
import asyncio
import time


async def pause() -> None:
    await asyncio.sleep(1)  # noqa: LW102
    time.sleep(1)  # noqa: LW102, LW101
    time.sleep(2)  # noqa: LW101, LW102, LW999
    await asyncio.sleep(2)  # type: ignore  # loopwarden: ignore[LW102]
    await asyncio.sleep(3)  # loopwarden: ignore[LW102]  # type: ignore
    await asyncio.sleep(4)  # noqa: ASYNC251
    # noqa: LW101
    await asyncio.sleep(5)
