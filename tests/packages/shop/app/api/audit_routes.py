from fastapi import APIRouter

from app import audit
from app.audit import decorated, flush, label, later, stub
from app.kit import record
from app.notify import record as notify

router = APIRouter()


@router.post("/orders/{oid}/audit")
async def audit_order(oid: str):
    await record("order.audited", oid=oid)  # expect: LW210
    counts = await audit.summary([oid])  # expect: LW210
    return {"label": await label("a"), **counts}  # expect: LW210


@router.post("/orders/{oid}/audit/fine")
async def audit_order_fine(oid: str):
    record("order.audited", oid=oid)
    await notify("order.audited")
    await flush()
    await decorated(oid)
    await audit.wrapped(oid)
    await stub(oid)
    return await later(oid)
