# lw-fix: unsafe
# lw-options: select=LW1
# The unsafe wrap moves the whole blocking expression into the thread: the method calls
# chained on a blocking call's result (`.all()` runs the SQL) go with it, in a lambda. A
# `with` item's context manager is not wrapped (the reads in its block would stay on the
# loop), nor a chain a lambda cannot hold (an `await` inside): they stay as they are.
import json

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

app = FastAPI()


@app.get("/items")
async def items(db: Session, Item, path, next_id):
    rows = await run_in_threadpool(lambda: db.query(Item).all())
    first = await run_in_threadpool(lambda: db.query(Item).filter(Item.id == 1).order_by(Item.id).first())
    count = len(await run_in_threadpool(lambda: db.query(Item).all()))
    names = [row.name for row in await run_in_threadpool(lambda: db.query(Item).all())]
    one = (await run_in_threadpool(lambda: db.query(Item).filter(
        Item.id == 2,  # the second
    ).one()))[0]
    with open(path) as f:
        data = json.load(f)
    later = db.query(Item).filter(Item.id == await next_id()).all()
    await run_in_threadpool(db.commit)
    return rows, first, count, names, one, data, later
