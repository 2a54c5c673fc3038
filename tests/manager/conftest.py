"""The bundled CJK font, as the app registers it, so that the screenshots the tests save are readable."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _cjk_font(request: pytest.FixtureRequest) -> None:
    if "qtbot" in request.fixturenames:
        from clerk_app.app import create_qt_app

        create_qt_app()
