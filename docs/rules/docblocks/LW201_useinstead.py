from fastapi import FastAPI

@app.post("/orders/{order_id}/confirm")
async def confirm(order_id: int):
    await send_confirmation(order_id)
    return {"confirmed": order_id}
