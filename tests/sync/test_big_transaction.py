"""A local transaction larger than one push may carry (a bulk import or a seed) still reaches the center."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, text
from sync_helpers import id_number_for, server_ids

from clerk_app.domain.ids import uuid7
from clerk_app.store.tables import ApplicantRow
from sync.client.engine import MAX_PUSH


def test_a_transaction_over_the_push_limit_is_pushed_in_parts(center, counter_factory) -> None:  # type: ignore[no-untyped-def]
    client = counter_factory("a")
    now = datetime(2026, 3, 2, 9, 30)
    ids = [uuid7() for _ in range(MAX_PUSH + 700)]
    with client.store.transaction() as s:
        s.execute(insert(ApplicantRow), [dict(id=i, kind="person", name=f"批量{n}", id_number=id_number_for(i), phone="",
                                              address="", created_at=now, updated_at=now) for n, i in enumerate(ids)])
    with client.store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(DISTINCT tx_id) FROM sync_outbox WHERE entity = 'applicants'")
                            ).scalar() == 1
    status = client.sync_once()
    assert status.pending == 0 and status.last_error is None
    assert sorted(server_ids(center.engine, "applicants")) == sorted(ids)
    assert center.scalar("SELECT count(*) FROM ledger WHERE outcome = 'applied'") >= len(ids)
