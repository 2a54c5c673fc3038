"""One bad record never stops a counter (issue 13 item 6): the center serves records a counter cannot
apply (written straight into the center's change log, as an old center or a bug would have stored them);
a brand-new counter, run as the real ``clerk-app`` subprocess, pulls past them, keeps them in its
quarantine, and still receives the good records around them, a user's revocation and a holiday schedule. No log line, stderr
line or diagnostics file carries the neighbouring applicant's name, ID number or phone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from test_distribution_items import HOLIDAYS_2027
from test_distribution_users import center_cli

from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.roles import Role
from clerk_app.paths import ProfilePaths
from clerk_app.services import auth, cases
from clerk_app.services.bootstrap import open_context

NAME, ID_NUMBER, PHONE, ADDRESS = "欧阳娜娜", "11010519491231002X", "13912345678", "海淀区苏州街18号"


def clerk_app(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clerk_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120, env=os.environ.copy())


def serve_bad_records(center: Any, applicant_id: str) -> int:
    """Four records no counter can use, in one center transaction between good ones; returns the last seq."""
    from sync.server.db import next_change_seq, writer
    from sync.server.schema import changes

    with writer(center.engine) as conn:
        # The real rows as templates: whatever the center keeps beside a change (its owner center and
        # window, its stamp) is copied, so the bad records are served to the same counters.
        neighbour_row = conn.execute(select(changes).where(
            changes.c.entity == "applicants", changes.c.entity_id == applicant_id)).first()
        neighbour = json.loads(neighbour_row.data)
        bad = [("applicants", "bad-phone", {**neighbour, "id": "bad-phone", "phone": ["x"]}),
               ("applicants", "bad-name", {**neighbour, "id": "bad-name", "name": 123}),
               ("weapons", "w1", {"id": "w1"}),
               # No "kind": well-typed, but the local NOT NULL constraint refuses the row.
               ("applicants", "bad-nokind", {**{k: v for k, v in neighbour.items() if k != "kind"},
                                             "id": "bad-nokind"})]
        first = next_change_seq(conn, len(bad), neighbour_row.center_code)
        for i, (entity, eid, data) in enumerate(bad):
            row = {**neighbour_row._mapping, "seq": first + i, "tx": first, "entity": entity, "entity_id": eid,
                   "op": "insert", "data": json.dumps(data, ensure_ascii=False), "origin": "old-center"}
            conn.execute(changes.insert().values(**row))
    return first + len(bad) - 1


def test_a_new_counter_pulls_past_bad_records_and_keeps_them_aside(
        shared_keyring, center, counter_factory, monkeypatch, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = counter_factory("a")
    clerk = auth.create_user(a.ctx, None, username="ca", display_name="窗口人员", role=Role.SUPERVISOR,
                             password="pass12345")
    rc, _out, err = center_cli(center, "user", "add", "wangxm", "--name", "王小明", "--role", "clerk",
                               "--password-stdin", stdin="wang12345\n", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    neighbour = cases.register_applicant(a.ctx, clerk, kind=ApplicantKind.PERSON, name=NAME, id_number=ID_NUMBER,
                                         phone=PHONE, address=ADDRESS)
    a.sync_once()
    bad_until = serve_bad_records(center, neighbour.id)
    later = cases.register_applicant(a.ctx, clerk, kind=ApplicantKind.PERSON, name="后来人",
                                     id_number="110105198001010016")
    a.sync_once()
    rc, _out, err = center_cli(center, "user", "disable", "wangxm", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    holidays = tmp_path / "2027.toml"
    holidays.write_text(HOLIDAYS_2027, encoding="utf-8")
    rc, _out, err = center_cli(center, "holidays", "import", str(holidays), monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    last_seq = center.scalar("SELECT max(seq) FROM changes")
    assert last_seq > bad_until

    b = tmp_path / "b"
    enrol = clerk_app(b, "sync", "enroll", "--server", center.url, "--code", center.enrol_code())
    assert enrol.returncode == 0, enrol.stderr
    run = clerk_app(b, "sync", "run", "--once")
    assert run.returncode == 0, run.stderr
    status = json.loads(clerk_app(b, "sync", "status", "--json").stdout)
    assert status["quarantined"] == 4 and status["last_error"] is None
    assert status["quarantine_reason"]  # the newest one, named for the status bar
    again = clerk_app(b, "sync", "run", "--once")  # the cursor moved: nothing is quarantined twice
    assert again.returncode == 0, again.stderr
    assert json.loads(clerk_app(b, "sync", "status", "--json").stdout)["quarantined"] == 4

    # Distribution after the bad page arrived too.
    assert (b / "calendar" / "2027.toml").read_text(encoding="utf-8") == HOLIDAYS_2027
    ctx = open_context(ProfilePaths(b))
    try:
        with ctx.store.read() as s:
            conn = s.connection()
            applicants = set(conn.execute(text("SELECT id FROM applicants")).scalars())
            cursor = conn.execute(text("SELECT value FROM sync_state WHERE key = 'cursor'")).scalar()
            kept = {r.entity_id: r.reason for r in conn.execute(text(
                "SELECT entity_id, reason FROM pull_quarantine"))}
        assert {neighbour.id, later.id} <= applicants and not {"bad-phone", "bad-name", "bad-nokind"} & applicants
        # Past everything the center has, its own pushes included (b's enrolment wrote audit rows).
        assert int(cursor) == center.scalar("SELECT max(seq) FROM changes") >= last_seq
        assert set(kept) == {"bad-phone", "bad-name", "w1", "bad-nokind"}
        assert "phone" in kept["bad-phone"] and "name" in kept["bad-name"] and "IntegrityError" in kept["bad-nokind"]
        for reason in kept.values():
            assert NAME not in reason and PHONE not in reason and ID_NUMBER not in reason
        # The revocation after the bad page arrived: the clerk cannot log in on this counter.
        try:
            auth.login(ctx, "wangxm", "wang12345")
            raise AssertionError("a revoked clerk logged in")
        except auth.UserError as exc:  # type: ignore[attr-defined]
            assert exc.code == "auth.disabled"
    finally:
        ctx.store.close()

    bundle = tmp_path / "diag.zip"
    diag = clerk_app(b, "diagnostics", "--out", str(bundle))
    assert diag.returncode == 0, diag.stderr
    with zipfile.ZipFile(bundle) as z:
        texts = [z.read(n).decode("utf-8", errors="replace") for n in z.namelist()]
    logs = [p.read_text(encoding="utf-8", errors="replace") for p in (b / "logs").glob("*.log*")]
    assert any("pulled record quarantined" in t for t in logs)
    for where in [enrol.stderr, run.stderr, again.stderr, *texts, *logs]:
        for secret in (NAME, ID_NUMBER, PHONE, ADDRESS, ID_NUMBER[-6:], PHONE[-4:] + "'"):
            assert secret not in where


def test_the_reason_a_distributed_item_is_set_aside_quotes_none_of_it() -> None:
    import pytest
    from pydantic import ValidationError

    from sync import protocol as p
    from sync.client.distribution import _reason

    raw = {"kind": "appointments", "key": NAME * 30, "version": 3, "created_at": PHONE,
           "data": {"name": NAME, "phone": PHONE}, "window": ID_NUMBER}
    with pytest.raises(ValidationError) as info:
        p.DistItem.model_validate(raw)
    assert NAME in str(info.value)  # what the log used to get
    reason = _reason(info.value)
    assert reason.startswith("格式不符：") and "key" in reason and "window" in reason
    assert NAME not in reason and PHONE not in reason and ID_NUMBER not in reason
    try:
        datetime.fromisoformat(NAME)
    except ValueError as exc:
        assert NAME not in _reason(exc) and "ValueError" in _reason(exc)
