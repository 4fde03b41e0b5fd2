import asyncio
import hashlib


async def checksum(data: bytes) -> str:
    loop = asyncio.get_running_loop()
    digest = await loop.run_in_executor(None, hashlib.sha256, data)
    return digest.hexdigest()
