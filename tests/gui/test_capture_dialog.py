"""The capture dialog with a live preview: the simulator's frames, a UVC camera that is not there,
and file import; real widgets offscreen, real device workers, screenshots saved."""

from __future__ import annotations

import gc
import io
import logging
import threading
import weakref
from pathlib import Path

import pytest
import shiboken6
from PIL import Image
from PySide6.QtCore import Qt

from clerk_app.devices.manager import DeviceManager
from clerk_app.settings import Settings
from clerk_app.ui.capture_dialog import PREVIEW_SIDE, CaptureDialog
from clerk_app.ui.tasks import TaskRunner


@pytest.fixture
def make_dialog(qtbot, qapp, tmp_path: Path):  # type: ignore[no-untyped-def]
    from clerk_app.app import create_qt_app

    create_qt_app()  # the bundled CJK font, so the saved screenshots show the Chinese text
    managers: list[DeviceManager] = []
    dialogs: list[weakref.ref[CaptureDialog]] = []

    def make(camera: str, manager: DeviceManager | None = None) -> CaptureDialog:
        if manager is None:
            manager = DeviceManager(Settings(camera=camera).devices, queue_dir=tmp_path / "queue")
            managers.append(manager)
        runner = TaskRunner()
        dialog = CaptureDialog(manager, runner, title="营业执照")
        dialogs.append(weakref.ref(dialog))
        dialog.show()
        return dialog

    yield make
    # Not qtbot.addWidget: a finished dialog deletes itself, and qtbot would close it once more.
    for ref in dialogs:
        dialog = ref()
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.close()  # finishes it: it deletes itself on the next turn of the event loop
    for m in managers:
        m.close()


def test_simulator_frames_are_previewed_and_capture_takes_the_full_still(qtbot, make_dialog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog("sim:")
    assert dialog.mode == "still" and "营业执照" in dialog.windowTitle()
    qtbot.waitUntil(lambda: dialog.frames >= 3, timeout=15000)  # refreshed, not drawn once
    pixmap = dialog.still.pixmap()
    assert not pixmap.isNull() and dialog.preview_stack.currentWidget() is dialog.still
    assert dialog.take.isEnabled()
    dialog.grab().save(str(tmp_path / "capture_dialog_sim.png"))
    with qtbot.waitSignal(dialog.image_ready, timeout=15000) as got:
        dialog.take.click()
    jpeg = got.args[0]
    assert jpeg[:3] == b"\xff\xd8\xff"
    size = Image.open(io.BytesIO(jpeg)).size
    # the full-resolution still, deskewed and cropped to the page: a crop of a preview frame could
    # never be taller than the frame itself
    assert max(dialog.last_frame_size) <= PREVIEW_SIDE and size[1] > dialog.last_frame_size[1]
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed (and soon deleted)
    frames = dialog.frames
    qtbot.wait(1000)
    assert dialog.frames == frames  # a closed dialog asks the camera for nothing more
    assert not shiboken6.isValid(dialog)  # used once: deleted on the GUI thread, not kept hidden


def test_uvc_without_a_camera_says_so_and_import_still_works(qtbot, make_dialog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog("uvc:")
    assert dialog.mode == "uvc"
    assert dialog.preview_stack.currentWidget() is dialog.absent
    assert "未检测到高拍仪" in dialog.absent.text() and "导入文件" in dialog.absent.text()
    assert not dialog.take.isEnabled() and dialog.redetect.isVisible()
    dialog.grab().save(str(tmp_path / "capture_dialog_uvc_absent.png"))
    dialog.capture()  # Space with no camera: nothing happens, nothing breaks
    page = tmp_path / "page.png"
    Image.new("RGB", (1200, 900), (240, 240, 235)).save(page)
    dialog.choose_file = lambda: str(page)
    with qtbot.waitSignal(dialog.image_ready, timeout=15000) as got:
        dialog.import_button.click()
    assert got.args[0][:3] == b"\xff\xd8\xff"


def test_a_bad_file_is_refused_with_a_message_and_the_dialog_stays(qtbot, make_dialog, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog("file:")
    assert "未配置高拍仪" in dialog.absent.text() and not dialog.take.isEnabled()
    bad = tmp_path / "scan.jpg"
    bad.write_bytes(b"not an image at all")
    dialog.choose_file = lambda: str(bad)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: "不是可识别的图片" in dialog.state.text(), timeout=10000)
    assert dialog.isVisible()


def test_eloam_service_not_running_shows_the_absent_state(qtbot, make_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog("eloam://127.0.0.1:9")
    qtbot.waitUntil(lambda: dialog.preview_stack.currentWidget() is dialog.absent, timeout=15000)
    assert "未检测到高拍仪" in dialog.absent.text() and "高拍仪服务" in dialog.absent.text()


def test_esc_while_a_frame_is_in_flight_then_the_next_dialog(qtbot, make_dialog, caplog) -> None:  # type: ignore[no-untyped-def]
    """The clerk opens the camera and presses Esc before the first frame is drawn, then opens it again.
    CPython's cyclic collector runs on whichever thread happens to allocate, often a device thread
    (decoding a frame): a closed dialog must end on the GUI thread whatever thread lets go of it last.
    (Finalised on a worker, the dialog was destroyed there and Shiboken queued its Python-owned buttons
    for a second deletion on the GUI thread: a segfault in runDeletionInMainThread.)"""
    first = make_dialog("sim:")
    manager = first.devices
    ended_on: list[threading.Thread] = []
    first.destroyed.connect(lambda: ended_on.append(threading.current_thread()), Qt.ConnectionType.DirectConnection)
    qtbot.keyClick(first, Qt.Key.Key_Escape)  # the frame asked for on opening is not drawn yet
    assert first.result() == CaptureDialog.DialogCode.Rejected
    del first
    collector = threading.Thread(target=gc.collect, name="dev-camera-like")
    collector.start()
    collector.join()
    qtbot.waitUntil(lambda: bool(ended_on), timeout=15000)
    assert ended_on == [threading.main_thread()]
    second = make_dialog("sim:", manager)  # the same camera: its first frame queues behind the late one
    qtbot.waitUntil(lambda: second.frames >= 1, timeout=15000)
    assert second.take.isEnabled()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # no callback hit a deleted object


def test_esc_while_the_still_is_taken_attaches_nothing(qtbot, make_dialog) -> None:  # type: ignore[no-untyped-def]
    """Space, then Esc before the still is back: the clerk changed their mind, the photo is not handed on."""
    dialog = make_dialog("sim:")
    qtbot.waitUntil(lambda: dialog.take.isEnabled(), timeout=15000)
    handed_on: list[bytes] = []
    answers: list[int] = []
    dialog.image_ready.connect(handed_on.append)
    dialog.finished.connect(answers.append)
    with qtbot.waitSignal(dialog.runner.busy_changed, timeout=15000, check_params_cb=lambda busy: not busy):
        qtbot.keyClick(dialog.take, Qt.Key.Key_Space)  # the capture goes to the camera thread; back through the loop
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert handed_on == [] and answers == [CaptureDialog.DialogCode.Rejected.value]
