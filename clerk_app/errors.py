"""Two kinds of error: ``UserError`` carries a sentence for people; anything else is a bug.

A ``UserError`` names its sentence by a code of ``clerk_app/messages.py`` and the parameters the
sentence needs: ``UserError("case.not_found", number=n)``. ``message`` is the Chinese (a ``Text``,
which also renders English: ``text("en")``).
"""

from __future__ import annotations

from typing import Any

from clerk_app.messages import CATALOGUE, Label, Text


class UserError(Exception):
    """An environment, input or rule fault, shown to the clerk in the UI language.

    ``code`` is a catalogue code (or a ``Text``, raised as it is); ``params`` fill its sentence;
    ``detail`` is for the log only.
    A first argument that is not a code is shown as it is (Chinese in every language): a safety net
    for a sentence that reaches here in a variable; ``tests/unit/test_messages.py`` refuses a
    finished sentence written at a raise site."""

    def __init__(self, code: str, /, *, detail: str | None = None, **params: Any) -> None:
        if isinstance(code, Text):  # a reason made below (a Text) raised as it is
            params = {**code.params, **params}
            code = code.code
        if code in CATALOGUE:
            self.message: str = Text(code, **params)
            self.code, self.params = code, params
        else:
            self.message = code
            self.code, self.params = str(params.pop("code", "error")), {}
        super().__init__(self.message)
        self.detail = detail

    def text(self, language: str, label: Label | None = None) -> str:
        """The sentence in ``language`` (``label`` names enums in it, see ``messages.render``)."""
        message = self.message
        return message.in_language(language, label) if isinstance(message, Text) else message


class DomainError(UserError):
    """A business rule refused the action (illegal transition, invalid ID number, ...)."""


class PermissionDenied(UserError):
    """The acting user's role does not allow the action."""

    def __init__(self, code: str = "auth.not_permitted", /, **params: Any) -> None:
        super().__init__(code, **params)
