from fastapi import FastAPI
from inventory_sdk.client import reserve_sync

app = FastAPI()


@app.post("/orders/{sku}")
async def order(sku: str):
    return reserve_sync(sku, quantity=1)
