"""事项与授权 on real widgets offscreen over a real profile: the matters with search, editing one matter
(checked by the catalogue parser's rules, refused with the field named), the list authorised to the
window (which the intake then offers), and importing a catalogue file after a preview of its
differences. Screens are saved as PNGs in the test's folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from sqlalchemy import select

from clerk_app.domain.catalogue_edit import catalogue_toml
from clerk_app.domain.matters import Necessity, parse_catalogue
from clerk_app.domain.roles import Role
from clerk_app.errors import DomainError, PermissionDenied
from clerk_app.services import catalogue_admin
from clerk_app.services.auth import create_user
from clerk_app.services.bootstrap import open_context
from clerk_app.services.cases import open_case
from clerk_app.services.catalogue_search import MatterIndex
from clerk_app.services.context import DEMO_CATALOGUE, working_catalogue_path
from clerk_app.store.tables import AuditRow

SHOP = "000131127004"  # 个体工商户设立登记: legal 3 working days, promise 1


@pytest.fixture
def admin(ctx):  # type: ignore[no-untyped-def]
    return create_user(ctx, None, username="admin", display_name="孙管理", role=Role.ADMIN, password="admin1234")


def _view(qtbot, ctx, actor):  # type: ignore[no-untyped-def]
    from clerk_app.ui.manager.view import ManagerView
    from clerk_app.ui.tasks import TaskRunner

    runner = TaskRunner()
    v = ManagerView(ctx, actor, runner)
    qtbot.addWidget(v)
    v.resize(1400, 860)
    v.show()
    return v, runner


@pytest.fixture
def page(qtbot, ctx, users, admin):  # type: ignore[no-untyped-def]
    v, runner = _view(qtbot, ctx, admin)
    p = v.catalogue
    with qtbot.waitSignal(p.loaded, timeout=10000):
        v.tabs.setCurrentWidget(p)
    yield p
    runner.shutdown()


def _audit(ctx, action: str) -> list[AuditRow]:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return list(s.scalars(select(AuditRow).where(AuditRow.action == action)))


def _row_of(p, code: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(p.table.rowCount()) if p.table.item(r, 1).text() == code)


def _message(qtbot, p, action) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(p.status_message, timeout=10000) as blocker:
        action()
    return blocker.args[0]


def test_lists_every_matter_with_its_limits_and_origin(qtbot, page, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert page.table.rowCount() == len(ctx.catalogue.matters) == 24
    row = _row_of(page, SHOP)
    cells = [page.table.item(row, c).text() for c in range(page.table.columnCount())]
    assert cells[1:8] == [SHOP, "个体工商户设立登记", "区市场监督管理局", "3个工作日", "1个工作日", "承诺件", "可"]
    assert cells[8] == "经营场所使用证明"  # the one 容缺后补 material
    unauthorised = [m.code for m in ctx.catalogue.matters if not m.window_authorised]
    ticked = {page.table.item(r, 1).text() for r in range(page.table.rowCount())
              if page.table.item(r, 0).checkState().value == 2}
    assert ticked == {m.code for m in ctx.catalogue.matters} - set(unauthorised)
    qtbot.waitUntil(lambda: "来源" in page.origin.text())
    assert f"来源：本机文件 {DEMO_CATALOGUE}" in page.origin.text() and "截至 " in page.origin.text()
    assert f"授权本窗口 {24 - len(unauthorised)} 项" in page.origin.text()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.search.setText("gtgsh")
    assert page.table.rowCount() >= 1
    assert all("个体工商户" in page.table.item(r, 2).text() for r in range(page.table.rowCount()))
    assert page.code_label.text() == page.table.item(0, 1).text()  # the first match is in the editor
    qtbot.wait(50)  # replaced cell widgets are deleted by the event loop
    page.window().grab().save(str(tmp_path / "manager_catalogue.png"))


def test_edit_is_checked_by_the_parser_rules_and_audited(qtbot, page, ctx, profile) -> None:  # type: ignore[no-untyped-def]
    page.select_code(SHOP)
    assert page.code_label.text() == SHOP and page.promise_days.value() == 1
    page.promise_days.setValue(10)  # longer than the statutory 3 working days
    message = _message(qtbot, page, page.save_button.click)
    assert message.startswith("事项“个体工商户设立登记”：承诺时限（promise_limit_days = 10）不能长于法定时限")
    page.promise_days.setValue(2)
    page.name_edit.setText("")
    assert "缺少必填字段“事项名称（name）”" in _message(qtbot, page, page.save_button.click)
    assert not working_catalogue_path(profile).exists() and _audit(ctx, "catalogue.edit_matter") == []

    page.name_edit.setText("个体工商户设立登记（含名称自主申报）")
    page.materials.cellWidget(0, 3).setCurrentText(Necessity.RONGQUE.value)
    page.tell_commit.setChecked(False)
    with qtbot.waitSignal(page.saved, timeout=10000):
        page.save_button.click()
    qtbot.waitUntil(lambda: page.code_label.text() == SHOP)
    m = ctx.catalogue.by_code(SHOP)
    assert (m.name, m.promise_limit.value, m.tell_commit_eligible, m.materials[0].necessity) == (
        "个体工商户设立登记（含名称自主申报）", 2, False, Necessity.RONGQUE)
    assert "本机修改" in ctx.catalogue.version
    [entry] = _audit(ctx, "catalogue.edit_matter")
    assert entry.entity_id == SHOP and entry.actor == "admin"
    assert {"事项名称", "承诺时限", "告知承诺", "申请材料"} <= set(entry.detail.split("：", 1)[1].split("、"))
    reopened = open_context(profile)  # the edit survives a restart
    try:
        assert reopened.catalogue.by_code(SHOP) == m
    finally:
        reopened.store.close()
    qtbot.waitUntil(lambda: "本机编辑（孙管理）" in page.origin.text())


def test_authorised_list_decides_what_the_intake_offers(qtbot, page, ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    shut = next(m for m in ctx.catalogue.matters if not m.window_authorised)
    page.table.item(_row_of(page, SHOP), 0).setCheckState(page.table.item(0, 0).checkState().Unchecked)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.search.setText(shut.code)  # the tick on SHOP is kept across the search
    page.table.item(0, 0).setCheckState(page.table.item(0, 0).checkState().Checked)
    message = _message(qtbot, page, page.save_auth_button.click)
    assert message == "授权清单已保存：新增 1 项，取消 1 项。"
    assert not ctx.catalogue.by_code(SHOP).window_authorised and ctx.catalogue.by_code(shut.code).window_authorised
    offered = {m.code for m in MatterIndex(ctx.catalogue).search("", limit=100)}
    assert SHOP not in offered and shut.code in offered
    applicant = new_applicant()
    with pytest.raises(DomainError):
        open_case(ctx, users["clerk"], matter_code=SHOP, applicant_id=applicant.id)
    assert open_case(ctx, users["clerk"], matter_code=shut.code, applicant_id=applicant.id).matter_code == shut.code
    [entry] = _audit(ctx, "catalogue.authorise")
    assert entry.detail == f"授权 {shut.code}；取消 {SHOP}"


def _modified_demo(tmp_path: Path) -> tuple[Path, str, str]:
    demo = parse_catalogue(tomllib.loads(DEMO_CATALOGUE.read_text(encoding="utf-8")), "demo")
    from dataclasses import replace

    first, second, *rest = demo.matters
    changed = replace(first, department="区行政审批局", fee="工本费 5 元")
    added = replace(second, code="999900000001", name="新增演示事项")
    catalogue = replace(demo, version="2027.01", matters=(changed, *rest, added))  # `second` removed
    out = tmp_path / "海淀区-2027.01.toml"
    out.write_text(catalogue_toml(catalogue), encoding="utf-8")
    return out, first.code, second.code


def test_import_shows_the_differences_before_applying(qtbot, page, ctx, profile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file, changed_code, removed_code = _modified_demo(tmp_path)
    before = ctx.catalogue
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.preview_file(file)
    assert page.preview.isVisible() and page.apply_button.isEnabled()
    assert page.preview_label.text().startswith("海淀区-2027.01.toml（版本 2027.01）：新增 1 项，修改 1 项，删除 1 项。")
    rows = {tuple(page.preview_table.item(r, c).text() for c in range(4)) for r in range(page.preview_table.rowCount())}
    assert rows == {("新增", "999900000001", "新增演示事项", ""), ("修改", changed_code, before.by_code(changed_code).name,
                     "实施主体、收费"), ("删除", removed_code, before.by_code(removed_code).name, "")}
    assert ctx.catalogue is before and not working_catalogue_path(profile).exists()  # nothing applied yet
    page.window().grab().save(str(tmp_path / "manager_catalogue_import.png"))
    with qtbot.waitSignal(page.saved, timeout=10000):
        page.apply_button.click()
    assert ctx.catalogue.version == "2027.01" and ctx.catalogue.by_code(changed_code).department == "区行政审批局"
    assert working_catalogue_path(profile).read_bytes() == file.read_bytes()
    assert not page.preview.isVisible()
    qtbot.waitUntil(lambda: f"来源：本机文件 {file}" in page.origin.text())
    [entry] = _audit(ctx, "catalogue.import")
    assert "新增 1，修改 1，删除 1" in entry.detail


@pytest.mark.parametrize(("content", "expected"), [
    ("[[matter]]\ncode = 131127014\n", "字段“code”的类型不对"),
    ("[[matter]\n", "格式错误"),
    (b"\xb8\xf6\xcc\xe5".decode("latin-1"), None),  # GBK bytes: written below as raw bytes
])
def test_a_bad_file_is_refused_in_chinese_and_nothing_changes(qtbot, page, ctx, profile, tmp_path: Path,
                                                               content: str, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "bad.toml"
    if expected is None:
        file.write_bytes("name = \"个体\"\n".encode("gbk"))
        expected = "不是 UTF-8 编码"
    else:
        file.write_text(content, encoding="utf-8")
    before = ctx.catalogue
    message = _message(qtbot, page, lambda: page.preview_file(file))
    assert expected in message and str(file) in message
    assert page.preview_label.text() == message and not page.apply_button.isEnabled()
    assert ctx.catalogue is before and not working_catalogue_path(profile).exists()
    assert _audit(ctx, "catalogue.import") == []


def test_supervisor_sees_the_catalogue_but_cannot_change_it(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    v, runner = _view(qtbot, ctx, users["supervisor"])
    try:
        with qtbot.waitSignal(v.catalogue.loaded, timeout=10000):
            v.tabs.setCurrentWidget(v.catalogue)
        assert v.catalogue.table.rowCount() == 24
        assert not v.catalogue.save_auth_button.isEnabled() and not v.catalogue.import_button.isEnabled()
        assert not v.catalogue.editor.isEnabled()
    finally:
        runner.shutdown()
    with pytest.raises(PermissionDenied):
        catalogue_admin.update_matter(ctx, users["supervisor"], SHOP, {"name": "改名"})
    with pytest.raises(PermissionDenied):
        catalogue_admin.set_authorised(ctx, users["supervisor"], [])
    assert ctx.catalogue.by_code(SHOP).name == "个体工商户设立登记"


def test_a_catalogue_from_the_center_shows_its_source_and_time(qtbot, ctx, users, profile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    file, changed_code, _ = _modified_demo(tmp_path)
    sent = datetime(2026, 11, 28, 18, 30)
    catalogue = catalogue_admin.write_center_catalogue(profile, file.read_bytes(), [changed_code],
                                                       detail="https://center.example", as_of=sent)
    assert [m.code for m in catalogue.authorised()] == [changed_code]
    reopened = open_context(profile)  # what the counter uses after the sync
    try:
        o = catalogue_admin.origin(reopened, users["supervisor"])
        assert (o.label, o.detail, o.as_of, o.version, o.authorised) == (
            "中心下发", "https://center.example", sent, "2027.01", 1)
        v, runner = _view(qtbot, reopened, users["supervisor"])
        with qtbot.waitSignal(v.catalogue.loaded, timeout=10000):
            v.tabs.setCurrentWidget(v.catalogue)
        qtbot.waitUntil(lambda: "来源：中心下发 https://center.example；截至 2026-11-28 18:30" in v.catalogue.origin.text())
        runner.shutdown()
    finally:
        reopened.store.close()
    with pytest.raises(DomainError, match="缺少材料清单"):
        catalogue_admin.write_center_catalogue(profile, b'[[matter]]\ncode = "1"\n', None, detail="中心", as_of=sent)
    again = open_context(profile)
    try:
        assert again.catalogue.version == "2027.01"  # the refused one wrote nothing
    finally:
        again.store.close()
