from fastapi import Depends

from app.kit import Session, get_db
from app.repositories import ItemRepository


def get_repo(db: Session = Depends(get_db)) -> ItemRepository:
    return ItemRepository(db)


def get_settings() -> dict:
    return {"currency": "EUR"}


async def get_async_repo() -> ItemRepository:
    return ItemRepository(None)
