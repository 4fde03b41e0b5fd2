from fastapi import FastAPI

app = FastAPI()


async def fetch_profile(user_id: int) -> dict: ...


async def fetch_orders(user_id: int) -> list: ...


@app.get("/dashboard/{user_id}")
async def dashboard(user_id: int):
    profile = await fetch_profile(user_id)
    orders = await fetch_orders(user_id)
    return {"profile": profile, "orders": orders}
