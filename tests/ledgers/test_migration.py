"""The ledgers branch migration creates exactly the tables and columns the models declare."""

from __future__ import annotations

from sqlalchemy import inspect

from clerk_app.store import ledger_tables
from clerk_app.store.tables import Base

LEDGER_TABLES = [t for t in Base.metadata.sorted_tables if t.name in {
    m.__tablename__ for m in vars(ledger_tables).values() if isinstance(m, type) and hasattr(m, "__tablename__")}]


def test_migrated_schema_matches_models(ctx) -> None:  # type: ignore[no-untyped-def]
    insp = inspect(ctx.store.engine)
    assert len(LEDGER_TABLES) == 11
    for table in LEDGER_TABLES:
        cols = {c["name"]: c["nullable"] for c in insp.get_columns(table.name)}
        assert cols == {c.name: c.nullable for c in table.columns}, table.name
        assert {i["name"] for i in insp.get_indexes(table.name)} >= {i.name for i in table.indexes}
    assert "0005_ledgers" in ctx.store.revision.split(",")
