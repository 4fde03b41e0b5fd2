from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from .database import get_db
from .models import User

app = FastAPI()


@app.get("/users/{user_id}")
def read_user(user_id: int, db: Session = Depends(get_db)):
    # A sync handler: FastAPI runs it in its thread pool.
    return db.get(User, user_id)
