from fastapi import Depends, FastAPI
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from .models import Order

engine = create_engine("postgresql://app@db/app")
app = FastAPI()


def get_db():
    with Session(engine) as session:
        yield session


@app.get("/orders/{order_id}")
async def read_order(order_id: int, db: Session = Depends(get_db)):
    return db.get(Order, order_id)
