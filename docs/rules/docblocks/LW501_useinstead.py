import asyncio
import logging

async def poll_forever(queue: asyncio.Queue) -> None:
    while True:
        try:
            item = await queue.get()
            log.info("got %s", item)
        except Exception:
            log.exception("poll failed")
