import threading

cache_lock = threading.Lock()
cache: dict[str, bytes] = {}


async def store(key: str, value: bytes) -> None:
    async with cache_lock:
        cache[key] = value
