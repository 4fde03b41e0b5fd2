# lw-fix: unsafe
# lw-options: select=LW1
import asyncio
import os
import time


async def main():
    await asyncio.sleep(1)
    return await asyncio.to_thread(os.listdir, ".")
