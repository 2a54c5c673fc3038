"""The case list: search by case number, ID number, phone or name; work-list filters."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services.changes import Changes
from clerk_app.services.context import ServiceContext
from clerk_app.services.search import PAGE_SIZE, CaseFilter, CaseSummary, SearchPage, search_page
from clerk_app.ui.labels import label
from clerk_app.ui.tasks import TaskRunner

COLUMNS = (QT_TRANSLATE_NOOP("CaseListPage", "办件编号"), QT_TRANSLATE_NOOP("CaseListPage", "事项"),
           QT_TRANSLATE_NOOP("CaseListPage", "申请人"), QT_TRANSLATE_NOOP("CaseListPage", "证件号码"),
           QT_TRANSLATE_NOOP("CaseListPage", "状态"), QT_TRANSLATE_NOOP("CaseListPage", "接件时间"),
           QT_TRANSLATE_NOOP("CaseListPage", "承诺办结"), QT_TRANSLATE_NOOP("CaseListPage", "联办件"))


class CaseListPage(QWidget):
    status_message = Signal(str)

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.search = QLineEdit(objectName="caseSearch")
        self.search.setPlaceholderText(self.tr("搜索：办件编号或其末尾（0031）/ 身份证号或末几位（002X）/ 手机号 / 姓名（Ctrl+F）"))
        self.filter = QComboBox(objectName="caseFilter")
        for f in CaseFilter:
            self.filter.addItem(label(f), f)
        self.table = QTableWidget(0, len(COLUMNS), objectName="caseTable")
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("CaseListPage", c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.message = QLabel("", objectName="caseCount")
        self.offset = 0
        self.prev_page = QPushButton(self.tr("上一页（PgUp）"), objectName="prevPage")
        self.next_page = QPushButton(self.tr("下一页（PgDn）"), objectName="nextPage")
        self.prev_page.clicked.connect(lambda: self.page(-1))
        self.next_page.clicked.connect(lambda: self.page(1))
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.filter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.prev_page)
        bottom.addWidget(self.next_page)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self._debounce.timeout.connect(self.new_search)
        self.filter.currentIndexChanged.connect(lambda _i: self.new_search())
        self._total = 0
        self._show_pager()
        runner.changes_applied.connect(self._on_changes)

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if changes & (Changes.CASES | Changes.APPLICANTS):
            self.refresh()

    @Slot()
    def new_search(self) -> None:
        self.offset = 0
        self.refresh()

    def page(self, step: int) -> None:
        """The next or previous page of matches (PageDown / PageUp in the search field)."""
        offset = self.offset + step * PAGE_SIZE
        if 0 <= offset < self._total:
            self.offset = offset
            self.refresh()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):  # unhandled by the field or the table
            self.page(1 if event.key() == Qt.Key.Key_PageDown else -1)
            return
        super().keyPressEvent(event)

    @Slot()
    def refresh(self) -> None:
        self.runner.run(search_page, self.ctx, self.actor, self.search.text(), CaseFilter(self.filter.currentData()),
                        offset=self.offset, on_success=self._fill, on_error=self.status_message.emit)

    def _show_pager(self) -> None:
        self.prev_page.setVisible(self._total > PAGE_SIZE)
        self.next_page.setVisible(self._total > PAGE_SIZE)
        self.prev_page.setEnabled(self.offset > 0)
        self.next_page.setEnabled(self.offset + PAGE_SIZE < self._total)

    def _fill(self, result: SearchPage) -> None:
        rows, self._total, self.offset = result.rows, result.total, result.offset
        # Each setItem under ResizeToContents re-measures the whole column on a visible table (200 rows: seconds of
        # CPU); the columns are sized once, when the modes come back after the fill.
        header = self.table.horizontalHeader()
        modes = [header.sectionResizeMode(c) for c in range(header.count())]
        for c in range(header.count()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
        try:
            self._fill_rows(rows)
        finally:
            for c, mode in enumerate(modes):
                header.setSectionResizeMode(c, mode)
        if result.total <= len(rows) and result.offset == 0:
            self.message.setText(self.tr("共 %n 件", "", result.total))
        elif result.offset == 0:
            self.message.setText(arg(self.tr("共 %1 件，显示前 %2 件（PgDn 下一页）"), result.total, len(rows)))
        else:
            self.message.setText(arg(self.tr("共 %1 件，显示第 %2–%3 件"), result.total, result.offset + 1,
                                     result.offset + len(rows)))
        self._show_pager()

    def _fill_rows(self, rows: list[CaseSummary]) -> None:
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            due = "" if r.due_date is None else f"{r.due_date:%Y-%m-%d}" + (self.tr("（暂定）") if r.due_provisional else "")
            if not due and r.notice_due is not None:  # at intake the 一次性告知 clock runs (行政许可法 第32条)
                due = arg(self.tr("告知期限 %1"), f"{r.notice_due:%Y-%m-%d}")
            linked = arg(self.tr("联办：%1"), "、".join(r.linked)) if r.linked else ""
            for j, value in enumerate((r.number, r.matter_name, r.applicant_name, r.applicant_id_masked,
                                       label(r.state), r.received_at, due, linked)):
                item = QTableWidgetItem(value)
                if j in (0, 3, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, j, item)
