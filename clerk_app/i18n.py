"""The UI language: installs Qt translators for a language code, and ``arg`` for Qt-style arguments.

Source texts are Chinese (zh_CN is the primary language), so "zh_CN" needs no translator of ours,
only Qt's own qtbase translations (standard buttons, context menus). "en" loads
``resources/translations/clerk_en.qm``. See ``resources/translations/README.md`` for the workflow.

Public API: ``install(app, language)``, ``uninstall(app)``, ``current()``, ``arg(text, *values)``,
``LANGUAGES``.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from clerk_app.errors import UserError
from clerk_app.paths import RESOURCES

TRANSLATIONS = RESOURCES / "translations"
LANGUAGES = ("zh_CN", "en")
_PLACEHOLDER = re.compile(r"%([1-9])")
# Qt does not own an installed translator: without these references Python would collect it and
# the texts would silently fall back to Chinese.
_installed: list[QTranslator] = []
_language = ["zh_CN"]  # what ``install`` last set: the catalogue's sentences follow it (ui/labels.message)


def current() -> str:
    """The UI language in use ("zh_CN" until ``install`` sets another)."""
    return _language[0]


def arg(text: str, *values: object) -> str:
    """QString.arg for Python: replaces %1 … %9 in one pass, so a value that itself contains "%2"
    (a name, a path) is never substituted again, and translators may reorder the placeholders."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return str(values[index - 1]) if index <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, text)


def uninstall(app: QCoreApplication) -> None:
    """Removes the translators ``install`` put in: the UI falls back to its Chinese source texts."""
    while _installed:
        app.removeTranslator(_installed.pop())
    _language[0] = "zh_CN"


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Installs the translators for ``language`` (replacing earlier ones) and sets the default
    locale, so that Qt's own widgets (calendar popups) follow. Call it before building windows:
    texts are translated when a widget is built. An unknown code raises ``UserError``."""
    if language not in LANGUAGES:
        raise UserError("i18n.unknown_language", language=language)
    uninstall(app)
    _language[0] = language
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    wanted = [(f"qtbase_{language}", qt_dir)]
    if language != "zh_CN":
        wanted.append((f"clerk_{language}", str(TRANSLATIONS)))
    for name, folder in wanted:
        translator = QTranslator(app)
        if not translator.load(name, folder):
            if name.startswith("clerk_"):  # our own file missing is a packaging bug, never ignored
                raise UserError("i18n.translation_missing", file=f"{folder}/{name}.qm")
            continue  # Qt's own file may be absent on a trimmed install; its English texts still work
        app.installTranslator(translator)
        _installed.append(translator)
    return list(_installed)
