from fastapi import FastAPI, Request

from app.kit.db import open_session

app = FastAPI()


@app.middleware("http")
async def db_session(request: Request, call_next):
    request.state.db = open_session()
    response = await call_next(request)
    request.state.db.commit()  # expect: LW105
    return response
