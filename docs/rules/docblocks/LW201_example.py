from fastapi import FastAPI

app = FastAPI()


async def send_confirmation(order_id: int) -> None: ...


@app.post("/orders/{order_id}/confirm")
async def confirm(order_id: int):
    send_confirmation(order_id)
    return {"confirmed": order_id}
