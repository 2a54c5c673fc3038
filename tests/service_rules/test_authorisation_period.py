"""Seed 001 App. I 授权期限 with a fixed clock: a matter outside its authorisation period cannot be
received at the comprehensive window; the 事项与授权 page shows the period."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from clerk_app.errors import DomainError
from clerk_app.services import cases as svc

MATTER = "000131127004"


def _limit(ctx, to: date) -> None:  # type: ignore[no-untyped-def]
    ctx.catalogue = replace(ctx.catalogue, matters=tuple(
        replace(m, authorised_from=date(2026, 1, 1), authorised_to=to) if m.code == MATTER else m
        for m in ctx.catalogue.matters))


def test_seed_001_app_i_expired_authorisation_refuses_receipt(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    _limit(ctx, date(2026, 3, 31))
    applicant = new_applicant()
    clock.now = datetime(2026, 3, 31, 16, 0)
    assert svc.open_case(ctx, users["clerk"], matter_code=MATTER, applicant_id=applicant.id).number
    clock.now = datetime(2026, 4, 1, 9, 0)
    with pytest.raises(DomainError, match="授权已于 2026-03-31 到期，综合窗口不能再受理"):
        svc.open_case(ctx, users["clerk"], matter_code=MATTER, applicant_id=applicant.id)


def test_catalogue_page_shows_the_authorisation_period(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.ui.manager.catalogue_page import CataloguePage
    from clerk_app.ui.tasks import TaskRunner

    _limit(ctx, date(2026, 12, 31))
    runner = TaskRunner()
    page = CataloguePage(ctx, users["supervisor"], runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.refresh()
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    col = headers.index("授权期限")
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 1).text() == MATTER)
    assert page.table.item(row, col).text() == "2026-01-01至2026-12-31"
    other = next(r for r in range(page.table.rowCount()) if page.table.item(r, 1).text() != MATTER)
    assert page.table.item(other, col).text() == "长期"
    runner.shutdown()
