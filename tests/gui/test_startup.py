"""Login window first (issue 15): it shows before the store is open; the clerk's Enter logs in once
the background load is done; a load that fails gives one sentence, no traceback."""

from __future__ import annotations

from PySide6.QtCore import Qt

from clerk_app.startup import show_login_first


def test_login_window_shows_first_and_logs_in_after_the_load(qtbot, ctx, users, profile) -> None:  # type: ignore[no-untyped-def]
    ctx.store.close()  # the profile as the counter finds it at start-up
    dialog, loader = show_login_first(str(profile.root))
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.username, "clerk")
    qtbot.keyClicks(dialog.password, "clerk1234")
    qtbot.waitUntil(lambda: loader.ready, timeout=20000)
    with qtbot.waitSignal(dialog.logged_in, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor.username == "clerk"
    loader.get().store.close()


def test_a_failed_load_is_one_sentence_at_the_login(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.paths import ProfilePaths

    paths = ProfilePaths(tmp_path / "broken").ensure()
    paths.database.write_bytes(b"this is not a database" * 100)
    dialog, loader = show_login_first(str(paths.root))
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: loader.ready, timeout=20000)
    qtbot.keyClicks(dialog.username, "clerk")
    qtbot.keyClicks(dialog.password, "clerk1234")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    text = dialog.error.text()
    assert text and "Traceback" not in text and "\n" not in text and dialog.actor is None
    print(text)
