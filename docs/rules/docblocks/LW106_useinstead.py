import asyncio
import queue

results: queue.Queue[str] = queue.Queue()


async def publish(item: str) -> None: ...


async def consume() -> None:
    while True:
        item = await asyncio.to_thread(results.get)
        await publish(item)
