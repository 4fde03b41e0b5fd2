import asyncio


class Worker:
    def __init__(self) -> None:
        self.ready = asyncio.Event()

    async def wait_ready(self) -> None:
        await self.ready.wait()
