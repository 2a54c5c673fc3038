"""Alembic environment of the center server (its own migrations, separate from the counter's)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from sync.server.schema import metadata

config = context.config


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    with create_engine(config.get_main_option("sqlalchemy.url")).begin() as conn:
        _run(conn)
else:
    _run(connection)
