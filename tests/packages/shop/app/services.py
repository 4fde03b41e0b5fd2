from app.core.db import open_session
from app.repositories import ItemRepository

catalog = ItemRepository(open_session())


def describe(sku: str) -> str:
    item = catalog.by_sku(sku)
    return f"{item}"
