"""SQLite faults at the edge (issue 16 item 6): ``Store.transaction`` turns a locked file, a full disk and a
corrupt file into one sentence each (a ``StoreError`` subclass of ``UserError``), rolls the unit of work
back, and no error text anywhere renders the statement's values (citizen data)."""

from __future__ import annotations

import sqlite3
import subprocess
import traceback
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from clerk_app.crash import safe_traceback
from clerk_app.errors import UserError
from clerk_app.store.db import Store
from clerk_app.store.errors import DatabaseCorrupt, DatabaseLocked, DiskFull, StoreError
from clerk_app.store.tables import ApplicantRow

NAME, ID_NUMBER, PHONE = "欧阳娜娜", "11010519491231002X", "13912345678"


def applicant(i: int = 0, name: str = NAME) -> ApplicantRow:
    now = datetime(2026, 3, 2, 9)
    return ApplicantRow(id=f"a{i}", kind="person", name=name, id_number=ID_NUMBER, phone=PHONE, address="某路1号",
                        created_at=now, updated_at=now)


def no_citizen_data(exc: BaseException) -> None:
    rendered = "".join(traceback.format_exception(exc)) + safe_traceback(exc) + str(exc)
    for secret in (NAME, ID_NUMBER, PHONE):
        assert secret not in rendered


def test_a_locked_database_is_one_sentence_and_nothing_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from clerk_app.store import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)  # the lock below outlasts any wait: 5 s would show nothing more
    store = Store(tmp_path / "db.sqlite3", key=None)
    holder = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock past busy_timeout
    try:
        with pytest.raises(DatabaseLocked) as info, store.transaction() as s:
            s.add(applicant())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert isinstance(info.value, UserError) and info.value.code == "store.locked"
    assert "占用" in info.value.message and "\n" not in info.value.message
    no_citizen_data(info.value)
    with store.read() as s:
        assert s.execute(text("SELECT count(*) FROM applicants")).scalar() == 0
    store.close()


def test_a_bug_in_a_statement_renders_no_values(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3", key=None)
    with store.transaction() as s:
        s.add(applicant(1))
    with pytest.raises(Exception) as info, store.transaction() as s:
        s.add(applicant(1, name="司马相如"))  # the same id: a programming error, not the environment's
    assert not isinstance(info.value, StoreError)
    assert "hide_parameters" in str(info.value)
    no_citizen_data(info.value)
    assert "司马相如" not in "".join(traceback.format_exception(info.value))
    store.close()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "tiny"
    where.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)], check=True)
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_disk_is_one_sentence_and_keeps_the_committed_data(tiny_disk: Path) -> None:
    store = Store(tiny_disk / "db.sqlite3", key=None)
    with store.transaction() as s:
        s.add(applicant(0))
    filler = tiny_disk / "filler"
    with filler.open("wb", buffering=0) as f:  # unbuffered: closing has nothing left to write
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError:
            pass
    with pytest.raises(DiskFull) as info, store.transaction() as s:
        for i in range(1, 400):  # more than the few free blocks left
            s.add(applicant(i, name=NAME + "x" * 90))
    assert "磁盘空间已满" in info.value.message
    no_citizen_data(info.value)
    filler.unlink()
    with store.transaction() as s:  # room again: the store works and lost nothing committed
        s.add(applicant(1000))
    with store.read() as s:
        assert s.execute(text("SELECT count(*) FROM applicants")).scalar() == 2
    store.close()


def test_a_corrupt_page_found_while_working_is_one_sentence(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    store = Store(db, key=None)
    with store.transaction() as s:
        s.add_all(applicant(i, name=f"{NAME}{i}") for i in range(1000))
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        # The leaves of the table and of its indexes, wherever the schema's pages lie (a new profile's
        # tables are made in another order than the migrations made them).
        leaves = conn.exec_driver_sql(
            "SELECT pageno FROM dbstat WHERE pagetype = 'leaf' AND name IN "
            "(SELECT name FROM sqlite_master WHERE tbl_name = 'applicants')").scalars().all()
    store.close()
    raw = bytearray(db.read_bytes())
    page = 4096
    # Garble those leaves: the schema and schema_info stay readable, so the store opens and the damage
    # shows only when the applicants are read or written.
    assert len(leaves) >= 20
    for number in leaves:
        raw[(number - 1) * page:number * page] = b"\xa5" * page
    db.write_bytes(bytes(raw))
    store = Store(db, key=None)
    with pytest.raises(DatabaseCorrupt) as info, store.read() as s:
        s.execute(text("SELECT count(*), max(name) FROM applicants")).all()
    assert "损坏" in info.value.message and "备份" in info.value.message
    no_citizen_data(info.value)
    with pytest.raises(DatabaseCorrupt), store.transaction() as s:
        s.add(applicant(99999))
    store.close()
