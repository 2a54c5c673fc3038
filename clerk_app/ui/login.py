"""The login window: per-clerk login at shift start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from clerk_app.domain.roles import Actor
from clerk_app.errors import UserError
from clerk_app.i18n import arg


class LoginDialog(QDialog):
    logged_in = Signal(object)

    def __init__(self, authenticate: Callable[[str, str], Actor], center_name: str, window: str) -> None:
        super().__init__()
        self._authenticate = authenticate
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("一窗受理工作台 — 登录"))
        self.setMinimumWidth(380)
        title = QLabel(self.tr("一窗受理工作台"))
        title.setObjectName("loginTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 22px; font-weight: bold; padding: 8px;")
        where = QLabel(arg(self.tr("%1 · %2号综合窗口"), center_name, window))
        where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText(self.tr("工号或用户名"))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.error = QLabel("")
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.submit = QPushButton(self.tr("登录"))
        self.submit.setObjectName("loginButton")
        # Not a default button: Enter in the password field submits through returnPressed only. A
        # default button as well would submit a second time (one wrong password counted twice).
        self.submit.setDefault(False)
        self.submit.setAutoDefault(False)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.submit)
        self.submit.clicked.connect(self._on_submit)
        self.password.returnPressed.connect(self._on_submit)
        self.username.returnPressed.connect(self.password.setFocus)  # Enter after the name: on to the password

    @Slot()
    def _on_submit(self) -> None:
        if not self.username.text().strip():
            self.error.setText(self.tr("请输入用户名。"))
            return
        try:
            self.actor = self._authenticate(self.username.text(), self.password.text())
        except UserError as exc:
            self.error.setText(exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.logged_in.emit(self.actor)
        self.accept()
