"""Two kinds of error: ``UserError`` carries a sentence for people; anything else is a bug."""

from __future__ import annotations


class UserError(Exception):
    """An environment, input or rule fault: ``message`` is shown to the clerk as it is (zh_CN)."""

    def __init__(self, message: str, *, code: str = "error", detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.detail = detail


class DomainError(UserError):
    """A business rule refused the action (illegal transition, invalid ID number, ...)."""


class PermissionDenied(UserError):
    """The acting user's role does not allow the action."""

    def __init__(self, message: str = "您的角色无权执行此操作。", **kw: object) -> None:
        super().__init__(message, code="permission_denied", **kw)  # type: ignore[arg-type]
