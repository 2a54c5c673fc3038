"""Pulling what the center distributes (catalogue, authorised matters, holidays, appointments).

The cursor (``dist_cursor`` in sync_state) is the highest version seen; the center hands out versions in
commit order, so the cursor never skips one. Each item is validated whole and applied in one local
transaction with the cursor; an item that cannot be used is quarantined (kept whole in
``dist_quarantine`` with a log line) and the cursor moves past it, so one bad item never blocks the rest
and is never half-applied.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import text

from clerk_app.errors import DomainError
from clerk_app.messages import Text
from clerk_app.paths import ProfilePaths
from clerk_app.store import outbox
from sync import protocol as p

if TYPE_CHECKING:
    from sync.client.engine import SyncClient

log = logging.getLogger("clerk.sync")
LABELS = {"catalogue": Text("sync.item_catalogue"), "authorisation": Text("sync.item_authorisation"),
          "holidays": Text("sync.item_holidays"), "appointments": Text("sync.item_appointments"),
          "survey": Text("sync.item_survey")}


def _cursor_setter(version: int) -> Callable[[Any], None]:
    def set_cursor(session: Any) -> None:
        outbox.state_set(session.connection(), "dist_cursor", str(version))
    return set_cursor


def quarantine(client: SyncClient, raw: dict[str, Any], reason: str, version: int) -> None:
    from clerk_app.store.distribution_tables import DistQuarantineRow

    kind, key = str(raw.get("kind", "?"))[:16], str(raw.get("key", "?"))[:64]
    log.warning("center item quarantined: kind=%s key=%s version=%s: %s", kind, key, version, reason)
    with client.store.transaction() as s:
        s.add(DistQuarantineRow(kind=kind, key=key, version=version, reason=reason[:1000],
                                data=json.dumps(raw, ensure_ascii=False, default=str), at=client.clock()))
        _cursor_setter(version)(s)


def pull_distribution(client: SyncClient, profile: ProfilePaths) -> set[str]:
    """Apply every newer item; returns the kinds that changed (the app reloads what depends on them)."""
    from clerk_app.services.distribution import apply_item

    changed: set[str] = set()
    source = client._get("server") or ""
    while True:
        since = int(client._get("dist_cursor") or 0)
        page = p.DistResponse.model_validate(client.request("GET", "/v1/distribution",
                                                            params={"since": since}).json())
        known = client._get("dist_epoch")
        if known != page.server_epoch:
            # First contact, or a center restored from a backup that hands out lower versions again:
            # take its items afresh (a held version is then no reason to skip one).
            with client.store.engine.begin() as conn:
                outbox.state_set(conn, "dist_epoch", page.server_epoch)
                if known is not None:
                    outbox.state_set(conn, "dist_cursor", "0")
                    conn.execute(text("UPDATE center_items SET version = 0"))
            if known is not None:
                continue
        for raw in page.items:
            version = raw.get("version") if isinstance(raw.get("version"), int) else None
            if version is None or version <= since:
                log.warning("center item without a usable version ignored: %s", str(raw)[:200])
                continue
            try:
                item = p.DistItem.model_validate(raw)
                as_of = datetime.fromisoformat(item.created_at)
                if apply_item(client.store, profile, item.kind, item.key, item.version, item.data, as_of, source,
                              now=client.clock().replace(microsecond=0), extra=_cursor_setter(item.version)):
                    changed.add(item.kind)
            except OSError as exc:
                # The profile folder could not be written (disk full, permissions): temporary, retried
                # from this item at the next round; nothing was recorded.
                from sync.client.engine import SyncError

                raise SyncError("sync.cannot_save_item", item=LABELS[item.kind], reason=exc.strerror or exc) from exc
            except (ValidationError, DomainError, ValueError, KeyError, TypeError) as exc:
                quarantine(client, raw, _reason(exc), version)
            since = version
        if not page.has_more:
            if page.next_version > since:
                with client.store.engine.begin() as conn:
                    outbox.state_set(conn, "dist_cursor", str(page.next_version))
            return changed


def _reason(exc: Exception) -> str:
    """Why an item was set aside, for the log and IT: a domain sentence, or the fields and kinds of a
    validation error; never the raw exception text, which quotes the input (an appointment's name)."""
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, ValidationError):
        return "格式不符：" + "；".join(f"{'.'.join(str(p) for p in e['loc'])}（{e['type']}）"
                                       for e in exc.errors(include_input=False, include_url=False)[:5])
    return f"内容无法使用（{type(exc).__name__}）"
