"""Step ③ of the intake: the materials checklist (a material shared by a joint application's matters
once), each line marked from the keyboard and saved as it is marked; photographs, the application form."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
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
from qasync import asyncSlot

from clerk_app.domain.cases import Case, MaterialStatus, SharedMaterial, shared_materials
from clerk_app.domain.matters import Necessity
from clerk_app.i18n import arg
from clerk_app.services import bundles
from clerk_app.services.forms import form_for_matter
from clerk_app.ui.file_dialogs import open_file_name
from clerk_app.ui.labels import label
from clerk_app.ui.tasks import TaskFailed

if TYPE_CHECKING:
    from clerk_app.ui.intake.wizard import IntakeWizard

Capture = Callable[[Callable[[bytes], None], Callable[[str], None]], None]
STATUS_CHOICES = (MaterialStatus.UNCHECKED, MaterialStatus.SUBMITTED, MaterialStatus.MISSING,
                  MaterialStatus.DEFECTIVE, MaterialStatus.NOT_APPLICABLE)


class MaterialsStep(QWidget):
    def __init__(self, wizard: IntakeWizard, capture: Capture | None) -> None:
        super().__init__()
        self.wizard = wizard
        self._capture = capture
        self.rows: list[SharedMaterial] = []  # the checklist, a shared material once
        self.form_dialog: Any = None
        self._form_number = ""
        layout = QVBoxLayout(self)
        self.materials = QTableWidget(0, 6, objectName="materials")
        self.materials.setHorizontalHeaderLabels([self.tr("材料名称"), self.tr("形式/份数"), self.tr("必要性"), self.tr("核验结果"),
                                                  self.tr("问题及补正要求"), self.tr("影像")])
        self.materials.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.materials.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3, 5):  # 形式/份数 "原件和复印件 ×1" and the rest shown whole, never clipped
            self.materials.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.materials.verticalHeader().setVisible(False)
        hint = QLabel(self.tr("快捷键：选中一行后按 1 已收、2 缺少、3 不符合要求、4 不适用，P 拍照；Ctrl+Enter 下一步"))
        hint.setStyleSheet("color: #5f6b7a;")
        buttons = QHBoxLayout()
        self.all_received = QPushButton(self.tr("全部必要材料已收"), objectName="allReceived")
        self.form_button = QPushButton(self.tr("填写申请表（F3）"), objectName="fillForm")
        QShortcut(QKeySequence("F3"), self, activated=self.open_form,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.materials_next = QPushButton(self.tr("下一步：受理决定"), objectName="materialsNext")
        buttons.addWidget(self.all_received)
        buttons.addWidget(self.form_button)
        buttons.addStretch(1)
        buttons.addWidget(self.materials_next)
        layout.addWidget(self.materials, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        self.all_received.clicked.connect(self._mark_all_received)
        self.form_button.clicked.connect(self.open_form)
        self.materials_next.clicked.connect(wizard.to_decision)
        # Scoped to this page: digits typed anywhere else (an ID number) must stay digits.
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=wizard.to_decision, context=scope)
        for key, status in (("1", MaterialStatus.SUBMITTED), ("2", MaterialStatus.MISSING),
                            ("3", MaterialStatus.DEFECTIVE), ("4", MaterialStatus.NOT_APPLICABLE)):
            QShortcut(QKeySequence(key), self.materials, activated=lambda s=status: self._set_current_row(s),
                      context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("P"), self.materials, activated=lambda: self.capture_row(self.materials.currentRow()),
                  context=Qt.ShortcutContext.WidgetShortcut)

    def fill(self) -> None:
        """The checklist of the wizard's cases, as stored."""
        cases = self.wizard.cases
        catalogue = self.wizard.ctx.catalogue
        self.form_button.setVisible(any(form_for_matter(c.matter_code) is not None for c in cases))
        self.rows = shared_materials(cases)
        by_number = {c.number: c for c in cases}
        joint = len(cases) > 1
        self.materials.setRowCount(len(self.rows))
        for row, line in enumerate(self.rows):
            number, seq = line.lines[0]
            spec = catalogue.by_code(by_number[number].matter_code).material(seq)
            name = f"{row + 1}. {line.name}" if joint else f"{seq}. {line.name}"
            if line.shared:
                name += arg(self.tr("（%1 个事项共用，拍一次即可）"), len(line.lines))
            elif joint:
                name += arg(self.tr("（%1）"), by_number[number].matter_name)
            name_item = QTableWidgetItem(name)
            name_item.setToolTip(name)  # a joint checklist's names are long; the column cuts them
            self.materials.setItem(row, 0, name_item)
            self.materials.setItem(row, 1, QTableWidgetItem(f"{spec.form.value} ×{spec.copies}"))
            self.materials.setItem(row, 2, QTableWidgetItem(label(line.necessity)))
            combo = QComboBox()
            for status in STATUS_CHOICES:
                combo.addItem(label(status), status)
            combo.setCurrentIndex(STATUS_CHOICES.index(line.status))
            combo.currentIndexChanged.connect(lambda _i, r=row: self._save_line(r))
            self.materials.setCellWidget(row, 3, combo)
            note = QLineEdit(line.note, maxLength=500)
            note.editingFinished.connect(lambda r=row: self._save_line(r))
            self.materials.setCellWidget(row, 4, note)
            shot = QPushButton(self.tr("已拍照 ✔") if line.attachment else (self.tr("拍照") if self._capture else self.tr("导入文件")))
            shot.clicked.connect(lambda _c=False, r=row: self.capture_row(r))
            self.materials.setCellWidget(row, 5, shot)
        self.materials.setCurrentCell(0, 0)

    # -- the application form (F3) ----------------------------------------------------------------------
    def _form_case(self) -> Case | None:
        """In a joint application F3 opens the form of the highlighted material's matter."""
        w = self.wizard
        row = self.materials.currentRow()
        if len(w.cases) > 1 and 0 <= row < len(self.rows):
            number = self.rows[row].lines[0][0]
            return next((c for c in w.cases if c.number == number), w.case)
        return w.case

    def open_form(self) -> None:
        """The matter's application form, prefilled from the card (or what was typed) and saved values."""
        from clerk_app.domain.forms import prefill
        from clerk_app.services.forms import form_values, save_form
        from clerk_app.ui.application_form import ApplicationFormDialog

        w = self.wizard
        case = self._form_case()
        form = form_for_matter(case.matter_code) if case is not None else None
        if form is None or case is None:
            w.fail(self.tr("本事项没有录入式申请表，请使用纸质申请表。"))
            return
        number = self._form_number = case.number
        # The card's sex, nation and birth date count only while its number is still the one shown.
        who = w.applicant_step
        swiped = who.card if who.card.get("id_number") == who.id_number.text() else {}
        card = {**swiped, "name": who.name.text(), "id_number": who.id_number.text(), "address": who.address.text(),
                "phone": who.phone.text(), "agent_name": w.agent.name if w.agent else "",
                "agent_id_number": w.agent.id_number if w.agent else ""}
        values = {**prefill(form, card), **form_values(w.ctx, w.actor, number)}
        dialog = ApplicationFormDialog(form, values, save=lambda v: w.runner.run(
            save_form, w.ctx, w.actor, number, v, on_success=lambda _v: self._form_saved(dialog),
            on_error=lambda m: dialog.failed(m)), parent=w)
        self.form_dialog = dialog
        dialog.open()

    def _form_saved(self, dialog: Any) -> None:
        from clerk_app.documents.application_print import print_application

        w = self.wizard
        dialog.saved()
        w.status_message.emit(self.tr("申请表已保存，正在生成打印件。"))
        w.runner.run(print_application, w.ctx, w.actor, self._form_number, on_success=w.print_pdf, on_error=w.fail)

    # -- photographs ----------------------------------------------------------------------------------
    def capture_row(self, row: int) -> None:
        """Photograph the material on the camera ("请您看一下这边的摄像头") or import a file without one."""
        w = self.wizard
        if w.case is None or row < 0 or row >= len(self.rows):
            return
        lines = self.rows[row].lines  # a shared material: one capture, attached to every case that needs it

        def store(data: bytes) -> None:
            w.runner.run(bundles.attach_shared_capture, w.ctx, w.actor, lines, data,
                         on_success=lambda _d: self._captured(row), on_error=w.fail)
        if self._capture is not None:
            w.say("capture")
            self._capture(store, w.fail)
            return
        path = open_file_name(self, self.tr("导入材料影像"), self.tr("图片或 PDF (*.jpg *.jpeg *.png *.pdf)"))
        if path:
            w.runner.run(Path(path).read_bytes, on_success=store, on_error=w.fail)

    def _captured(self, row: int) -> None:
        button = self.materials.cellWidget(row, 5)
        if isinstance(button, QPushButton):
            button.setText(self.tr("已拍照 ✔"))
        self.wizard.status_message.emit(self.tr("材料影像已保存。"))

    # -- marking lines ----------------------------------------------------------------------------------
    def combo(self, row: int) -> QComboBox:
        return self.materials.cellWidget(row, 3)  # type: ignore[return-value]

    def _set_current_row(self, status: MaterialStatus) -> None:
        row = self.materials.currentRow()
        if row < 0:
            return
        self.combo(row).setCurrentIndex(STATUS_CHOICES.index(status))
        if row + 1 < self.materials.rowCount():
            self.materials.setCurrentCell(row + 1, 0)

    @asyncSlot()
    async def _save_line(self, row: int) -> None:
        """A line is saved as it is marked (for every case of a joint application that needs it)."""
        w = self.wizard
        status = MaterialStatus(self.combo(row).currentData())
        note = self.materials.cellWidget(row, 4).text()  # type: ignore[union-attr]
        if status is MaterialStatus.UNCHECKED:
            return
        try:
            changed = await w.runner.call(bundles.check_shared_material, w.ctx, w.actor, self.rows[row].lines,
                                          status, note)
        except TaskFailed as exc:
            w.fail(exc.message)
            return
        w.cases_updated(changed)

    def _mark_all_received(self) -> None:
        for row, line in enumerate(self.rows):
            target = MaterialStatus.NOT_APPLICABLE if line.necessity is Necessity.OPTIONAL else MaterialStatus.SUBMITTED
            self.combo(row).setCurrentIndex(STATUS_CHOICES.index(target))
