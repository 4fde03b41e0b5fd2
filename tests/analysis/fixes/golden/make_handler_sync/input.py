# lw-fix: unsafe
# lw-options: select=LW1
# lw-fix-title: Make this route handler sync
import time

import requests
from fastapi import APIRouter

router = APIRouter()


@router.get("/report")
async def report():
    time.sleep(1)
    return requests.get("https://example.com").json()


@router.get("/mixed")
async def mixed():
    time.sleep(1)
    await other()


async def other():
    time.sleep(1)
