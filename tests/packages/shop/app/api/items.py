from fastapi import APIRouter, Depends

from app.api.deps import get_async_repo, get_repo, get_settings
from app.repositories import ItemRepository

router = APIRouter()


@router.get("/v2/items/{sku}")
async def item_v2(sku: str, repo: ItemRepository = Depends(get_repo)):  # expect: LW402
    return repo.by_sku(sku)  # expect: LW109


@router.get("/v2/settings")
async def settings(values: dict = Depends(get_settings)):
    return values


@router.get("/v2/count")
async def count_v2(repo: ItemRepository = Depends(get_async_repo)):
    return repo.count()
