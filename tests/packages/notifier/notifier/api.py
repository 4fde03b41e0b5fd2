from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse

from notifier.db import new_session

app = Starlette()


@app.middleware("http")
async def session_middleware(request: Request, call_next):
    request.state.session = new_session()
    try:
        return await call_next(request)
    finally:
        await request.state.session.close()


async def history(request: Request):
    rows = await request.state.session.execute("select 1")
    await request.state.session.commit()
    return JSONResponse({"rows": len(rows.all())})
