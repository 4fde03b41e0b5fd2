"""Notifications: the same name as the audit helper, but a coroutine function."""
import httpx


async def record(event: str) -> None:
    async with httpx.AsyncClient() as client:
        await client.post("https://hooks.example.com/events", json={"event": event})
