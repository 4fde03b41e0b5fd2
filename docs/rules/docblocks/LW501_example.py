import asyncio
import logging

log = logging.getLogger(__name__)


async def poll_forever(queue: asyncio.Queue) -> None:
    while True:
        try:
            item = await queue.get()
            log.info("got %s", item)
        except BaseException:
            log.exception("poll failed")
