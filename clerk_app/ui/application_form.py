"""The application form (申请表) dialog, built from the matter's declared form: the same definition
prints the paper form. Values are validated by the service; the dialog only shows the answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.forms import FieldType, FormDefinition


class ApplicationFormDialog(QDialog):
    def __init__(self, form: FormDefinition, values: Mapping[str, str], save: Callable[[dict[str, str]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form, self._save = form, save
        self.setWindowTitle(form.title)
        self.setMinimumWidth(680)  # long labels such as 建设规模（建筑面积，平方米） leave room for the answer
        self.inputs: dict[str, QWidget] = {}
        body = QWidget(objectName="formBody")
        layout = QFormLayout(body)
        for f in form.fields:
            if f.section:
                heading = QLabel(f.section, objectName=f"section_{f.key}")
                heading.setStyleSheet("font-weight: bold; padding-top: 6px;")
                layout.addRow(heading)
            if f.type is FieldType.TEXTAREA:
                w: QWidget = QPlainTextEdit(values.get(f.key, ""))
                w.setFixedHeight(80)
                if f.help:
                    w.setPlaceholderText(f.help)
            elif f.type is FieldType.CHOICE:
                w = QComboBox()
                w.addItems(["", *f.choices])
                w.setCurrentText(values.get(f.key, ""))
            else:
                w = QLineEdit(values.get(f.key, ""), maxLength=f.max_length)
                if f.help:
                    w.setPlaceholderText(f.help)
            if f.help:
                w.setToolTip(f.help)
            w.setObjectName(f"field_{f.key}")
            w.setAccessibleName(f.label)
            self.inputs[f.key] = w
            layout.addRow(f.label + (" *" if f.required else ""), w)
        # A long form (twenty-odd fields) scrolls instead of growing past the counter's screen.
        scroll = QScrollArea(objectName="formScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setMinimumHeight(min(body.sizeHint().height() + 4, 520))
        self.error = QLabel(objectName="formError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("带 * 的为必填项；刷身份证后姓名、证件号码、地址已自动填入，请核对。")))
        column.addWidget(scroll)
        column.addWidget(self.error)
        column.addWidget(buttons)
        # The card filled the identity: start typing at the first field still empty.
        current = self.values()
        first_empty = next((key for key in self.inputs if not current[key]), None)
        if first_empty is not None:
            self.inputs[first_empty].setFocus()

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, w in self.inputs.items():
            if isinstance(w, QPlainTextEdit):
                out[key] = w.toPlainText()
            elif isinstance(w, QComboBox):
                out[key] = w.currentText()
            else:
                out[key] = w.text()  # type: ignore[attr-defined]
        return out

    def submit(self) -> None:
        self.error.clear()
        self._save(self.values())

    def saved(self) -> None:
        self.accept()

    def failed(self, message: str) -> None:
        self.error.setText(message)
        # Put the cursor on the field the message names, so the clerk can correct it at once.
        for f in self.form.fields:
            if f"“{f.label}”" in message:
                self.inputs[f.key].setFocus()
                break
