"""The manager view as real widgets offscreen on a seeded profile: it loads through the TaskRunner,
shows the same figures as the services, takes a bad review through its loop, advances a complaint,
urges a due case and exports the page on screen. Screens are saved as PNGs in the test's folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from clerk_app.domain.periods import Period
from clerk_app.errors import PermissionDenied
from clerk_app.services import statistics
from clerk_app.services.demo import seed
from clerk_app.ui.manager.widgets import selected_key

SEEDED_AT = datetime(2026, 3, 20, 15, 0)


@pytest.fixture(scope="module")
def _seeded(tmp_path_factory: pytest.TempPathFactory, _template_database) -> tuple[Path, str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The profile the view tests start from — the three users of ``users`` (made at the ``clock``
    fixture's start), then 400 cases seeded at ``SEEDED_AT`` — made once (~0.65 s of CPU) and copied
    for each test with its key. Returns the profile folder, its key id and the users."""
    from _users import profile_with_users

    now = [datetime(2026, 3, 2, 9, 30)]
    folder = tmp_path_factory.mktemp("manager-view") / "profile"
    with profile_with_users(folder, _template_database, lambda: now[0]) as (paths, key_id, context, users):
        now[0] = SEEDED_AT
        seed(context, 400, seed=5)
    return paths.root, key_id, users


@pytest.fixture
def seeded_ctx(_seeded, _template_database, tmp_path: Path, clock) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """This test's own copy of the seeded profile, its key in this test's keyring."""
    import keyring

    from clerk_app.paths import ProfilePaths
    from clerk_app.security.keys import KEYRING_SERVICE
    from clerk_app.services.bootstrap import open_context

    template, key_id, _ = _seeded
    shutil.copytree(template, tmp_path / "seeded")
    keyring.set_password(KEYRING_SERVICE, key_id, _template_database[1])
    clock.now = SEEDED_AT
    context = open_context(ProfilePaths(tmp_path / "seeded").ensure(), clock=clock)
    yield context
    context.store.close()


@pytest.fixture
def seeded_users(_seeded) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return dict(_seeded[2])


@pytest.fixture
def view(qtbot, seeded_ctx, seeded_users):  # type: ignore[no-untyped-def]
    from clerk_app.ui.manager.view import ManagerView
    from clerk_app.ui.tasks import TaskRunner

    runner = TaskRunner()
    v = ManagerView(seeded_ctx, seeded_users["supervisor"], runner)
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    yield v
    runner.shutdown()


def test_clerk_cannot_open_manager_view(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.ui.manager.view import ManagerView
    from clerk_app.ui.tasks import TaskRunner

    with pytest.raises(PermissionDenied):
        ManagerView(ctx, users["clerk"], TaskRunner())


def test_dashboard_shows_service_figures_and_urges(qtbot, view, seeded_ctx, seeded_users, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.dashboard.loaded, timeout=10000):
        view.refresh()
    expected = statistics.dashboard(seeded_ctx, seeded_users["supervisor"], Period.MONTH)
    page = view.dashboard
    assert page.summary.item(0, 1).text() == str(expected.received)
    assert page.as_of.text().startswith("数据截至 2026-03-20 15:00")
    assert page.departments.items[0][2] == str(expected.by_department.rows[0][1])
    assert page.due.rowCount() == len(expected.due) > 0
    view.grab().save(str(tmp_path / "manager_dashboard.png"))
    page.due.selectRow(0)
    number = page.due.item(0, 0).text()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.urge_button.click()
    row = next(r for r in range(page.due.rowCount()) if page.due.item(r, 0).text() == number)
    assert page.due.item(row, 7).text() == "1"


def test_bad_review_loop_from_the_view(qtbot, view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = view.ratings
    with qtbot.waitSignal(page.loaded, timeout=10000):
        view.tabs.setCurrentWidget(page)
    total = page.table.rowCount()
    assert total > 0 and f"实名差评 {total} 条，已回访整改办结 0 条" in page.rate.text()
    page.table.selectRow(0)
    fid = selected_key(page.table)
    messages: list[str] = []
    page.status_message.connect(messages.append)
    page.buttons["close"].click()
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert "尚缺回访核实" in messages[-1]
    for key, verdict, note in (("contact", "不属实", "电话回访，评价人表示误会"), ("feedback", "", "已解释，评价人认可"),
                               ("close", "", "")):
        page.table.selectRow(next(r for r in range(page.table.rowCount())
                                  if page.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == fid))
        if verdict:
            page.verification.setCurrentText(verdict)
        page.note.setText(note)
        with qtbot.waitSignal(page.loaded, timeout=10000):
            page.buttons[key].click()
    assert f"已回访整改办结 1 条，回访整改率 {100 / total:.1f}%" in page.rate.text()
    view.grab().save(str(tmp_path / "manager_ratings.png"))


def test_complaint_advances_and_page_exports(qtbot, view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = view.complaints
    with qtbot.waitSignal(page.loaded, timeout=10000):
        view.tabs.setCurrentWidget(page)
    assert page.table.rowCount() > 0
    page.table.selectRow(0)
    assert page.next_label.text() == "下一环节：分析原因"
    page.note.setText("叫号系统高峰期排队过长")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.advance_button.click()
    page.table.selectRow(0)
    assert page.table.item(0, 4).text() == "分析原因" and page.next_label.text() == "下一环节：派发工单"
    view.grab().save(str(tmp_path / "manager_complaints.png"))
    out = tmp_path / "complaints.xlsx"
    done: list[str] = []
    view.status_message.connect(done.append)
    view.ask_password = lambda: "wrong-password"
    view.export_page(out)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert "密码" in done[-1] and not out.exists()  # exports need the password again
    done.clear()
    view.ask_password = lambda: "super1234"
    view.export_page(out)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    ws = load_workbook(out).active
    assert ws["A1"].value == "办不成事与投诉建议台账" and ws.max_row - 2 == page.table.rowCount()


def test_ledgers_and_performance_pages(qtbot, view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.ledgers.loaded, timeout=10000):
        view.tabs.setCurrentWidget(view.ledgers)
    assert view.ledgers.which.count() == 6 and view.ledgers.which.itemText(0).startswith("暂停服务")
    with qtbot.waitSignal(view.performance.loaded, timeout=10000):
        view.tabs.setCurrentWidget(view.performance)
    assert view.performance.title.text().startswith("2026年第1季度排名")
    assert view.performance.table.rowCount() >= 1 and view.performance.table.item(0, 0).text() == "1"
    assert "加权办件量" in view.performance.formula.text()
    view.grab().save(str(tmp_path / "manager_performance.png"))


def test_users_page_only_for_admins_and_revokes(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.domain.roles import Role
    from clerk_app.services import auth
    from clerk_app.ui.manager.view import ManagerView
    from clerk_app.ui.tasks import TaskRunner

    assert ManagerView(ctx, users["supervisor"], TaskRunner()).users is None
    admin = auth.create_user(ctx, None, username="adm", display_name="张管理", role=Role.ADMIN, password="admin1234")
    view = ManagerView(ctx, admin, TaskRunner())
    qtbot.addWidget(view)
    page = view.users
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.refresh()
    row = next(i for i, u in enumerate(page.rows) if u.username == "clerk")
    page.table.selectRow(row)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.disable_button.click()
    assert page.table.item(row, 3).text() == "已停用"
    page.username.setText("wang2")
    page.display_name.setText("王二")
    page.password.setText("start1234")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.create_button.click()
    assert "wang2" in {u.username for u in page.rows} and page.password.text() == ""
