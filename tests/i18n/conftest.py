"""Fixtures that switch the UI language for one test and put the Chinese default back after it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from clerk_app import i18n


@pytest.fixture
def language(qapp: QApplication) -> Iterator:  # type: ignore[type-arg]
    """``language("en")`` installs a language; the translators and the default locale are undone after."""
    locale = QLocale()
    yield lambda code: i18n.install(qapp, code)
    i18n.uninstall(qapp)
    QLocale.setDefault(locale)
