import asyncio


@app.get("/dashboard/{user_id}")
async def dashboard(user_id: int):
    profile, orders = await asyncio.gather(fetch_profile(user_id), fetch_orders(user_id))
    return {"profile": profile, "orders": orders}
