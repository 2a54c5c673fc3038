"""节假日安排 on real widgets offscreen: next year's schedule is chosen, previewed day by day, applied
with the service ``clerk-app calendar import`` uses, and the open cases' provisional due dates move as
after the command. A case accepted Mon 2026-12-28 with 5 working days is due Tue 2027-01-05 on the
estimated 2027 (元旦 Fri 01-01 off by the 放假办法, provisional); once the schedule is imported the same
date is official."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from clerk_app.domain.cases import IntakeDecision, MaterialStatus
from clerk_app.domain.matters import LimitUnit, TimeLimit
from clerk_app.domain.roles import Role
from clerk_app.errors import PermissionDenied
from clerk_app.services import calendar as calendar_service
from clerk_app.services import cases as svc
from clerk_app.services.auth import create_user
from clerk_app.store.tables import AuditRow

SCHEDULE_2027 = """\
year = 2027
source = "国务院办公厅关于2027年部分节假日安排的通知（测试用）"
official = true
makeup_workdays = [2027-02-20, 2027-09-26, 2027-10-09]

[[holiday]]
name = "元旦"
start = 2027-01-01
end = 2027-01-03

[[holiday]]
name = "春节"
start = 2027-02-06
end = 2027-02-13

[[holiday]]
name = "国庆节"
start = 2027-10-01
end = 2027-10-07
"""


@pytest.fixture
def admin(ctx):  # type: ignore[no-untyped-def]
    return create_user(ctx, None, username="admin", display_name="孙管理", role=Role.ADMIN, password="admin1234")


@pytest.fixture
def accepted(ctx, users, clock, new_applicant):  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 12, 28, 10, 0)
    clerk = users["clerk"]
    matter = next(m for m in ctx.catalogue.authorised() if m.promise_limit == TimeLimit(5, LimitUnit.WORKING_DAYS))
    case = svc.open_case(ctx, clerk, matter_code=matter.code, applicant_id=new_applicant().id)
    if matter.tell_commit_eligible:
        svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    for m in matter.materials:
        svc.check_material(ctx, clerk, case.number, m.seq, MaterialStatus.SUBMITTED)
    case = svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ACCEPT)
    assert (case.due_date, case.due_provisional) == (date(2027, 1, 5), True)
    return case.number


@pytest.fixture
def page(qtbot, ctx, admin):  # type: ignore[no-untyped-def]
    from clerk_app.ui.manager.view import ManagerView
    from clerk_app.ui.tasks import TaskRunner

    runner = TaskRunner()
    v = ManagerView(ctx, admin, runner)
    qtbot.addWidget(v)
    v.resize(1280, 760)
    v.show()
    with qtbot.waitSignal(v.calendar.loaded, timeout=10000):
        v.tabs.setCurrentWidget(v.calendar)
    yield v.calendar
    runner.shutdown()


def _audit(ctx, action: str) -> list[AuditRow]:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return list(s.scalars(select(AuditRow).where(AuditRow.action == action)))


def test_preview_then_apply_moves_the_provisional_due_dates(qtbot, page, ctx, admin, accepted, profile,
                                                             tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert "2027 年：尚无安排" in page.years.text() and "2026 年：正式" in page.years.text()
    file = tmp_path / "2027.toml"
    file.write_text(SCHEDULE_2027, encoding="utf-8")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.preview_file(file)
    assert page.preview_label.text().startswith("2027 年节假日安排，正式；来源：国务院办公厅关于2027年部分节假日安排的通知（测试用）。"
                                                "放假 18 天，调休上班 3 天。2027 年目前尚无安排。")
    rows = [tuple(page.table.item(r, c).text() for c in range(4)) for r in range(page.table.rowCount())]
    assert rows == [
        ("放假", "元旦", "2027-01-01（周五） 至 2027-01-03（周日）", "3"),
        ("放假", "春节", "2027-02-06（周六） 至 2027-02-13（周六）", "8"),
        ("放假", "国庆节", "2027-10-01（周五） 至 2027-10-07（周四）", "7"),
        ("调休上班", "", "2027-02-20（周六）", "1"),
        ("调休上班", "", "2027-09-26（周日）", "1"),
        ("调休上班", "", "2027-10-09（周六）", "1")]
    assert not (profile.calendar_dir / "2027.toml").exists()  # a preview writes nothing
    assert svc.get_case(ctx, admin, accepted).due_provisional  # a preview changes nothing
    page.window().grab().save(str(tmp_path / "manager_calendar.png"))

    with qtbot.waitSignal(page.runner.changes_applied, timeout=10000):
        page.apply_button.click()
    qtbot.waitUntil(lambda: page.preview_label.text().startswith("已导入 2027 年"))
    assert page.preview_label.text() == "已导入 2027 年节假日安排；1 件办件的承诺办结日期已重新计算。"
    case = svc.get_case(ctx, admin, accepted)
    assert (case.due_date, case.due_provisional) == (date(2027, 1, 5), False)
    assert (profile.calendar_dir / "2027.toml").read_bytes() == file.read_bytes()
    assert "2027 年：正式" in page.years.text() and page.table.rowCount() == 0
    [entry] = _audit(ctx, "calendar.import")
    assert entry.actor == "admin" and entry.entity_id == "2027"
    assert [e.detail for e in _audit(ctx, "case.recompute_due")] == ["1 changed"]


def test_the_same_result_as_the_command(ctx, admin, accepted, profile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.cli import main

    file = tmp_path / "2027.toml"
    file.write_text(SCHEDULE_2027, encoding="utf-8")
    assert main(["--data-dir", str(profile.root), "calendar", "import", str(file)]) == 0
    # The command recomputed with its own context; this one reloads the calendar the same way.
    ctx.calendar = calendar_service.load_calendar(profile)
    case = svc.get_case(ctx, admin, accepted)
    assert (case.due_date, case.due_provisional) == (date(2027, 1, 5), False)


def test_a_bad_schedule_is_refused_and_nothing_is_written(qtbot, page, ctx, accepted, profile,
                                                          tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "2027.toml"
    file.write_text(SCHEDULE_2027.replace("2027-09-26", "2027-09-27"), encoding="utf-8")  # a Monday
    with qtbot.waitSignal(page.status_message, timeout=10000) as blocker:
        page.preview_file(file)
    assert "2027-09-27" in blocker.args[0] and str(file) in blocker.args[0]
    assert page.preview_label.text() == blocker.args[0]
    assert not page.apply_button.isEnabled() and page.table.rowCount() == 0
    assert not (profile.calendar_dir / "2027.toml").exists() and _audit(ctx, "calendar.import") == []


def test_a_supervisor_cannot_import(qtbot, ctx, users, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.ui.manager.view import ManagerView
    from clerk_app.ui.tasks import TaskRunner

    runner = TaskRunner()
    v = ManagerView(ctx, users["supervisor"], runner)
    qtbot.addWidget(v)
    assert not v.calendar.choose_button.isEnabled()
    runner.shutdown()
    file = tmp_path / "2027.toml"
    file.write_text(SCHEDULE_2027, encoding="utf-8")
    with pytest.raises(PermissionDenied):
        calendar_service.preview_schedule(ctx, users["supervisor"], file)
