"""The print queue, visible (issue 15): receipts that could not be printed wait on disk; the clerk
sees them here and retries one, retries all (after refilling paper), or discards one.

Public API: ``PrintQueueDialog(queue, runner, parent)``; ``pending_count(queue)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.i18n import arg
from clerk_app.ui.labels import message
from clerk_app.ui.tasks import TaskRunner


def pending_count(queue: Any) -> int:
    return len(queue.pending()) if queue is not None else 0


class PrintQueueDialog(QDialog):
    changed = Signal(int)  # jobs still pending

    def __init__(self, queue: Any, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue, self.runner = queue, runner
        self.setObjectName("printQueue")
        self.setWindowTitle(self.tr("打印队列"))
        self.resize(960, 380)
        self.intro = QLabel(self.tr("以下票据未能打印，已加密保存。排除故障（缺纸、未连接）后重新打印，或作废不再打印。"))
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, objectName="printJobs")
        self.table.setHorizontalHeaderLabels([self.tr("票据"), self.tr("提交时间"), self.tr("尝试次数"), self.tr("最近一次错误")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col in (0, 1, 2):  # the time and the title shown whole
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.state = QLabel(objectName="printQueueState")
        self.state.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("重新打印所选（Enter）"), objectName="retryJob")
        self.retry_all_button = QPushButton(self.tr("全部重新打印"), objectName="retryAllJobs")
        self.discard_button = QPushButton(self.tr("作废所选（Delete）"), objectName="discardJob")
        self.close_button = QPushButton(self.tr("关闭（Esc）"), objectName="closePrintQueue")
        for b in (self.retry_button, self.retry_all_button, self.discard_button, self.close_button):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        for b in (self.retry_button, self.retry_all_button, self.discard_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        self.retry_button.clicked.connect(self.retry_selected)
        self.retry_all_button.clicked.connect(self.retry_all)
        self.discard_button.clicked.connect(self.discard_selected)
        self.close_button.clicked.connect(self.reject)
        self.refresh()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.retry_selected()
            return
        if event.key() == Qt.Key.Key_Delete:
            self.discard_selected()
            return
        super().keyPressEvent(event)

    def refresh(self) -> None:
        self.runner.run(self.queue.pending, on_success=self._show, on_error=self.state.setText)

    def _show(self, jobs: list) -> None:  # type: ignore[type-arg]
        self.jobs = jobs
        self.table.setRowCount(len(jobs))
        for row, job in enumerate(jobs):
            values = (job.title, job.created[:19].replace("T", " "), str(job.attempts),
                      message(job.last_error or ""))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        if jobs and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0)
        for b in (self.retry_button, self.retry_all_button, self.discard_button):
            b.setEnabled(bool(jobs))
        if not jobs and not self.state.text():
            self.state.setText(self.tr("打印队列为空：所有票据均已打印或作废。"))
        self.changed.emit(len(jobs))

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        return self.jobs[row].id if 0 <= row < len(getattr(self, "jobs", [])) else None

    def _after(self, jobs: list) -> None:  # type: ignore[type-arg]
        failed = [j for j in jobs if j.state != "printed"]
        printed = len(jobs) - len(failed)
        if failed:
            self.state.setText(arg(self.tr("已打印 %1 张；仍未能打印：%2"), printed, message(failed[0].last_error or "")))
        else:
            self.state.setText(arg(self.tr("已打印 %1 张。"), printed))
        self.refresh()

    def retry_selected(self) -> None:
        job_id = self._selected()
        if job_id is not None:
            self.state.setText(self.tr("正在打印……"))
            self.runner.run(lambda: [self.queue.retry(job_id)], on_success=self._after, on_error=self.state.setText)

    def retry_all(self) -> None:
        self.state.setText(self.tr("正在打印……"))
        self.runner.run(self.queue.retry_all, on_success=self._after, on_error=self.state.setText)

    def discard_selected(self) -> None:
        job_id = self._selected()
        if job_id is not None:
            def discarded(_r: object) -> None:
                self.state.setText(self.tr("已作废 1 张票据。"))
                self.refresh()
            self.runner.run(self.queue.discard, job_id, on_success=discarded, on_error=self.state.setText)
