import asyncio

async def process_batches(batches: list[list[int]]) -> None:
    for batch in batches:
        if shutdown_requested.is_set():
            break
        async with asyncio.TaskGroup() as tg:
            for item in batch:
                tg.create_task(process(item))
