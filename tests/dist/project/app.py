import asyncio
import time

from helpers import notify


async def handler(user):
    time.sleep(1)
    notify(user)
