"""事项与授权: the matters with search, the list authorised to this window, editing one matter and
importing a catalogue file after a preview of its differences. Every rule is the services' (roles,
the catalogue parser's checks); this page only gathers what was typed and shows the answer."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.matters import CaseKind, LimitUnit, MaterialForm, Matter, Necessity
from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services import catalogue_admin
from clerk_app.services.catalogue_admin import CatalogueImport, CatalogueOrigin
from clerk_app.services.context import ServiceContext
from clerk_app.ui.file_dialogs import open_file_name
from clerk_app.ui.labels import label
from clerk_app.ui.manager.widgets import make_table
from clerk_app.ui.report_labels import report_text
from clerk_app.ui.tasks import TaskRunner

CODE_ROLE = Qt.ItemDataRole.UserRole


def _combo(name: str, members: type[StrEnum], current: StrEnum | None = None) -> QComboBox:
    """The members in the UI language, each carrying its catalogue value (what the file stores)."""
    box = QComboBox(objectName=name)
    for member in members:
        box.addItem(label(member), member.value)
    if current is not None:
        box.setCurrentIndex(box.findData(current.value))
    return box


class CataloguePage(QWidget):
    status_message = Signal(str)
    loaded = Signal()
    saved = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__()
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.can_edit = actor.can("catalogue.manage")  # presentation only: the services check the role
        self.matters: list[Matter] = []
        self.authorised: dict[str, bool] = {}  # code → ticked here, kept across searches until saved
        self.pending: CatalogueImport | None = None
        self.editing: Matter | None = None

        self.origin = QLabel("", objectName="catalogueOrigin")
        self.origin.setWordWrap(True)
        self.search = QLineEdit(objectName="catalogueSearch")
        self.search.setPlaceholderText(self.tr("按名称、关键词、编码或拼音首字母查找事项"))
        self.search.setAccessibleName(self.tr("查找事项"))
        self.table = make_table("matterTable")
        self.save_auth_button = QPushButton(self.tr("保存授权清单"), objectName="saveAuthorisations")
        self.import_button = QPushButton(self.tr("导入目录文件…"), objectName="importCatalogue")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.save_auth_button)
        top.addWidget(self.import_button)

        self.editor = self._build_editor()
        self.preview = self._build_preview()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([900, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.origin)
        layout.addLayout(top)
        layout.addWidget(split, 3)
        layout.addWidget(self.preview, 2)
        if not self.can_edit:
            for w in (self.save_auth_button, self.import_button, self.editor):
                w.setEnabled(False)
            self.origin.setToolTip(self.tr("只有系统管理员可以修改事项目录和授权清单。"))
        self.search.textChanged.connect(lambda _t: self._load_list())
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.itemChanged.connect(self._ticked)
        self.save_auth_button.clicked.connect(self.save_authorisations)
        self.import_button.clicked.connect(self._ask_import)
        self.save_button.clicked.connect(self.save_matter)
        self.apply_button.clicked.connect(self.apply_import)
        self.discard_button.clicked.connect(self.discard_import)

    # -- building ----------------------------------------------------------------------------------------
    def _build_editor(self) -> QGroupBox:
        box = QGroupBox(self.tr("编辑所选事项"), objectName="matterEditor")
        self.code_label = QLabel("—", objectName="editCode")
        self.name_edit = QLineEdit(objectName="editName")
        self.department_edit = QLineEdit(objectName="editDepartment")
        self.legal_unit = _combo("editLegalUnit", LimitUnit)
        self.legal_days = QSpinBox(objectName="editLegalDays", maximum=99999)
        self.promise_unit = _combo("editPromiseUnit", LimitUnit)
        self.promise_days = QSpinBox(objectName="editPromiseDays", maximum=99999)
        self.case_kind = _combo("editCaseKind", CaseKind)
        self.tell_commit = QCheckBox(self.tr("可告知承诺办理"), objectName="editTellCommit")
        self.rongque_days = QSpinBox(objectName="editRongqueDays", maximum=999)
        self.materials = QTableWidget(0, 4, objectName="editMaterials")
        self.materials.setHorizontalHeaderLabels([self.tr("材料名称"), self.tr("形式"), self.tr("份数"),
                                                  self.tr("必要性（容缺）")])
        self.materials.verticalHeader().setVisible(False)
        self.materials.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 130), (2, 64), (3, 120)):  # cell widgets do not size their columns
            self.materials.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.materials.setColumnWidth(column, width)
        self.save_button = QPushButton(self.tr("保存修改"), objectName="saveMatter")
        for w, name in ((self.name_edit, self.tr("事项名称")), (self.department_edit, self.tr("实施主体")),
                        (self.legal_days, self.tr("法定时限")), (self.promise_days, self.tr("承诺时限")),
                        (self.rongque_days, self.tr("容缺补交天数"))):
            w.setAccessibleName(name)
        legal = QHBoxLayout()
        legal.addWidget(self.legal_days)
        legal.addWidget(self.legal_unit)
        promise = QHBoxLayout()
        promise.addWidget(self.promise_days)
        promise.addWidget(self.promise_unit)
        form = QFormLayout()
        form.addRow(self.tr("基本编码"), self.code_label)
        form.addRow(self.tr("事项名称"), self.name_edit)
        form.addRow(self.tr("实施主体"), self.department_edit)
        form.addRow(self.tr("法定时限"), legal)
        form.addRow(self.tr("承诺时限"), promise)
        form.addRow(self.tr("办件类型"), self.case_kind)
        form.addRow("", self.tell_commit)
        form.addRow(self.tr("容缺补交天数"), self.rongque_days)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("申请材料（必要性选“容缺后补”即可容缺受理）：")))
        layout.addWidget(self.materials, 1)
        layout.addWidget(self.save_button)
        return box

    def _build_preview(self) -> QGroupBox:
        box = QGroupBox(self.tr("导入预览"), objectName="importPreview")
        self.preview_label = QLabel("", objectName="previewSummary")
        self.preview_label.setWordWrap(True)
        self.preview_table = make_table("previewTable")
        self.apply_button = QPushButton(self.tr("确认导入"), objectName="applyImport")
        self.discard_button = QPushButton(self.tr("放弃"), objectName="discardImport")
        bar = QHBoxLayout()
        bar.addWidget(self.preview_label, 1)
        bar.addWidget(self.apply_button)
        bar.addWidget(self.discard_button)
        layout = QVBoxLayout(box)
        layout.addLayout(bar)
        layout.addWidget(self.preview_table, 1)
        box.setVisible(False)
        return box

    # -- loading -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.authorised = {m.code: m.window_authorised for m in self.ctx.catalogue.matters}
        self.runner.run(catalogue_admin.origin, self.ctx, self.actor, on_success=self._show_origin,
                        on_error=self.status_message.emit)
        self._load_list()

    def _show_origin(self, o: CatalogueOrigin) -> None:
        when = f"{o.as_of:%Y-%m-%d %H:%M}" if o.as_of else self.tr("未知")
        self.origin.setText(arg(self.tr("目录：%1（版本 %2）；共 %3 项，授权本窗口 %4 项。来源：%5 %6；截至 %7"),
                                o.name, o.version or "—", o.total, o.authorised, report_text(o.label), o.detail, when))

    def _load_list(self) -> None:
        self.runner.run(catalogue_admin.list_matters, self.ctx, self.actor, self.search.text(),
                        on_success=self._show_list, on_error=self.status_message.emit)

    def _show_list(self, matters: list[Matter]) -> None:
        self.matters = matters
        headers = (self.tr("授权本窗口"), self.tr("基本编码"), self.tr("事项名称"), self.tr("实施主体"),
                   self.tr("法定时限"), self.tr("承诺时限"), self.tr("办件类型"), self.tr("告知承诺"),
                   self.tr("容缺材料"), self.tr("申请材料"), self.tr("授权期限"))
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setRowCount(len(matters))
        for r, m in enumerate(matters):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Checked if self.authorised.get(m.code, m.window_authorised)
                               else Qt.CheckState.Unchecked)
            tick.setData(CODE_ROLE, m.code)
            self.table.setItem(r, 0, tick)
            rongque = [x.name for x in m.materials if x.rongque_eligible]
            values = (m.code, m.name, m.department, report_text(str(m.legal_limit)), report_text(str(m.promise_limit)),
                      label(m.case_kind), self.tr("可") if m.tell_commit_eligible else self.tr("否"),
                      self.tr("、").join(rongque) if rongque else self.tr("无"), str(len(m.materials)),
                      m.authorisation_period or self.tr("长期"))
            for c, v in enumerate(values, start=1):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 260))
        if matters:
            self.table.selectRow(0)  # the editor always shows a matter (the selection signal fills it)
        else:
            self._selected()
        self.loaded.emit()

    def _ticked(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self.authorised[item.data(CODE_ROLE)] = item.checkState() == Qt.CheckState.Checked

    def select_code(self, code: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(CODE_ROLE) == code:
                self.table.selectRow(r)
                return

    def _selected(self) -> None:
        row = self.table.currentRow()
        matter = self.matters[row] if 0 <= row < len(self.matters) else None
        self.editing = matter
        self.save_button.setEnabled(self.can_edit and matter is not None)
        if matter is None:
            self.code_label.setText("—")
            return
        self.code_label.setText(matter.code)
        self.name_edit.setText(matter.name)
        self.department_edit.setText(matter.department)
        for unit, days, limit in ((self.legal_unit, self.legal_days, matter.legal_limit),
                                  (self.promise_unit, self.promise_days, matter.promise_limit)):
            unit.setCurrentIndex(unit.findData(limit.unit.value))
            days.setValue(limit.value)
        self.case_kind.setCurrentIndex(self.case_kind.findData(matter.case_kind.value))
        self.tell_commit.setChecked(matter.tell_commit_eligible)
        self.rongque_days.setValue(matter.rongque_default_days)
        self.materials.setRowCount(len(matter.materials))
        for r, x in enumerate(matter.materials):
            self.materials.setItem(r, 0, QTableWidgetItem(x.name))
            form = _combo("materialForm", MaterialForm, x.form)
            copies = QSpinBox(maximum=999, value=x.copies)
            necessity = _combo("materialNecessity", Necessity, x.necessity)
            self.materials.setCellWidget(r, 1, form)
            self.materials.setCellWidget(r, 2, copies)
            self.materials.setCellWidget(r, 3, necessity)

    # -- actions -----------------------------------------------------------------------------------------
    def edited_fields(self) -> dict[str, Any]:
        """What the form holds, as catalogue keys; the service's parser decides whether it is valid."""
        assert self.editing is not None
        materials = []
        for r, x in enumerate(self.editing.materials):
            name_item = self.materials.item(r, 0)
            materials.append({"name": name_item.text().strip() if name_item else "",
                              "form": self.materials.cellWidget(r, 1).currentData(),
                              "copies": self.materials.cellWidget(r, 2).value(),
                              "necessity": self.materials.cellWidget(r, 3).currentData(), "notes": x.notes})
        return {"name": self.name_edit.text().strip(), "department": self.department_edit.text().strip(),
                "legal_limit_unit": self.legal_unit.currentData(), "legal_limit_days": self.legal_days.value(),
                "promise_limit_unit": self.promise_unit.currentData(),
                "promise_limit_days": self.promise_days.value(), "case_kind": self.case_kind.currentData(),
                "tell_commit": self.tell_commit.isChecked(), "rongque_default_days": self.rongque_days.value(),
                "material": materials}

    def save_matter(self) -> None:
        if self.editing is None:
            self.status_message.emit(self.tr("请先在列表中选中一个事项。"))
            return
        code = self.editing.code
        self.runner.run(catalogue_admin.update_matter, self.ctx, self.actor, code, self.edited_fields(),
                        on_success=lambda m: self._after(arg(self.tr("已保存事项“%1”的修改。"), m.name), code),
                        on_error=self.status_message.emit)

    def _after(self, message: str, code: str | None = None) -> None:
        self.status_message.emit(message)
        self.refresh()
        if code is not None:
            self.loaded.connect(self._reselect(code))
        self.saved.emit()

    def _reselect(self, code: str):  # type: ignore[no-untyped-def]
        def once() -> None:
            self.loaded.disconnect(once)
            self.select_code(code)
        return once

    def save_authorisations(self) -> None:
        codes = [c for c, on in self.authorised.items() if on]

        def done(result: tuple[list[str], list[str]]) -> None:
            added, withdrawn = result
            self._after(arg(self.tr("授权清单已保存：新增 %1 项，取消 %2 项。"), len(added), len(withdrawn))
                        if added or withdrawn else self.tr("授权清单没有变化。"))
        self.runner.run(catalogue_admin.set_authorised, self.ctx, self.actor, codes, on_success=done,
                        on_error=self.status_message.emit)

    def _ask_import(self) -> None:
        name = open_file_name(self, self.tr("选择事项目录文件"), self.tr("事项目录 (*.toml)"))
        if name:
            self.preview_file(Path(name))

    def preview_file(self, file: Path) -> None:
        self.discard_import()
        self.runner.run(catalogue_admin.preview_import, self.ctx, self.actor, file, on_success=self._show_preview,
                        on_error=self._preview_failed)

    def _preview_failed(self, message: str) -> None:
        self.preview_label.setText(message)
        self.preview.setVisible(True)
        self.apply_button.setEnabled(False)
        self.status_message.emit(message)
        self.loaded.emit()

    def _show_preview(self, p: CatalogueImport) -> None:
        self.pending = p
        d = p.diff
        text = arg(self.tr("%1（版本 %2）：新增 %3 项，修改 %4 项，删除 %5 项。"), p.file.name,
                   p.catalogue.version or "—", len(d.added), len(d.changed), len(d.removed))
        if p.open_cases_of_removed:
            text += arg(self.tr("注意：将删除的事项还有 %1 件办件未办结，它们保留原承诺期限。"), p.open_cases_of_removed)
        if d.empty:
            text += self.tr("与当前目录相同。")
        self.preview_label.setText(text)
        rows = ([(self.tr("新增"), m.code, m.name, "") for m in d.added]
                + [(self.tr("修改"), c.code, c.name, "、".join(c.fields)) for c in d.changed]
                + [(self.tr("删除"), m.code, m.name, "") for m in d.removed])
        self.preview_table.setRowCount(0)
        self.preview_table.setColumnCount(4)
        self.preview_table.setHorizontalHeaderLabels([self.tr("变化"), self.tr("基本编码"), self.tr("事项名称"),
                                                      self.tr("改动的字段")])
        self.preview_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                self.preview_table.setItem(r, c, QTableWidgetItem(v))
        self.preview_table.resizeColumnsToContents()
        self.preview_table.horizontalHeader().setStretchLastSection(True)
        self.apply_button.setEnabled(not d.empty)
        self.preview.setVisible(True)
        self.loaded.emit()

    def apply_import(self) -> None:
        if self.pending is None:
            self.status_message.emit(self.tr("请先选择目录文件并预览差异。"))
            return
        pending = self.pending

        def done(_diff: object) -> None:
            self.discard_import()
            self._after(arg(self.tr("已导入事项目录 %1。"), pending.file.name))
        self.runner.run(catalogue_admin.apply_import, self.ctx, self.actor, pending, on_success=done,
                        on_error=self.status_message.emit)

    def discard_import(self) -> None:
        self.pending = None
        self.preview.setVisible(False)
        self.preview_table.setRowCount(0)
