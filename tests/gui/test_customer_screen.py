"""The customer screen driven offscreen with qtbot."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clerk_app.domain.evaluation import DIMENSIONS
from clerk_app.ui.customer_screen import DIMENSION_TEXTS, CustomerScreen


def _screen(qtbot) -> CustomerScreen:
    w = CustomerScreen()
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)  # focus and key presses act on the active window, as on the counter
    return w


def test_five_levels_large_and_disabled_until_asked(qtbot) -> None:
    w = _screen(qtbot)
    assert [b.text() for b in w.buttons.values()] == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert all(not b.isEnabled() for b in w.buttons.values())
    assert all(b.height() >= 140 and b.width() >= 160 for b in w.buttons.values())


def _key(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    """A real key press on the focused button, as the applicant's touch or keypad would."""
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=2000)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_press_rates_the_asked_case_with_the_seed_aspects(qtbot) -> None:
    """Seed 001 §7.1: the level, then the aspects (工作纪律 … 落实服务制度) the applicant names."""
    w = _screen(qtbot)
    w.ask("BJ-2024-0007")
    assert "BJ-2024-0007" in w.case_label.text()
    _key(qtbot, w.buttons[2])
    assert w.aspects_row.isVisible() and not w.levels_row.isVisible()
    assert [b.text() for b in w.aspects.values()] == ["工作纪律", "仪容仪表", "行为举止", "服务态度", "服务用语",
                                                      "服务效率", "业务能力", "落实服务制度"]
    assert DIMENSION_TEXTS == DIMENSIONS  # the lupdate copy never drifts from the domain's list
    _key(qtbot, w.aspects["服务效率"])
    _key(qtbot, w.aspects["服务态度"])
    with qtbot.waitSignal(w.rated) as sig:
        _key(qtbot, w.submit)
    assert sig.args == ["BJ-2024-0007", 2, ["服务态度", "服务效率"]]
    # the level is never shown back: on one monitor the clerk sees this panel too
    assert w.thanks.text() == "感谢您的评价！" and "不满意" not in w.prompt.text()
    assert not w.buttons[5].isEnabled() and w.waiting_case is None


def test_question_stays_open_until_answered_or_finished(qtbot) -> None:
    """Issue 15 item 9: no timer runs out while the clerk prints; the next ticket ends it."""
    w = _screen(qtbot)
    got = []
    w.not_rated.connect(got.append)
    w.ask("C-9")
    qtbot.wait(300)
    assert w.waiting_case == "C-9" and all(b.isEnabled() for b in w.buttons.values()) and got == []
    w.finish()
    assert got == ["C-9"] and w.waiting_case is None


def test_level_counts_when_the_applicant_leaves_before_the_aspects(qtbot) -> None:
    w = _screen(qtbot)
    w.ask("C-10")
    _key(qtbot, w.buttons[5])
    with qtbot.waitSignal(w.rated) as sig:
        w.ask("C-11")
    assert sig.args == ["C-10", 5, []] and w.waiting_case == "C-11"


def test_explicit_timeout_is_not_rated(qtbot) -> None:
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
