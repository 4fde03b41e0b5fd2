from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from inventory_sdk.client import reserve_sync

app = FastAPI()


@app.post("/orders/{sku}")
async def order(sku: str):
    return await run_in_threadpool(reserve_sync, sku, quantity=1)
