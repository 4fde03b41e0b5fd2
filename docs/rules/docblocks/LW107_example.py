import bcrypt
from fastapi import FastAPI, Form

app = FastAPI()


@app.post("/signup")
async def signup(email: str = Form(), password: str = Form()):
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    return {"email": email, "hash": hashed.decode()}
