from fastapi import APIRouter, Depends, Request

from app import clients
from app.clients import async_rates, rates
from app.core.settings import export_path
from app.kit import Session, get_db
from app.repositories import ItemRepository
from app.services import catalog, describe

router = APIRouter()


@router.get("/rates")
async def latest_rates():
    return await rates.latest()


@router.get("/rates/async")
async def latest_async_rates():
    return await async_rates.latest()


@router.get("/rates/direct")
async def direct_rates():
    return clients.rates.http.get(clients.RATES_URL).json()  # expect: LW101


@router.get("/exports/{name}")
async def download(name: str):
    path = export_path(name)
    if not path.exists():  # expect: LW103
        return None
    return path.read_bytes()  # expect: LW103


@router.get("/items/{sku}")
async def item(sku: str, db: Session = Depends(get_db)):  # expect: LW402
    return db.query(object).filter_by(sku=sku).first()  # expect: LW105


@router.get("/items/{sku}/repo")
async def item_from_repo(sku: str, request: Request):
    repo = ItemRepository(request.state.db)
    return repo.by_sku(sku)  # expect: LW109


@router.get("/catalog/{sku}")
async def from_catalog(sku: str):
    return catalog.by_sku(sku)  # expect: LW109


@router.get("/describe/{sku}")
async def describe_item(sku: str):
    return describe(sku)  # expect: LW109


@router.get("/count")
async def count(request: Request):
    repo = ItemRepository(request.state.db)
    return repo.count()


@router.post("/commit")
async def commit(request: Request):
    request.state.db.commit()  # expect: LW105
