# lw-fix: unsafe
# lw-options: select=LW1
import os
import time
import asyncio


async def main():
    await asyncio.sleep(1)
    return await asyncio.to_thread(os.listdir, ".")
