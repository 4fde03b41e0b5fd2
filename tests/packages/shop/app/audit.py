"""Audit trail helpers: plain functions, and the async ones next to them."""
import logging

from asgiref.sync import sync_to_async

log = logging.getLogger(__name__)


def record(event: str, **fields) -> None:
    log.info("audit %s %s", event, fields)


def summary(events: list) -> dict[str, int]:
    return {"count": len(events)}


def label(kind):
    if kind == "a":
        return "alpha"
    return "other"


def schedule(kind):
    return log.handlers


def later(kind):
    return schedule(kind)


def stub(kind):
    raise NotImplementedError


def deferred(fn):
    return sync_to_async(fn)


@deferred
def decorated(kind) -> None:
    log.info("decorated %s", kind)


def wrapped(kind) -> dict:
    return {"kind": kind}


wrapped = sync_to_async(wrapped)


async def flush():
    log.info("flush")
