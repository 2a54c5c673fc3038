"""Report and ledger labels whose numbers come from a rule (超 15 分钟的暂停服务, 复杂问题（5个工作日内办结）,
the ranking's formula): the number is a ``str.format`` field filled from the rule's constant, never
written into the wording, so that changing the rule changes every label that names it.

A ``FilledLabel`` is the Chinese, filled (what the services' tables, the exports and the logs use,
and what compares equal to a plain string); it keeps its ``template`` and ``params`` so that the UI
translates the template (the Qt catalogue keys on it, ``ui/report_labels.report_text``) and fills
the translation with the same numbers.

Public API: ``FilledLabel``.
"""

from __future__ import annotations

from typing import Any


class FilledLabel(str):
    """``template.format(**params)``, remembering both."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> FilledLabel:
        self = super().__new__(cls, template.format(**params))
        self.template, self.params = template, params
        return self

    def fill(self, template: str) -> str:
        """Another wording of the same label (a translation of ``template``) with these numbers."""
        return template.format(**self.params)

    def __reduce__(self) -> tuple[Any, ...]:  # a pickled table (a subprocess's result) keeps the template
        return (_filled, (self.template, self.params))


def _filled(template: str, params: dict[str, Any]) -> FilledLabel:
    return FilledLabel(template, **params)
