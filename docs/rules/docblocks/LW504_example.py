import asyncio

shutdown_requested = asyncio.Event()


async def process(item: int) -> None: ...


async def process_batches(batches: list[list[int]]) -> None:
    for batch in batches:
        async with asyncio.TaskGroup() as tg:
            for item in batch:
                tg.create_task(process(item))
            if shutdown_requested.is_set():
                break
