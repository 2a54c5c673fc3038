"""Step ② of the intake: the matter, found by name, keyword or pinyin initials; several matters of
one applicant make a joint application (联办件, Ctrl+J). Enter receives the case(s)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from clerk_app.domain.cases import Case, CaseState
from clerk_app.i18n import arg
from clerk_app.services import bundles, intakes
from clerk_app.services import cases as svc
from clerk_app.services.catalogue_search import MatterIndex
from clerk_app.ui.tasks import TaskFailed

if TYPE_CHECKING:
    from clerk_app.ui.intake.wizard import IntakeWizard


class MatterStep(QWidget):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.wizard = wizard
        self.bundle_codes: list[str] = []  # matters picked for a joint application
        self._matter_index: MatterIndex | None = None
        layout = QVBoxLayout(self)
        self.matter_search = QLineEdit(objectName="matterSearch",
                                       placeholderText=self.tr("输入事项名称、关键词或拼音首字母（如 gtgsh），↓ 选择，Enter 确认"))
        self.matter_list = QListWidget(objectName="matterList")
        self.matter_detail = QLabel(objectName="matterDetail")
        self.matter_detail.setWordWrap(True)
        self.bundle_label = QLabel(objectName="bundleMatters")
        self.bundle_label.setWordWrap(True)
        self.bundle_label.setStyleSheet("color: #1b4f9c;")
        self.add_to_bundle = QPushButton(self.tr("加入联办（Ctrl+J）"), objectName="addToBundle")
        self.clear_bundle = QPushButton(self.tr("清空联办事项"), objectName="clearBundle")
        bundle_row = QHBoxLayout()
        bundle_row.addWidget(self.bundle_label, 1)
        bundle_row.addWidget(self.add_to_bundle)
        bundle_row.addWidget(self.clear_bundle)
        layout.addWidget(self.matter_search)
        layout.addWidget(self.matter_list, 1)
        layout.addWidget(self.matter_detail)
        layout.addLayout(bundle_row)
        self.add_to_bundle.clicked.connect(self.add_current_to_bundle)
        self.clear_bundle.clicked.connect(self._clear_bundle)
        QShortcut(QKeySequence("Ctrl+J"), self, activated=self.add_current_to_bundle,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.show_bundle()
        self.matter_search.textChanged.connect(lambda _t: self.refresh())
        self.matter_search.returnPressed.connect(self.choose)
        self.matter_list.itemActivated.connect(lambda _i: self.choose())
        self.matter_list.currentItemChanged.connect(self._show_matter)

    def clear(self) -> None:
        self.bundle_codes = []
        self.show_bundle()
        self.matter_search.clear()

    def _index(self) -> MatterIndex:
        catalogue = self.wizard.ctx.catalogue
        if self._matter_index is None or self._matter_index.catalogue is not catalogue:
            self._matter_index = MatterIndex(catalogue)
        return self._matter_index

    def refresh(self) -> None:
        self.matter_list.clear()
        for m in self._index().search(self.matter_search.text()):
            item = QListWidgetItem(arg(self.tr("%1　（%2，承诺时限 %3）"), m.name, m.department, m.promise_limit))
            item.setData(Qt.ItemDataRole.UserRole, m.code)
            self.matter_list.addItem(item)
        if self.matter_list.count():
            self.matter_list.setCurrentRow(0)
        cases = self.wizard.cases
        if cases and not self.matter_search.text() and not self.bundle_codes:
            # back on this step: the matter already received stays highlighted (Enter keeps it)
            for row in range(self.matter_list.count()):
                if self.matter_list.item(row).data(Qt.ItemDataRole.UserRole) == cases[0].matter_code:
                    self.matter_list.setCurrentRow(row)
                    break

    def _show_matter(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        if item is None:
            self.matter_detail.clear()
            return
        m = self.wizard.ctx.catalogue.by_code(item.data(Qt.ItemDataRole.UserRole))
        flags = [f for f, on in ((self.tr("可告知承诺"), m.tell_commit_eligible), (self.tr("可容缺受理"), m.rongque_allowed)) if on]
        if m.special_procedures:
            flags.append(arg(self.tr("特别程序：%1"), "、".join(m.special_procedures)))
        self.matter_detail.setText(arg(self.tr("受理条件：%1　收费：%2　%3"), m.accept_conditions or "—", m.fee,
                                       "　".join(flags)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """↑/↓ typed in the search field move through the list (a line edit does not use them)."""
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            row = self.matter_list.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            self.matter_list.setCurrentRow(max(0, min(row, self.matter_list.count() - 1)))
            return
        super().keyPressEvent(event)

    # -- a joint application ------------------------------------------------------------------------
    def show_bundle(self) -> None:
        names = [self.wizard.ctx.catalogue.by_code(c).name for c in self.bundle_codes]
        self.bundle_label.setText(
            arg(self.tr("联办事项（%1 项）：%2。再选一项按 Ctrl+J 加入，Enter 一并接件。"), len(names), "、".join(names))
            if names else self.tr("同一申请人办多个事项（联办件）：选中事项后按 Ctrl+J 加入联办。"))
        self.clear_bundle.setVisible(bool(names))

    @Slot()
    def add_current_to_bundle(self) -> None:
        """Picks the highlighted matter for a joint application and clears the search for the next."""
        item = self.matter_list.currentItem()
        if item is None:
            self.wizard.fail(self.tr("没有匹配的事项：请换个关键词，或确认该事项已授权综合窗口受理。"))
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        if code not in self.bundle_codes:
            self.bundle_codes.append(code)
        self.show_bundle()
        self.matter_search.clear()
        self.matter_search.setFocus()

    def _clear_bundle(self) -> None:
        self.bundle_codes = []
        self.show_bundle()
        self.matter_search.setFocus()

    @asyncSlot()
    async def choose(self) -> None:
        """Enter: one matter opens one case; with matters picked for a joint application, the
        highlighted one (when something was typed) joins them and all are received together."""
        w = self.wizard
        item = self.matter_list.currentItem()
        if w.applicant is None or (item is None and not self.bundle_codes):
            w.fail(self.tr("没有匹配的事项：请换个关键词，或确认该事项已授权综合窗口受理。"))
            return
        applicant_id = w.applicant.id
        agent_id = w.agent.id if w.agent else None
        delegation = w.delegation
        if self.bundle_codes and item is not None and self.matter_search.text().strip():
            self.add_current_to_bundle()
        codes = list(self.bundle_codes) or [item.data(Qt.ItemDataRole.UserRole)]  # type: ignore[union-attr]
        ctx, actor = w.ctx, w.actor
        # Back and forth without a change: the same cases with their checks, as stored. A changed matter
        # or applicant after receiving: the first cases are withdrawn (their history says why) and the
        # intake is received anew; nothing official was issued for them.
        unchanged = w.cases and not w.stale and sorted(codes) == sorted(c.matter_code for c in w.cases)
        kept = [c.number for c in w.cases] if unchanged else []
        replaced = [] if unchanged else [c.number for c in w.cases if c.state is CaseState.RECEIVED]

        def work() -> list[Case]:
            if kept:
                return [svc.get_case(ctx, actor, n) for n in kept]
            if replaced:
                intakes.withdraw_intake(ctx, actor, replaced, intakes.REPLACED_REASON)
            if len(codes) > 1:
                return bundles.open_bundle(ctx, actor, codes, applicant_id, agent_id=agent_id, delegation=delegation)
            return [svc.open_case(ctx, actor, matter_code=codes[0], applicant_id=applicant_id,
                                  agent_id=agent_id, delegation=delegation)]
        try:
            cases = await w.runner.call(work)
        except TaskFailed as exc:
            w.fail(exc.message)
            return
        w.cases_opened(cases)
