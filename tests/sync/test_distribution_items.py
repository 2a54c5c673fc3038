"""Catalogue, authorised matters, holiday schedules and appointments distributed by the real center:
imported with ``clerk-center admin``, applied by counters on pull (newer versions only, one local
transaction each), malformed items quarantined and never half-applied."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from test_distribution_users import center_cli

from clerk_app.domain.cases import IntakeDecision, MaterialStatus
from clerk_app.domain.roles import Role
from clerk_app.paths import RESOURCES
from clerk_app.services import auth
from clerk_app.services import cases as svc
from clerk_app.services.bootstrap import open_context
from clerk_app.services.catalogue_search import MatterIndex
from clerk_app.services.context import ServiceContext
from clerk_app.services.distribution import apply_item, appointments_today, catalogue_source, center_items

DEMO = RESOURCES / "catalogue" / "demo.toml"
PERMIT, OTHER = "000131127004", "000131127014"
HOLIDAYS_2027 = """year = 2027
source = "测试：2027 年节假日安排"
official = true
published = 2026-11-01
makeup_workdays = []

[[holiday]]
name = "元旦"
start = 2027-01-01
end = 2027-01-04
"""


def _catalogue_file(tmp_path: Path, version: str) -> Path:
    f = tmp_path / f"catalogue-{version}.toml"
    f.write_text(DEMO.read_text(encoding="utf-8").replace('version = "2026.11"', f'version = "{version}"', 1),
                 encoding="utf-8")
    return f


def _reopen(client: Any, clock: Any = datetime.now) -> ServiceContext:
    """What the app sees at its next start (the catalogue is read when the context opens)."""
    ctx = open_context(client.ctx.paths, clock=clock)
    client.reopened = ctx
    return ctx


def test_catalogue_and_authorised_list_reach_counters_newer_versions_only(center, counter_factory, tmp_path,
                                                                          monkeypatch, capsys) -> None:
    seen: list[set[str]] = []
    a = counter_factory("a", on_distributed=seen.append)
    b = counter_factory("b", window="02")
    rc, out, err = center_cli(center, "catalogue", "import", str(_catalogue_file(tmp_path, "中心-2027.01")),
                              monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0 and "已导入事项目录" in out, err
    rc, out, err = center_cli(center, "authorise", "--center", "DEMO", "--window", "01", PERMIT, OTHER,
                              monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0 and "授权事项 2 项" in out, err
    a.sync_once()
    b.sync_once()
    assert seen == [{"catalogue", "authorisation"}]

    ctx_a, ctx_b = _reopen(a), _reopen(b)
    try:
        assert ctx_a.catalogue.version == ctx_b.catalogue.version == "中心-2027.01"
        assert {m.code for m in ctx_a.catalogue.authorised()} == {PERMIT, OTHER}
        # The intake's matter search offers only the window's authorised matters.
        assert {m.code for m in MatterIndex(ctx_a.catalogue).search("")} == {PERMIT, OTHER}
        assert len(ctx_b.catalogue.authorised()) > 2  # window 02 has no list of its own: the file's flags
        admin = auth.create_user(ctx_a, None, username="adm", display_name="管理员", role=Role.ADMIN,
                                 password="admin-pass")
        src = catalogue_source(ctx_a, admin)
        assert (src.source, src.center, src.authorisation_source, src.authorised) == ("center", center.url,
                                                                                     "center", 2)
        assert src.as_of is not None and src.catalogue_version == "中心-2027.01"
    finally:
        ctx_a.store.close()
        ctx_b.store.close()

    a.sync_once()  # nothing newer: nothing applied again
    assert seen == [{"catalogue", "authorisation"}]
    with a.store.engine.connect() as conn:
        held = conn.execute(text("SELECT version FROM center_items WHERE kind = 'catalogue'")).scalar()
    # An older version of an item held is never applied over a newer one.
    assert apply_item(a.store, a.ctx.paths, "catalogue", "catalogue", held - 1,
                      {"toml": _catalogue_file(tmp_path, "旧版").read_text(encoding="utf-8")},
                      datetime.now(), "x", now=datetime.now()) is False
    ctx_a = _reopen(a)
    try:
        assert ctx_a.catalogue.version == "中心-2027.01"
    finally:
        ctx_a.store.close()

    # A narrower list later replaces the earlier one.
    rc, _out, err = center_cli(center, "authorise", "--center", "DEMO", "--window", "01", PERMIT,
                               monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    a.sync_once()
    assert seen[-1] == {"authorisation"}
    ctx_a = _reopen(a)
    try:
        assert [m.code for m in MatterIndex(ctx_a.catalogue).search("")] == [PERMIT]
    finally:
        ctx_a.store.close()


def test_center_catalogue_commands_refuse_bad_files_in_chinese(center, tmp_path, monkeypatch, capsys) -> None:
    rc, _out, err = center_cli(center, "authorise", "--center", "DEMO", "--window", "01", PERMIT,
                               monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "还没有导入事项目录" in err
    bad = tmp_path / "bad.toml"
    bad.write_text(DEMO.read_text(encoding="utf-8").replace('code = "000131127004"', 'code = 131127004', 1),
                   encoding="utf-8")
    rc, _out, err = center_cli(center, "catalogue", "import", str(bad), monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "错误：" in err and "code" in err
    rc, _out, err = center_cli(center, "catalogue", "import", str(tmp_path / "missing.toml"),
                               monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "找不到文件" in err
    center_cli(center, "catalogue", "import", str(DEMO), monkeypatch=monkeypatch, capsys=capsys)
    rc, _out, err = center_cli(center, "authorise", "--center", "DEMO", "--window", "01", "NOPE",
                               monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "NOPE" in err
    assert center.scalar("SELECT count(*) FROM dist_items") == 1


def _provisional_case(ctx: ServiceContext, clock: Any) -> str:
    """A 1-working-day promise accepted on 2026-12-31 falls in 2027, which has no schedule yet
    (estimated by the 放假办法, so provisional)."""
    from clerk_app.domain.applicants import ApplicantKind

    clerk = auth.create_user(ctx, None, username=f"c{id(ctx) % 10000}", display_name="王小明", role=Role.CLERK,
                             password="clerk1234")
    clock.now = datetime(2026, 12, 31, 10)
    applicant = svc.register_applicant(ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰",
                                       id_number="11010519491231002X", phone="13800138000", address="北京市")
    case = svc.open_case(ctx, clerk, matter_code=PERMIT, applicant_id=applicant.id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    for seq in (1, 2, 3, 4):
        svc.check_material(ctx, clerk, case.number, seq,
                           MaterialStatus.NOT_APPLICABLE if seq == 4 else MaterialStatus.SUBMITTED)
    case = svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)
    assert (case.due_date, case.due_provisional) == (date(2027, 1, 4), True)  # estimated: Fri 01-01 元旦
    return case.number


def test_holiday_schedule_from_the_center_recomputes_deadlines_as_a_local_import_does(
        center, counter_factory, clock, tmp_path, monkeypatch, capsys) -> None:
    from clerk_app.domain.roles import SYSTEM
    from clerk_app.paths import ProfilePaths
    from clerk_app.services.calendar import import_schedule, load_calendar

    a = counter_factory("a", clock=clock)
    a.ctx.clock = clock
    number = _provisional_case(a.ctx, clock)
    # The same case on a standalone counter, through `clerk-app calendar import`'s own steps.
    local = open_context(ProfilePaths(tmp_path / "local").ensure(), clock=clock)
    try:
        local_number = _provisional_case(local, clock)
        f = tmp_path / "2027.toml"
        f.write_text(HOLIDAYS_2027, encoding="utf-8")
        import_schedule(local.paths, f)
        local.calendar = load_calendar(local.paths)
        assert svc.recompute_due_dates(local, SYSTEM) == 1
        with local.store.engine.connect() as conn:
            expected = conn.execute(text("SELECT due_date, due_provisional FROM cases WHERE number = :n"),
                                    {"n": local_number}).one()
    finally:
        local.store.close()
    assert tuple(expected) == ("2027-01-05", 0)  # Fri 01-01 and Mon 01-04 are holidays now

    rc, out, err = center_cli(center, "holidays", "import", str(f), monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0 and "2027 年节假日安排" in out, err
    a.sync_once()
    assert (a.ctx.paths.calendar_dir / "2027.toml").read_text(encoding="utf-8") == HOLIDAYS_2027
    sup = auth.create_user(a.ctx, None, username="sup", display_name="李带班", role=Role.SUPERVISOR,
                           password="super1234")
    [held] = center_items(a.ctx, sup)
    assert (held.kind, held.key, held.source) == ("holidays", "2027", center.url) and held.as_of is not None
    with a.store.engine.connect() as conn:
        got = conn.execute(text("SELECT due_date, due_provisional FROM cases WHERE number = :n"),
                           {"n": number}).one()
        pending = conn.execute(text("SELECT count(*) FROM sync_outbox WHERE status = 'pending' AND entity = 'cases'"
                                    " AND data LIKE '%due_date%'")).scalar()
    assert tuple(got) == tuple(expected)
    assert pending == 1  # the moved deadline is itself synced to the center
    assert load_calendar(a.ctx.paths).is_working_day(date(2027, 1, 4)) is False

    bad = tmp_path / "bad.toml"
    bad.write_text(HOLIDAYS_2027.replace("year = 2027", "year = 二零二七"), encoding="utf-8")
    rc, _out, err = center_cli(center, "holidays", "import", str(bad), monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "格式错误" in err


APPOINTMENTS_CSV = """date,slot,window,matter_code,name,phone
2026-03-02,09:00-09:30,01,000131127004,张三丰,13800138000
2026-03-02,10:00-10:30,01,000131127014,李四,13900139000
2026-03-02,09:00-09:30,02,000131127004,王五,13700137000
2026-03-03,09:00-09:30,01,000131127004,赵六,13600136000
"""


def test_the_days_appointments_reach_their_window_masked_and_a_reimport_replaces_them(
        center, counter_factory, clock, tmp_path, monkeypatch, capsys) -> None:
    a = counter_factory("a", clock=clock)
    b = counter_factory("b", window="02", clock=clock)
    a.ctx.clock = b.ctx.clock = clock
    f = tmp_path / "appointments.csv"
    f.write_text(APPOINTMENTS_CSV, encoding="utf-8")
    rc, out, err = center_cli(center, "appointments", "import", str(f), "--center", "DEMO",
                              monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0 and "2026-03-02/01：2 条预约" in out, err
    assert "张三丰" not in out and "13800138000" not in out
    a.sync_once()
    b.sync_once()
    clerk_a = auth.create_user(a.ctx, None, username="ca", display_name="甲", role=Role.CLERK, password="clerk1234")
    clerk_b = auth.create_user(b.ctx, None, username="cb", display_name="乙", role=Role.CLERK, password="clerk1234")
    got = appointments_today(a.ctx, clerk_a)
    assert [(x.slot, x.name_masked, x.phone_masked, x.matter_name) for x in got] == [
        ("09:00-09:30", "张*丰", "138****8000", "个体工商户设立登记"),
        ("10:00-10:30", "李*", "139****9000", a.ctx.catalogue.by_code("000131127014").name)]
    assert [x.name_masked for x in appointments_today(b.ctx, clerk_b)] == ["王*"]
    with b.store.engine.connect() as conn:  # window 02 never received window 01's citizens
        assert conn.execute(text("SELECT count(*) FROM appointments WHERE window = '01'")).scalar() == 0
    with a.store.engine.connect() as conn:
        audited = conn.execute(text("SELECT count(*) FROM audit_log WHERE action = 'appointments.list'")).scalar()
    assert audited == 1

    j = tmp_path / "appointments.json"
    j.write_text(json.dumps([{"date": "2026-03-02", "slot": "11:00", "window": "01", "matter_code": PERMIT,
                              "name": "孙七", "phone": "13500135000"}], ensure_ascii=False), encoding="utf-8")
    rc, _out, err = center_cli(center, "appointments", "import", str(j), "--center", "DEMO",
                               monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    a.sync_once()
    assert [x.name_masked for x in appointments_today(a.ctx, clerk_a)] == ["孙*"]

    bad = tmp_path / "bad.csv"
    bad.write_text("date,slot,window,matter_code,name,phone\n2026-03-02,上午,01,X,某人,1\n", encoding="utf-8")
    rc, _out, err = center_cli(center, "appointments", "import", str(bad), "--center", "DEMO",
                               monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 1 and "第 1 条" in err and "时段" in err


def test_a_malformed_item_from_the_center_is_quarantined_whole_and_the_next_one_applies(
        center, counter_factory, clock, caplog) -> None:
    from sync.server.db import writer
    from sync.server.distribute import publish

    a = counter_factory("a", clock=clock)
    a.ctx.clock = clock
    now = datetime.now()
    with writer(center.engine) as conn:  # bypasses the admin command's validation, as a bug or tamper would
        publish(conn, "appointments", "2026-03-02", {"date": "2026-03-02", "window": "01", "items": [
            {"slot": "09:00", "window": "01", "matter_code": PERMIT, "name": "张三丰", "phone": "13800138000"},
            {"slot": "10:00", "window": "01", "matter_code": PERMIT, "name": 42, "phone": "1"}]},
            now, center="DEMO", window="01")
        publish(conn, "holidays", "2027", {"toml": "year = 2027\nofficial = maybe\n"}, now)
        publish(conn, "catalogue", "catalogue", {"toml": DEMO.read_text(encoding="utf-8")}, now)
    with caplog.at_level(logging.WARNING, logger="clerk.sync"):
        status = a.sync_once()
    assert status.quarantined == 2
    lines = [r.getMessage() for r in caplog.records if "quarantined" in r.getMessage()]
    assert len(lines) == 2 and "kind=appointments key=2026-03-02" in lines[0] and "第 2 条" in lines[0]
    with a.store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM appointments")).scalar() == 0  # not one row of the two
        assert conn.execute(text("SELECT kind FROM center_items")).scalars().all() == ["catalogue"]
        kept = conn.execute(text("SELECT kind, data FROM dist_quarantine ORDER BY id")).all()
    assert [k for k, _ in kept] == ["appointments", "holidays"] and "张三丰" in kept[0][1]
    assert not (a.ctx.paths.calendar_dir / "2027.toml").exists()


def test_cli_help_names_every_distribution_command(capsys) -> None:
    from sync.server.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["admin", "--help"])
    out = capsys.readouterr().out
    for word in ("user", "catalogue", "authorise", "holidays", "appointments"):
        assert word in out


def test_a_center_restored_from_backup_hands_out_lower_versions_and_counters_take_them(
        center, counter_factory, tmp_path, monkeypatch, capsys) -> None:
    from sync_helpers import write_applicants

    from sync.server.db import new_epoch, writer

    a = counter_factory("a")
    for version in ("备份前-1", "备份前-2"):
        assert center_cli(center, "catalogue", "import", str(_catalogue_file(tmp_path, version)),
                          monkeypatch=monkeypatch, capsys=capsys)[0] == 0
    a.sync_once()
    # Restore an older backup: the later items are gone and the version counter is back where it was.
    with writer(center.engine) as conn:
        conn.execute(text("DELETE FROM dist_items"))
        conn.execute(text("UPDATE counters SET value = 0 WHERE name = 'dist_version'"))
    new_epoch(center.engine)
    assert center_cli(center, "catalogue", "import", str(_catalogue_file(tmp_path, "恢复后")),
                      monkeypatch=monkeypatch, capsys=capsys)[0] == 0
    write_applicants(a.store, 1)  # the counter also has work to re-feed
    a.sync_once()
    with a.store.engine.connect() as conn:
        held = json.loads(conn.execute(text("SELECT data FROM center_items WHERE kind = 'catalogue'")).scalar())
    assert held["version"] == "恢复后"
