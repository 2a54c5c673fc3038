"""The counter's 其他业务 forms as real widgets: a refusal shows the service's sentence and writes
nothing; a valid entry is stored and the form cleared."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from clerk_app.store.ledger_tables import ComplaintTrackRow, ConsultationRow, EmergencyPersonRow


@pytest.fixture
def page(qtbot, ctx, users):  # type: ignore[no-untyped-def]
    from clerk_app.ui.counter_ledgers import CounterLedgersPage
    from clerk_app.ui.tasks import TaskRunner

    runner = TaskRunner()
    p = CounterLedgersPage(ctx, users["clerk"], runner)
    qtbot.addWidget(p)
    p.resize(900, 640)
    p.show()
    yield p
    runner.shutdown()


def _submit(qtbot, form) -> str:  # type: ignore[no-untyped-def]
    before = form.result.text()
    form.submit.click()
    qtbot.waitUntil(lambda: form.result.text() != before and form.submit.isEnabled(), timeout=10000)
    return form.result.text()


def test_consultation_refused_then_recorded(qtbot, page, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = page.consultation
    f.question.setPlainText("公积金提取需要什么材料？")
    f.callback.setChecked(True)
    assert "联系电话" in _submit(qtbot, f)
    with ctx.store.read() as s:
        assert s.scalars(select(ConsultationRow)).all() == []
    f.phone.setText("13812345678")
    assert _submit(qtbot, f).startswith("已登记咨询")
    with ctx.store.read() as s:
        row = s.scalars(select(ConsultationRow)).one()
    assert (row.question, row.callback_needed, row.contact_phone) == ("公积金提取需要什么材料？", True, "13812345678")
    assert f.question.toPlainText() == ""
    page.grab().save(str(tmp_path / "counter_consultation.png"))


def test_complaint_intake_and_emergency_register(qtbot, page, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.setCurrentWidget(page.complaint)
    c = page.complaint
    c.handling.setCurrentIndex(c.handling.findData("transfer"))
    c.content.setPlainText("医保报销材料被退回三次")
    c.name.setText("吴十")
    assert "今日转至主管部门" in _submit(qtbot, c)
    with ctx.store.read() as s:
        track = s.scalars(select(ComplaintTrackRow)).one()
    assert (track.handling, track.complainant_name, track.transfer_due) == ("transfer", "吴十", ctx.now().date())
    page.grab().save(str(tmp_path / "counter_complaint.png"))
    page.setCurrentWidget(page.emergency)
    e = page.emergency
    e.description.setPlainText("10:20 停电，10:50 恢复")
    e.persons.setPlainText("郑一，13600001111，个体工商户设立登记\n王二，临时救助\n")
    assert "2 人列入下次优先办理名单" in _submit(qtbot, e)
    with ctx.store.read() as s:
        people = sorted((p.name, p.phone, p.matter) for p in s.scalars(select(EmergencyPersonRow)))
    assert people == [("王二", "", "临时救助"), ("郑一", "13600001111", "个体工商户设立登记")]
    page.grab().save(str(tmp_path / "counter_emergency.png"))
