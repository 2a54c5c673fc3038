"""The intake wizard's questions (issue 15): confirm a formal decision, say why an intake is
withdrawn, and what to do with an open intake when the next ticket is called.

Every dialog is opened with ``open()`` (the counter keeps running), answers with Enter and backs out
with Esc. Public API: ``DecisionConfirmDialog``, ``WithdrawDialog``, ``OpenIntakeDialog``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.i18n import arg

ERROR_STYLE = "color: #b00020; font-weight: bold;"


def take_keys(dialog: QDialog, focus: QWidget) -> None:
    """The dialog gets the keys at once (Enter, Esc), not the page behind it, on every platform."""
    dialog.raise_()
    dialog.activateWindow()
    focus.setFocus()


class DecisionConfirmDialog(QDialog):
    """Names the decision, the notices it issues (numbered, official) and the applicant before
    anything is written. Enter confirms; Esc goes back to the decision step unchanged."""

    def __init__(self, decision: str, case_line: str, applicant: str, notices: Sequence[str],
                 details: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionConfirm")
        self.setWindowTitle(self.tr("确认受理决定"))
        self.setMinimumWidth(520)
        self.decision = QLabel(arg(self.tr("作出决定：%1"), decision), objectName="confirmDecision")
        self.decision.setStyleSheet("font-size: 22px; font-weight: bold; color: #1b4f9c;")
        self.case_line = QLabel(case_line, objectName="confirmCase")
        self.case_line.setWordWrap(True)
        self.applicant = QLabel(arg(self.tr("申请人：%1"), applicant), objectName="confirmApplicant")
        self.notices = QLabel(arg(self.tr("将出具并编号的文书（各一式二份）：%1"),
                                  "、".join(notices) if notices else self.tr("无")), objectName="confirmNotices")
        self.notices.setWordWrap(True)
        self.details = QLabel("\n".join(details), objectName="confirmDetails")
        self.details.setWordWrap(True)
        self.details.setVisible(bool(details))
        warning = QLabel(self.tr("决定作出后不能撤回或修改。"))
        warning.setStyleSheet("color: #9a3412;")
        self.confirm = QPushButton(self.tr("确认（Enter）"), objectName="confirmDecisionButton")
        self.back = QPushButton(self.tr("返回修改（Esc）"), objectName="confirmBack")
        self.confirm.setDefault(True)
        self.back.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        for w in (self.decision, self.case_line, self.applicant, self.notices, self.details, warning):
            layout.addWidget(w)
        layout.addLayout(buttons)
        self.confirm.clicked.connect(self.accept)
        self.back.clicked.connect(self.reject)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().showEvent(event)
        take_keys(self, self.confirm)


class WithdrawDialog(QDialog):
    """The reason goes into each case's history; an empty reason is refused next to the field."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("withdrawIntake")
        self.setWindowTitle(self.tr("撤回接件"))
        self.setMinimumWidth(480)
        intro = QLabel(arg(self.tr("撤回 %1。撤回后办件状态为“已撤回”，不能恢复。"), what))
        intro.setWordWrap(True)
        self.reason = QLineEdit(objectName="withdrawReason", maxLength=200,
                                placeholderText=self.tr("撤回原因，如：申请人主动撤回；事项选错，重新接件"))
        self.error = QLabel(objectName="withdrawError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.ok = QPushButton(self.tr("撤回（Enter）"), objectName="withdrawConfirm")
        self.cancel = QPushButton(self.tr("取消（Esc）"), objectName="withdrawCancel")
        self.ok.setDefault(True)
        self.cancel.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.ok.clicked.connect(self._submit)
        self.cancel.clicked.connect(self.reject)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().showEvent(event)
        take_keys(self, self.reason)

    @Slot()
    def _submit(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(self.tr("请写明撤回原因。"))
            self.reason.setStyleSheet("border: 2px solid #b00020;")
            self.reason.setFocus()
            return
        self.accept()


class OpenIntakeChoice(Enum):
    PARK = "park"
    WITHDRAW = "withdraw"
    STAY = "stay"


class OpenIntakeDialog(QDialog):
    """Asked when the next ticket is called while an intake has no decision yet."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openIntake")
        self.setWindowTitle(self.tr("当前接件尚未作出决定"))
        self.choice = OpenIntakeChoice.STAY
        text = QLabel(arg(self.tr("%1 尚未作出受理决定。叫下一位之前，请选择如何处理："), what))
        text.setWordWrap(True)
        self.park = QPushButton(self.tr("暂存，稍后继续（Enter）"), objectName="choosePark")
        self.withdraw = QPushButton(self.tr("撤回……"), objectName="chooseWithdraw")
        self.stay = QPushButton(self.tr("留在本件（Esc）"), objectName="chooseStay")
        self.park.setDefault(True)
        for b in (self.withdraw, self.stay):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        for b in (self.park, self.withdraw, self.stay):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        self.park.clicked.connect(lambda: self._choose(OpenIntakeChoice.PARK))
        self.withdraw.clicked.connect(lambda: self._choose(OpenIntakeChoice.WITHDRAW))
        self.stay.clicked.connect(self.reject)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        super().showEvent(event)
        take_keys(self, self.park)

    def _choose(self, choice: OpenIntakeChoice) -> None:
        self.choice = choice
        self.accept()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_W:
            self._choose(OpenIntakeChoice.WITHDRAW)
            return
        super().keyPressEvent(event)
