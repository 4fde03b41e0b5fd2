import asyncio


async def fetch_page(page: int) -> list[dict]: ...


async def stream_pages(pages: int):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch_page(p)) for p in range(pages)]
        for task in tasks:
            yield await task
