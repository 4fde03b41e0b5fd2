import requests
import httpx


class Poller:
    def __init__(self, fast: bool) -> None:
        if fast:
            self.http = httpx.AsyncClient()
        else:
            self.http = requests.Session()

    async def poll(self) -> None:
        # Two assignments disagree: nothing is known about `self.http`.
        await self.http.get("https://chat.example/updates")
