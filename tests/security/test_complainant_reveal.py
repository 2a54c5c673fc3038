"""Revealing who raised a complaint: only ledger managers, only after the password again, each reveal
audited; the ledger (and so every export of it) shows （保密）. Services called directly, then the
manager view's complaint page offscreen."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from clerk_app.domain.complaints import Handling
from clerk_app.domain.roles import Actor, Role
from clerk_app.errors import PermissionDenied, UserError
from clerk_app.services import complaints, reauth
from clerk_app.services.reports import complaint_table
from clerk_app.store.tables import AuditRow


@pytest.fixture
def complaint_id(ctx, users, clock) -> str:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 3, 2, 10, 0)
    return complaints.take_complaint(ctx, users["clerk"], category="投诉", content="窗口材料要求反复变化",
                                     handling=Handling.COMPLEX, complainant_name="李四",
                                     complainant_phone="13800001234")


def _reveals(ctx) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return [(a, e) for a, e in s.execute(select(AuditRow.actor, AuditRow.entity_id)
                                             .where(AuditRow.action == "complaint.reveal_complainant"))]


def test_ledger_and_its_export_never_show_the_complainant(ctx, users, complaint_id) -> None:  # type: ignore[no-untyped-def]
    [item] = complaints.list_complaints(ctx, users["supervisor"])
    assert (item.complainant, item.phone) == ("（保密）", "（保密）")
    rows = complaint_table(ctx, users["supervisor"]).rows
    assert not any("李四" in str(v) or "13800001234" in str(v) for row in rows for v in row)


def test_reveal_needs_a_recent_password_of_the_same_supervisor(ctx, users, clock, complaint_id) -> None:  # type: ignore[no-untyped-def]
    sup = users["supervisor"]
    with pytest.raises(PermissionDenied, match="重新输入密码"):
        complaints.reveal_complainant(ctx, sup, complaint_id, None)
    export = reauth.reauthenticate(ctx, sup, "super1234", "export")
    with pytest.raises(PermissionDenied, match="查看投诉人身份"):
        complaints.reveal_complainant(ctx, sup, complaint_id, export)  # another purpose's elevation
    with pytest.raises(UserError, match="密码不正确"):
        reauth.reauthenticate(ctx, sup, "wrong-pass", "complainant.reveal")
    elevation = reauth.reauthenticate(ctx, sup, "super1234", "complainant.reveal")
    who = complaints.reveal_complainant(ctx, sup, complaint_id, elevation)
    assert (who.name, who.phone) == ("李四", "13800001234")
    other = Actor(user_id="someone-else", username="other", display_name="别人", role=Role.SUPERVISOR)
    with pytest.raises(PermissionDenied):
        complaints.reveal_complainant(ctx, other, complaint_id, elevation)  # not this user's password
    clock.now += reauth.ELEVATION_LIFETIME + timedelta(seconds=1)
    with pytest.raises(PermissionDenied, match="重新输入密码"):
        complaints.reveal_complainant(ctx, sup, complaint_id, elevation)
    assert _reveals(ctx) == [("sup", complaint_id)]  # exactly the one that succeeded


def test_roles_without_ledger_rights_are_refused_even_with_a_password(ctx, users, complaint_id) -> None:  # type: ignore[no-untyped-def]
    for who, password in (("clerk", "clerk1234"), ("it", "itit1234")):
        with pytest.raises(PermissionDenied):
            reauth.reauthenticate(ctx, users[who], password, "complainant.reveal")
        forged = reauth.Elevation(users[who].user_id, "complainant.reveal", datetime(2099, 1, 1))
        with pytest.raises(PermissionDenied):
            complaints.reveal_complainant(ctx, users[who], complaint_id, forged)
    assert _reveals(ctx) == []


def test_complaint_page_reveals_after_the_password_and_forgets_on_selection(qtbot, ctx, users, complaint_id) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.ui.manager.complaints_page import ComplaintsPage
    from clerk_app.ui.tasks import TaskRunner

    complaints.take_complaint(ctx, users["clerk"], category="咨询", content="公积金提取", handling=Handling.REFER,
                              where_to_go="请到市公积金中心办理")
    runner = TaskRunner()
    page = ComplaintsPage(ctx, users["supervisor"], runner)
    qtbot.addWidget(page)
    messages: list[str] = []
    page.status_message.connect(messages.append)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.refresh()
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 2).text() == "窗口材料要求反复变化")
    assert page.table.item(row, 5).text() == "（保密）"
    page.table.selectRow(row)
    page.ask_password = lambda: "wrong-pass"
    page.reveal_button.click()
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert "密码不正确" in messages[-1] and page.identity.text() == ""
    page.ask_password = lambda: "super1234"
    page.reveal_button.click()
    qtbot.waitUntil(lambda: "李四" in page.identity.text(), timeout=10000)
    assert "13800001234" in page.identity.text()
    page.table.selectRow(1 - row)
    assert page.identity.text() == ""
    assert _reveals(ctx) == [("sup", complaint_id)]
    clerk_page = ComplaintsPage(ctx, users["clerk"], runner)
    qtbot.addWidget(clerk_page)
    assert not clerk_page.reveal_button.isEnabled()
    runner.shutdown()
