"""``GET /v1/distribution``: what the center distributes to a device's center and window (catalogue,
authorised matters, holidays, appointments), newer than the device's cursor, in version order."""
# No "from __future__ import annotations": FastAPI must see the real Depends(device_of) objects.


import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query
from sqlalchemy import Engine, select

from sync import protocol as p
from sync.server.db import meta
from sync.server.distribute import items_for
from sync.server.schema import devices

MAX_ITEMS = 500


def install(app: FastAPI, engine: Engine, device_of: Callable[..., str], responses: dict[Any, Any] | None = None) -> None:
    @app.get("/v1/distribution", response_model=p.DistResponse, responses=responses or {})
    def distribution(device: Annotated[str, Depends(device_of)],
                     since: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
                     limit: Annotated[int, Query(ge=1, le=MAX_ITEMS)] = 200) -> p.DistResponse:
        with engine.connect() as conn, conn.begin():
            dev = conn.execute(select(devices.c.center_code, devices.c.window).where(devices.c.id == device)).one()
            rows = items_for(conn, dev.center_code, dev.window, since, limit + 1)
            epoch = meta(conn, "epoch")
        has_more = len(rows) > limit
        rows = rows[:limit]
        items = [{"kind": r.kind, "key": r.key, "center_code": r.center_code, "window": r.window,
                  "version": r.version, "data": json.loads(r.data), "created_at": r.created_at.isoformat()}
                 for r in rows]
        return p.DistResponse(items=items, next_version=rows[-1].version if rows else since, has_more=has_more,
                              server_epoch=epoch)
