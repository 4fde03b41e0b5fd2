import bcrypt
from fastapi import FastAPI, Form
from fastapi.concurrency import run_in_threadpool

app = FastAPI()


@app.post("/signup")
async def signup(email: str = Form(), password: str = Form()):
    hashed = await run_in_threadpool(bcrypt.hashpw, password.encode(), bcrypt.gensalt())
    return {"email": email, "hash": hashed.decode()}
