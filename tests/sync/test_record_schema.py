"""The center's strict schema and its shared pure parts (password verifiers, stamps), checked against
the counter's own tables and rules."""

from __future__ import annotations

import time

import pytest

from clerk_app.domain.passwords import hash_password, is_valid_verifier, verify_password
from clerk_app.store.tables import Base
from sync.protocol import ENTITIES, LOCAL_ONLY_FIELDS
from sync.server import clocks
from sync.server.record_schema import SCHEMA, Invalid, check_record


def test_the_schema_lists_exactly_the_counters_synced_columns() -> None:
    for entity in ENTITIES:
        counter = {c.name for c in Base.metadata.tables[entity].columns} - LOCAL_ONLY_FIELDS.get(entity, frozenset())
        assert set(SCHEMA[entity]) == counter, entity


def test_the_center_modules_import_nothing_of_the_counter_but_domain_and_protocol() -> None:
    import ast
    from pathlib import Path

    server = Path(__file__).resolve().parents[2] / "sync" / "server"
    for path in server.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                if name.startswith("clerk_app"):
                    assert name.startswith(("clerk_app.domain", "clerk_app.errors")), f"{path.name}: {name}"


APPLICANT = {"id": "a1", "kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13800000001",
             "address": "海淀路 1 号", "created_at": "2026-03-02T09:00:00", "updated_at": "2026-03-02T09:00:00.123456"}


@pytest.mark.parametrize("change", [
    {"phone": ["x"]}, {"name": 123}, {"name": ""}, {"name": "a\x00b"}, {"name": "\x1b[31m红"}, {"address": "\u202e反"},
    {"id_number": "110105194912310021"}, {"id_number": "1101051949123100２X"}, {"phone": "12345"},
    {"kind": "alien"}, {"created_at": "2026-02-30T09:00:00"}, {"created_at": 5}, {"extra": 1}, {"name": "名" * 101},
])
def test_an_applicant_breaking_any_rule_is_invalid_and_the_reason_never_quotes_the_value(change) -> None:
    with pytest.raises(Invalid) as info:
        check_record("applicants", {**APPLICANT, **change})
    for value in change.values():
        if isinstance(value, str) and len(value) > 3:
            assert value not in str(info.value)


def test_valid_records_pass_and_partial_updates_are_checked_by_the_current_kind() -> None:
    check_record("applicants", APPLICANT)
    check_record("applicants", {"phone": "010-12345678"}, kind="person")
    with pytest.raises(Invalid):
        check_record("applicants", {"id_number": "91110000600037341L"}, kind="person")
    check_record("applicants", {"id_number": "91110000600037341L"}, kind="entity")
    check_record("case_events", {"id": "e", "case_id": "c", "at": "2026-03-02T09:00:00", "actor": "u",
                                 "action": "accept", "from_state": "received", "to_state": "accepted",
                                 "reason": "第一行\n第二行\t", "data": "{}"})
    with pytest.raises(Invalid):
        check_record("cases", {"state": "limbo"})
    with pytest.raises(Invalid):
        check_record("cases", {"due_date": "2026-03-02T00:00:00"})
    with pytest.raises(Invalid):
        check_record("ratings", {"level": 6})
    with pytest.raises(Invalid):
        check_record("ratings", {"level": True})


def test_only_verifiers_with_the_fixed_scrypt_parameters_are_accepted_and_none_other_is_computed() -> None:
    good = hash_password("right-pass-1")
    assert is_valid_verifier(good) and verify_password("right-pass-1", good)
    assert not verify_password("wrong-pass-1", good)
    tail = good.split("$", 4)[4]
    for n in ("1073741824", "2", "16385"):
        forged = f"scrypt${n}$8$1${tail}"
        t = time.perf_counter()
        assert not is_valid_verifier(forged) and not verify_password("right-pass-1", forged)
        assert time.perf_counter() - t < 0.5  # refused, not computed (N=2^30 would need 1 TiB)
    for other in ("", "scrypt$16384$8$1$", "plain", good.replace("scrypt", "bcrypt"), good + "$x", 5, None):
        assert not is_valid_verifier(other)


@pytest.mark.parametrize("stamp", ["9", "9-00000-x", "٩٩٩٩٩٩٩٩٩٩٩٩٩-00000-x", "99999-00000-x", "",
                                   "1796000000000-0000-x", "1796000000000-00000-", "1796000000000-00000-a\x00"])
def test_malformed_stamps_are_refused(stamp) -> None:
    with pytest.raises(clocks.BadStamp):
        clocks.accept(stamp, 1_796_000_000_000)
    assert clocks.order(stamp) < "0000000000001-00000-x"


def test_stamps_ahead_are_clamped_and_compare_in_time_order() -> None:
    now = 1_796_000_000_000
    assert clocks.accept("9999999999999-00007-ab", now) == f"{now + clocks.MAX_FUTURE_MS:013d}-00007-ab"
    assert clocks.accept(f"{now + 1000:013d}-00000-ab", now) == f"{now + 1000:013d}-00000-ab"
    assert clocks.newest({"a": f"{now:013d}-00001-x", "b": "9", "c": f"{now:013d}-00000-y"}) == f"{now:013d}-00001-x"


@pytest.mark.parametrize("bad", ["\x1b[2J", "\x00", "\u202e", "\x07"])
def test_the_center_refuses_catalogue_and_holiday_files_with_control_characters(tmp_path, bad) -> None:
    from datetime import datetime
    from pathlib import Path

    from sync.server import distribute
    from sync.server.db import make_engine, migrate, writer

    engine = make_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    migrate(engine)
    root = Path(__file__).resolve().parents[2] / "resources"
    catalogue = (root / "catalogue" / "demo.toml").read_text(encoding="utf-8")
    holidays = (root / "calendar" / "2026.toml").read_text(encoding="utf-8")
    first_name = catalogue.index('name = "') + len('name = "')
    tampered = catalogue[:first_name] + bad + catalogue[first_name:]
    escaped = tampered.replace("\x1b", "\\u001b").replace("\x00", "\\u0000").replace("\x07", "\\u0007")
    first_holiday = holidays.index('name = "') + len('name = "')
    bad_holidays = (holidays[:first_holiday] + bad + holidays[first_holiday:]).replace("\x1b", "\\u001b") \
        .replace("\x00", "\\u0000").replace("\x07", "\\u0007")
    with writer(engine) as conn:
        for call in (lambda: distribute.import_catalogue(conn, escaped.encode(), "目录.toml", datetime.now()),
                     lambda: distribute.import_holidays(conn, bad_holidays.encode(), "2026.toml", datetime.now())):
            with pytest.raises(distribute.AdminError, match="控制字符"):
                call()
        distribute.import_catalogue(conn, catalogue.encode(), "目录.toml", datetime.now())  # the clean file passes
    engine.dispose()
