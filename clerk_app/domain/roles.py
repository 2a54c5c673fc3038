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
# survey.record: a 满意度调查表 answered on the customer screen or entered from paper (seed 003 §7.2.3.4).
COUNTER_WORK = frozenset({"case.intake", "case.decide_intake", "case.output", "case.read", "rating.record",
                          "consultation.record", "applicant.reveal_id", "survey.record"})
# case.extend: a 第42条 extension needs the approval of someone in charge, never the clerk alone.
SUPERVISION = COUNTER_WORK | {"manager.view", "case.backoffice", "case.archive", "ledger.manage", "export",
                              "case.extend"}
ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.CLERK: COUNTER_WORK,
    Role.SUPERVISOR: frozenset(SUPERVISION),
    Role.ADMIN: frozenset(SUPERVISION | {"user.manage", "catalogue.manage", "calendar.manage"}),
    Role.IT: frozenset({"device.manage", "calendar.manage", "diagnostics"}),
}

# The permission a synced change needs. The services check it when the change is made; the center checks
# every pushed mutation against the same table (sync/server/authority.py), so a tampered counter cannot
# do through the sync what its user could not do through the screens.
CHANGE_PERMISSIONS: dict[str, str | None] = {
    "users": "user.manage",
    "applicants": "case.intake",
    "cases": "case.intake",
    "case_materials": "case.intake",
    "case_events": "case.intake",
    "ratings": "rating.record",
    "complaints": "consultation.record",
    "survey_responses": "survey.record",
    "audit_log": None,  # a record of what happened (a refused login too), not a change of anything
}
# Case transitions that need more than counter intake (sync/server checks a pushed case_events row by its
# action; the keys are clerk_app.domain.cases.Action values, spelt out to keep this module import-free).
CASE_ACTION_PERMISSIONS: dict[str, str] = {
    "accept": "case.decide_intake", "reject": "case.decide_intake", "notify_supplement": "case.decide_intake",
    "result_ready": "case.output", "deliver": "case.output", "undeliverable": "case.output",
    "archive": "case.archive", "return_to_department": "case.output",
}


def change_permission(role: Role, entity: str, action: str | None = None) -> str | None:
    """The permission ``role`` lacks for a change of ``entity`` (a case event's ``action``), or None."""
    needed = CASE_ACTION_PERMISSIONS.get(action or "", CHANGE_PERMISSIONS.get(entity)) \
        if entity == "case_events" else CHANGE_PERMISSIONS.get(entity, "user.manage")
    if needed is None or needed in ROLE_PERMISSIONS[role]:
        return None
    return needed


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
            raise PermissionDenied("auth.role_not_permitted", role=self.role.label, user=self.display_name, permission=permission)


SYSTEM = Actor(user_id="system", username="system", display_name="系统", role=Role.ADMIN)
