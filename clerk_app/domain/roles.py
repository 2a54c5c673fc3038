"""Roles and what each may do. Checked in the service layer, not only by hiding buttons."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from clerk_app.errors import PermissionDenied


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    IT = "it"

    @property
    def label(self) -> str:
        return {"clerk": "综合窗口人员", "supervisor": "带班负责人", "admin": "系统管理员", "it": "信息技术人员"}[self.value]


# Permissions are verbs of the use cases; a role holds a set of them.
COUNTER_WORK = frozenset({"case.intake", "case.decide_intake", "case.output", "case.read", "rating.record",
                          "consultation.record", "applicant.reveal_id"})
# case.extend: a 第42条 extension needs the approval of someone in charge, never the clerk alone.
SUPERVISION = COUNTER_WORK | {"manager.view", "case.backoffice", "case.archive", "ledger.manage", "export",
                              "case.extend"}
ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.CLERK: COUNTER_WORK,
    Role.SUPERVISOR: frozenset(SUPERVISION),
    Role.ADMIN: frozenset(SUPERVISION | {"user.manage", "catalogue.manage", "calendar.manage"}),
    Role.IT: frozenset({"device.manage", "calendar.manage", "diagnostics"}),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: the logged-in user, as the services see it."""

    user_id: str
    username: str
    display_name: str
    role: Role
    window: str = "01"

    def can(self, permission: str) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise PermissionDenied(f"{self.role.label}“{self.display_name}”无权执行此操作（{permission}）。")


SYSTEM = Actor(user_id="system", username="system", display_name="系统", role=Role.ADMIN)
