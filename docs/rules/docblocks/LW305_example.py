import asyncio


class Worker:
    def __init__(self) -> None:
        self.ready = False

    async def wait_ready(self) -> None:
        while not self.ready:
            await asyncio.sleep(0.1)
