import asyncio
from concurrent.futures import ProcessPoolExecutor

pool = ProcessPoolExecutor()


async def report(limit: int) -> int:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, count_primes, limit)
