"""The customer screen driven offscreen with qtbot."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clerk_app.ui.customer_screen import CustomerScreen


def _screen(qtbot) -> CustomerScreen:
    w = CustomerScreen()
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    return w


def test_five_levels_large_and_disabled_until_asked(qtbot) -> None:
    w = _screen(qtbot)
    assert [b.text() for b in w.buttons.values()] == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert all(not b.isEnabled() for b in w.buttons.values())
    assert all(b.height() >= 140 and b.width() >= 160 for b in w.buttons.values())


def test_press_rates_the_asked_case(qtbot) -> None:
    w = _screen(qtbot)
    w.ask("BJ-2024-0007")
    assert "BJ-2024-0007" in w.case_label.text()
    with qtbot.waitSignal(w.rated) as sig:
        qtbot.mouseClick(w.buttons[3], Qt.MouseButton.LeftButton)
    assert sig.args == ["BJ-2024-0007", 3]
    assert "基本满意" in w.thanks.text()
    assert not w.buttons[5].isEnabled() and w.waiting_case is None


def test_timeout_is_not_rated(qtbot) -> None:
    w = _screen(qtbot)
    rated = []
    w.rated.connect(lambda *a: rated.append(a))
    with qtbot.waitSignal(w.not_rated, timeout=3000) as sig:
        w.ask("C-9", timeout_ms=100)
    assert sig.args == ["C-9"] and rated == []


def test_new_case_ends_old_question_as_not_rated(qtbot) -> None:
    w = _screen(qtbot)
    w.ask("OLD-1")
    with qtbot.waitSignal(w.not_rated) as sig:
        w.ask("NEW-2")
    assert sig.args == ["OLD-1"] and w.waiting_case == "NEW-2"


def test_pause_shows_paused_state(qtbot, tmp_path) -> None:
    w = _screen(qtbot)
    w.ask("C-1")
    with qtbot.waitSignal(w.not_rated):
        w.pause()
    assert w.paused and w.paused_label.isVisible() and w.paused_label.text() == "暂停服务"
    w.resume()
    assert not w.paused
    w.ask("C-2")
    w.grab().save(str(tmp_path / "customer_screen.png"))
    assert (tmp_path / "customer_screen.png").stat().st_size > 0
