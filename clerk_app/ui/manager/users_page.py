"""Users (for administrators): create, disable / re-enable, change role, reset password.
Every rule and the audit entry live in services.auth; this page only asks and shows."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.roles import Actor, Role
from clerk_app.i18n import arg
from clerk_app.services import auth
from clerk_app.services.context import ServiceContext
from clerk_app.ui.labels import label
from clerk_app.ui.tasks import TaskRunner


class UsersPage(QWidget):
    status_message = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner) -> None:
        super().__init__(objectName="usersPage")
        self.ctx, self.actor, self.runner = ctx, actor, runner
        self.table = QTableWidget(0, 4, objectName="usersTable")
        self.table.setHorizontalHeaderLabels([self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("状态")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.username = QLineEdit(objectName="newUsername", placeholderText=self.tr("用户名（工号）"), maxLength=64)
        self.display_name = QLineEdit(objectName="newDisplayName", placeholderText=self.tr("姓名"), maxLength=64)
        self.password = QLineEdit(objectName="newPassword", placeholderText=self.tr("初始密码（至少 8 位）"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox(objectName="newRole")
        for r in Role:
            self.role.addItem(label(r), r.value)
        self.create_button = QPushButton(self.tr("新建用户"), objectName="createUser")
        self.disable_button = QPushButton(self.tr("停用/启用所选"), objectName="toggleUser")
        self.role_button = QPushButton(self.tr("改为所选角色"), objectName="changeRole")
        self.reset_button = QPushButton(self.tr("重置所选用户密码"), objectName="resetPassword")
        form = QHBoxLayout()
        for w in (self.username, self.display_name, self.password, self.role, self.create_button):
            form.addWidget(w)
        actions = QHBoxLayout()
        for w in (self.disable_button, self.role_button, self.reset_button):
            actions.addWidget(w)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addLayout(form)
        self.create_button.clicked.connect(self.create)
        self.disable_button.clicked.connect(self.toggle)
        self.role_button.clicked.connect(self.change_role)
        self.reset_button.clicked.connect(self.reset)
        self.rows: list[auth.UserInfo] = []

    def refresh(self) -> None:
        self.runner.run(auth.users, self.ctx, self.actor, on_success=self._show, on_error=self.status_message.emit)

    def _show(self, rows: list[auth.UserInfo]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, u in enumerate(rows):
            state = self.tr("已停用") if not u.active else self.tr("已锁定") if u.locked else self.tr("正常")
            for j, v in enumerate((u.username, u.display_name, label(u.role), state)):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.loaded.emit()

    def _selected(self) -> auth.UserInfo | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.status_message.emit(self.tr("请先在列表中选择一位用户。"))
            return None
        return self.rows[row]

    def _done(self, message: str):  # type: ignore[no-untyped-def]
        def after(_result: object) -> None:
            self.status_message.emit(message)
            self.refresh()
        return after

    def create(self) -> None:
        name = self.username.text().strip()
        self.runner.run(auth.create_user, self.ctx, self.actor, username=name,
                        display_name=self.display_name.text().strip(), role=Role(self.role.currentData()),
                        password=self.password.text(), on_success=self._done(arg(self.tr("已新建用户 %1。"), name)),
                        on_error=self.status_message.emit)
        self.password.clear()

    def toggle(self) -> None:
        if (u := self._selected()) is not None:
            message = arg(self.tr("已启用 %1。"), u.username) if not u.active else arg(
                self.tr("已停用 %1：该账号在本机立即不能登录。"), u.username)
            self.runner.run(auth.set_active, self.ctx, self.actor, u.username, not u.active,
                            on_success=self._done(message), on_error=self.status_message.emit)

    def change_role(self) -> None:
        if (u := self._selected()) is not None:
            role = Role(self.role.currentData())
            self.runner.run(auth.set_role, self.ctx, self.actor, u.username, role,
                            on_success=self._done(arg(self.tr("%1 的角色已改为 %2。"), u.username, label(role))),
                            on_error=self.status_message.emit)

    def reset(self) -> None:
        if (u := self._selected()) is not None:
            self.runner.run(auth.reset_password, self.ctx, self.actor, u.username, self.password.text(),
                            on_success=self._done(arg(self.tr("%1 的密码已重置。"), u.username)),
                            on_error=self.status_message.emit)
            self.password.clear()
