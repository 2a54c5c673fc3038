"""Step ⑤ of the intake: what was decided, and the documents — the formal notices (numbered once,
kept in the case file, reprinted with the same 文号) and the acceptance receipt."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget
from qasync import asyncSlot, asyncWrap

from clerk_app.documents.from_case import context_for_case
from clerk_app.documents.issued import issue_once
from clerk_app.documents.receipts import receipt_escpos
from clerk_app.domain.cases import Case, formal_notices
from clerk_app.i18n import arg
from clerk_app.ui.labels import label
from clerk_app.ui.tasks import TaskFailed

if TYPE_CHECKING:
    from clerk_app.ui.intake.wizard import IntakeWizard

PrintReceipt = Callable[[bytes, Callable[[str], None]], None]


class DoneStep(QWidget):
    def __init__(self, wizard: IntakeWizard, print_receipt: PrintReceipt | None) -> None:
        super().__init__()
        self.wizard = wizard
        self._print_receipt = print_receipt
        self.last_print_message = ""
        self._pages: dict[int, Any] = {}  # rasterised previews of the documents being printed, by id(pdf)
        layout = QVBoxLayout(self)
        self.done_summary = QLabel(objectName="doneSummary")
        self.done_summary.setStyleSheet("font-size: 18px;")
        self.done_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_case_button = QPushButton(self.tr("接待下一位（Ctrl+N）"), objectName="newCase")
        self.new_case_button.clicked.connect(wizard.restart)
        self.print_notices_button = QPushButton(self.tr("打印文书（一式二份，Ctrl+P）"), objectName="printNotices")
        self.print_notices_button.clicked.connect(self.print_notices)
        self.print_receipt_button = QPushButton(self.tr("打印受理回执（Ctrl+R）"), objectName="printReceipt")
        self.print_receipt_button.clicked.connect(self.print_receipt)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.print_notices, context=scope)
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self.print_receipt, context=scope)
        layout.addWidget(self.print_notices_button)
        layout.addWidget(self.print_receipt_button)
        layout.addWidget(self.done_summary)
        layout.addStretch(1)
        layout.addWidget(self.new_case_button)

    def show_result(self, cases: list[Case]) -> None:
        """One case: its number, state and dates; a joint application: one line per matter."""
        if len(cases) == 1:
            case = cases[0]
            due = ""
            if case.due_date:
                due = arg(self.tr("承诺办结日期 %1"), f"{case.due_date:%Y-%m-%d}") + (
                    self.tr("（暂定：该年度节假日安排尚未发布）") if case.due_provisional else "")
            rq = arg(self.tr("；容缺材料须于 %1 前补交"), f"{case.rongque_due:%Y-%m-%d}") if case.rongque_due else ""
            mode = arg(self.tr("（%1）"), label(case.accept_mode)) if case.accept_mode else ""
            self.done_summary.setText(arg(self.tr("办件编号 %1\n状态：%2%3\n%4"), case.number, label(case.state), mode,
                                          due + rq))
            return
        lines = []
        for c in cases:
            mode = arg(self.tr("（%1）"), label(c.accept_mode)) if c.accept_mode else ""
            due = arg(self.tr("，承诺办结日期 %1"), f"{c.due_date:%Y-%m-%d}") if c.due_date else ""
            lines.append(arg(self.tr("%1　%2：%3%4%5"), c.number, c.matter_name, label(c.state), mode, due))
        self.done_summary.setText(arg(self.tr("联办件 %1 件\n%2"), len(cases), "\n".join(lines)))

    def _decided_cases(self) -> list[Case]:
        w = self.wizard
        return w.cases or ([w.case] if w.case else [])

    @asyncSlot()
    async def print_notices(self) -> None:
        """Each formal notice the decision calls for, numbered once and kept (encrypted) in the case file;
        printing again (Ctrl+P) reprints the same documents with the same 文号 (补打), no new number."""
        w = self.wizard
        if w.case is None:
            return
        # 联办件: every case's own notices, printed together (docs/workbench.md says why not one combined)
        wanted = [(c.number, kind) for c in self._decided_cases() for kind in formal_notices(c)]
        w.status_message.emit(self.tr("正在生成文书……"))
        preview = w.print_pdf == self.print_with_preview

        def work() -> list[Any]:
            documents = [issue_once(w.ctx, w.actor, number, kind) for number, kind in wanted]
            if preview:  # rasterised here, not on the GUI thread
                from clerk_app.documents.printing import pdf_page_images  # Qt print support: loaded when used

                self._pages = {id(d.pdf): pdf_page_images(d.pdf) for d in documents}
            return documents

        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)  # feedback from the first moment
        try:
            documents = await w.runner.call(work)
        except TaskFailed as exc:
            w.fail(exc.message)
            return
        finally:
            QApplication.restoreOverrideCursor()
        printed = 0
        for d in documents:  # the preview is a modal dialog with its own loop: run outside this task's step
            printed += bool(await asyncWrap(w.print_pdf, d.pdf))
        self._pages = {}
        numbers = "、".join(d.number for d in documents)
        reprint = any(d.reprint for d in documents)
        if printed == len(documents):
            text = (arg(self.tr("已补打文书 %1 份（文号不变：%2）。"), printed, numbers) if reprint else
                    arg(self.tr("已出具文书 %1 份（一式二份），副本已存入办件档案。"), str(printed)))
        elif printed == 0:
            text = arg(self.tr("打印已取消：文书已编号并存入办件档案（%1），按 Ctrl+P 可补打，不另取新号。"), numbers)
        else:
            text = arg(self.tr("已打印 %1 份，取消 %2 份；按 Ctrl+P 可补打，文号不变。"), printed, len(documents) - printed)
        self.last_print_message = text
        w.status_message.emit(text)
        # The documents exist (numbered, in the case file) even if a preview was cancelled: the
        # applicant can now rate the service (issue 15 item 9).
        w.documents_printed.emit(wanted[0][0] if wanted else "")

    def print_with_preview(self, pdf: bytes) -> bool:
        """True when the clerk printed; False when the preview was closed without printing."""
        from clerk_app.documents.printing import print_with_preview  # Qt print support: loaded when used

        return print_with_preview(pdf, self.wizard, self._pages.get(id(pdf)))

    @asyncSlot()
    async def print_receipt(self) -> None:
        w = self.wizard
        accepted = [c.number for c in self._decided_cases() if c.accept_mode]
        if not accepted:
            w.fail(self.tr("只有受理的办件才打印受理回执。"))
            return
        width = getattr(w.ctx.settings, "printer_width_mm", 80)

        def work() -> bytes:  # one receipt per accepted case, sent as one job
            return b"".join(receipt_escpos(context_for_case(w.ctx, w.actor, n, "acceptance"), width_mm=width)
                            for n in accepted)

        try:
            data = await w.runner.call(work)
        except TaskFailed as exc:
            w.fail(exc.message)
            return
        if self._print_receipt is None:
            w.fail(self.tr("未配置小票打印机：请打印 A4 受理通知书代替回执。"))
            return
        self._print_receipt(data, w.fail)
