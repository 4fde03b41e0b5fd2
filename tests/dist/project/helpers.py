import asyncio


async def notify(user):
    await asyncio.sleep(0)
    return user
