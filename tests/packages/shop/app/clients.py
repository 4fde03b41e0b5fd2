import asyncio

import httpx
import requests

RATES_URL = "https://rates.example/latest"


class Rates:
    def __init__(self) -> None:
        self.http = requests.Session()
        self.lock = asyncio.Lock()

    async def latest(self) -> dict:
        with self.lock:  # expect: LW203
            pass
        return self.http.get(RATES_URL).json()  # expect: LW101


class AsyncRates:
    """The same shape with an async client: nothing to report."""

    def __init__(self) -> None:
        self.http = httpx.AsyncClient()
        self.lock = asyncio.Lock()

    async def latest(self) -> dict:
        async with self.lock:
            response = await self.http.get(RATES_URL)
        return response.json()


rates = Rates()
async_rates = AsyncRates()
