"""English mode leaves nothing Chinese in the manager view (issue 15 item 13): a walk over every page,
as an administrator sees them, reading every visible widget's text — labels, buttons, tabs, combo
items, placeholders, tooltips, table headers and cells, chart titles and bars. Data stays as it is
(matter, department and material names, people, the catalogue's and the holiday notice's titles),
so those strings, read from the profile, are taken out before the check."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableWidget,
    QWidget,
)

from clerk_app.domain.roles import Role
from clerk_app.services.auth import create_user
from clerk_app.services.demo import seed
from clerk_app.ui.main_window import MainWindow
from clerk_app.ui.manager.widgets import BarChart

# Han characters and the full-width punctuation (，。；：（）“”) that only Chinese text uses.
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        where = f"{type(w).__name__} {w.objectName()}"
        if isinstance(w, QLabel | QAbstractButton):
            out.append((where, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((where, w.title()))
        elif isinstance(w, QTabBar):
            out += [(where, w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            out += [(where, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            out.append((where, w.placeholderText()))
        elif isinstance(w, BarChart):
            out += [(where, w.title), *((where, f"{label} {text}") for label, _, text in w.items)]
        if isinstance(w, QTableWidget):
            heads = (w.horizontalHeaderItem(c) for c in range(w.columnCount()))
            out += [(f"{where} header", h.text()) for h in heads if h is not None]
            cells = (w.item(r, c) for r in range(w.rowCount()) for c in range(w.columnCount()))
            out += [(f"{where} cell", i.text()) for i in cells if i is not None]
        out += [(f"{where} tooltip", w.toolTip()), (f"{where} accessible", w.accessibleName())]
    return out


def data_strings(ctx, users) -> list[str]:  # type: ignore[no-untyped-def]
    """Every Chinese string that is data, not the program's wording, longest first."""
    from clerk_app.services.auth import users as all_users
    from clerk_app.services.complaints import list_complaints

    catalogue = ctx.catalogue
    data = {catalogue.name, *(u.display_name for u in all_users(ctx, users["admin"]))}
    for m in catalogue.matters:
        data |= {m.name, m.department, *(x.name for x in m.materials)}
    for year in (ctx.now().year, ctx.now().year + 1):
        schedule = ctx.calendar.schedule(year)
        if schedule is not None:
            data.add(schedule.source)
    data |= {c.content for c in list_complaints(ctx, users["admin"])}
    return sorted((d for d in data if d), key=len, reverse=True)


def test_every_manager_page_in_english_shows_no_chinese_but_data(qtbot, ctx, users, language) -> None:  # type: ignore[no-untyped-def]
    language("en")
    users["admin"] = create_user(ctx, None, username="admin2", display_name="周管理", role=Role.ADMIN,
                                 password="admin1234")
    seed(ctx, 40, seed=2)
    window = MainWindow(ctx, users["admin"])
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    window.show_manager()
    qtbot.waitUntil(lambda: window.manager.isVisible(), timeout=10000)
    data = data_strings(ctx, users)
    tabs = window.manager.tabs
    assert tabs.count() == 8  # seven pages and the administrator's 用户
    chinese: list[str] = []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        # Each page loads in the background: wait until the runner has delivered everything.
        qtbot.wait(20)
        qtbot.waitUntil(lambda: window.manager.runner._pending == 0, timeout=15000)
        qtbot.wait(20)
        for where, text in visible_texts(window.manager):
            rest = text
            for d in data:
                rest = rest.replace(d, "")
            if CJK.search(rest):
                chinese.append(f"{tabs.tabText(index)} / {where}: {text!r}")
    assert not chinese, "\n".join(sorted(set(chinese)))
    # English counts its items in the singular and plural.
    complaints = window.manager.complaints
    n = complaints.table.rowCount()
    assert complaints.counts.text().startswith(f"{n} item;" if n == 1 else f"{n} items;"), complaints.counts.text()
