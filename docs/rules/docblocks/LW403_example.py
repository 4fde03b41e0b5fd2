import asyncio


def count_primes(limit: int) -> int:
    count = 0
    for n in range(2, limit):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            count += 1
    return count


async def report(limit: int) -> int:
    return await asyncio.to_thread(count_primes, limit)
