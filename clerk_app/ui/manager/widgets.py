"""Small shared pieces of the manager view: a read-only table filled from a ``Table`` and a bar chart
drawn with QPainter (QtCharts lives in PySide6-Addons, a large dependency for a few bars)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem, QWidget

from clerk_app.services.report_tables import Table
from clerk_app.ui.report_labels import report_text

BAR = QColor("#3b73b9")


def make_table(name: str) -> QTableWidget:
    t = QTableWidget(0, 0, objectName=name)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.setAlternatingRowColors(True)
    return t


def fill(widget: QTableWidget, table: Table, keys: list[str] | None = None) -> None:
    """Shows ``table``; ``keys`` (one per row) are kept in the first column's UserRole for actions."""
    widget.setRowCount(0)
    widget.setColumnCount(len(table.headers))
    # The services' tables are in Chinese (they are what the exports print): headers, states and
    # other labels are shown in the UI language, data as it is (report_labels).
    widget.setHorizontalHeaderLabels([report_text(h) for h in table.headers])
    widget.setRowCount(len(table.rows))
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else report_text(value) if isinstance(value, str) else str(value))
            if isinstance(value, int | float):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == 0 and keys is not None:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            widget.setItem(r, c, item)
    widget.resizeColumnsToContents()
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if table.headers:
        widget.horizontalHeader().setStretchLastSection(True)


def selected_key(widget: QTableWidget) -> str | None:
    row = widget.currentRow()
    item = widget.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


class BarChart(QWidget):
    """Horizontal bars with their labels and values; at most ``limit`` bars, largest first as given."""

    def __init__(self, title: str, *, limit: int = 8, name: str = "") -> None:
        super().__init__(objectName=name or None)
        self.title, self.limit = title, limit
        self.items: list[tuple[str, float, str]] = []
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(title)

    def set_items(self, items: list[tuple[str, float, str]]) -> None:
        """(label, value, text shown at the bar's end)."""
        self.items = items[: self.limit]
        self.setAccessibleDescription("；".join(f"{label} {text}" for label, _, text in self.items))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        line = fm.height() + 6
        p.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.title)
        if not self.items:
            p.setPen(QColor("#888"))
            p.drawText(QRectF(0, line, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.tr("（本期无数据）"))
            return
        label_w = min(self.width() * 0.4, max(fm.horizontalAdvance(lb) for lb, _, _ in self.items) + 8)
        text_w = max(fm.horizontalAdvance(t) for _, _, t in self.items) + 8
        top = max(v for _, v, _ in self.items) or 1.0
        bar_h = max(8.0, min(22.0, (self.height() - line) / len(self.items) - 6))
        for i, (label, value, text) in enumerate(self.items):
            y = line + i * (bar_h + 6)
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(0, y, label_w - 6, bar_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w - 6)))
            width = (self.width() - label_w - text_w) * value / top
            p.fillRect(QRectF(label_w, y, max(1.0, width), bar_h), BAR)
            p.drawText(QRectF(label_w + width + 4, y, text_w, bar_h), Qt.AlignmentFlag.AlignVCenter, text)
