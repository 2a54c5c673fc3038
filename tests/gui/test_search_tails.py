"""Search finds what clerks type (issue 15): the end of a case number ("0031", "20261202-0031"), the
last characters of an ID number ("002X"); a long result says how many there are and pages on."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from clerk_app.services import cases as svc
from clerk_app.services.demo import seed
from clerk_app.services.search import search_page
from clerk_app.ui.case_list import CaseListPage
from clerk_app.ui.tasks import TaskRunner

JIUZHU = "000119004000"


def _page(qtbot, ctx, users) -> CaseListPage:  # type: ignore[no-untyped-def]
    page = CaseListPage(ctx, users["clerk"], TaskRunner())
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def _shown(page: CaseListPage) -> list[str]:
    return [page.table.item(i, 0).text() for i in range(page.table.rowCount())]


def test_case_number_tails_and_id_tail(qtbot, ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    other = new_applicant(id_number="440308199901101512", name="李四", phone="13900139000")
    cases = [svc.open_case(ctx, clerk, matter_code=JIUZHU, applicant_id=other.id) for _ in range(12)]
    mine = svc.open_case(ctx, clerk, matter_code=JIUZHU, applicant_id=new_applicant().id)  # ID ends 002X
    page = _page(qtbot, ctx, users)
    target = cases[10].number  # …-0011
    day_seq = target.split("-", 2)[2]  # "20260302-0011"
    for typed in (target[-4:], day_seq, day_seq.lower()):
        page.search.clear()
        qtbot.keyClicks(page.search, typed)
        qtbot.waitUntil(lambda: _shown(page) == [target], timeout=5000)
    page.search.clear()
    qtbot.keyClicks(page.search, "002x")
    qtbot.waitUntil(lambda: _shown(page) == [mine.number], timeout=5000)
    assert page.message.text() == "共 1 件"
    # a phone tail finds the applicant's cases too
    assert {r.number for r in search_page(ctx, clerk, "9000").rows} == {c.number for c in cases}


def test_long_results_say_how_many_and_page_on(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    seed(ctx, 205, seed=11)
    print(f"seeded in {time.perf_counter() - started:.1f} s")
    page = _page(qtbot, ctx, users)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 200, timeout=10000)
    assert page.message.text() == "共 205 件，显示前 200 件（PgDn 下一页）"
    first = _shown(page)
    assert page.next_page.isVisible() and page.next_page.isEnabled() and not page.prev_page.isEnabled()
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: page.table.rowCount() == 5, timeout=5000)
    assert page.message.text() == "共 205 件，显示第 201–205 件"
    assert not set(_shown(page)) & set(first) and not page.next_page.isEnabled()
    qtbot.keyClick(page.search, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: page.table.rowCount() == 200, timeout=5000)
    assert _shown(page) == first
