"""The capture dialog: a live preview of the document camera (高拍仪), capture, or import a file.

``uvc:`` cameras preview through Qt Multimedia (QMediaCaptureSession + QCamera + QVideoWidget) and
capture with QImageCapture at the camera's highest still resolution. The simulator and the Eloam
service have no Qt video source: the device worker fetches a small still every
``PREVIEW_INTERVAL_MS`` and this dialog only draws it. The full-resolution capture always goes
through the device manager (``capture``), deskewed and size-capped there. Without a camera the
dialog says so and importing a file still works.

A dialog is used once: when it finishes it deletes itself on the GUI thread. Nothing a device or
writer thread holds refers to it strongly (frames come back through one relay that lives as long as
the process, results through weak methods), and every child is owned by C++, so whichever thread
CPython's cyclic collector happens to run on, a dialog is never finalised there: finalised on a
worker, its C++ side was destroyed on that thread and Shiboken queued the Python-owned buttons for a
second deletion on the GUI thread (SIGSEGV in BindingManager::runDeletionInMainThread).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.devices.base import DeviceError
from clerk_app.devices.camera.capture import import_material
from clerk_app.errors import UserError
from clerk_app.i18n import arg
from clerk_app.ui.file_dialogs import open_file_name
from clerk_app.ui.labels import message as in_ui_language
from clerk_app.ui.tasks import TaskRunner

PREVIEW_INTERVAL_MS = 400
RETRY_INTERVAL_MS = 3000  # a camera that is not answering is asked again, slower
PREVIEW_SIDE = 960


class _FrameRelay(QObject):
    """Preview futures finish on the device thread; the frame is drawn on the GUI thread.
    (Not through TaskRunner: a preview every 0.4 s must not flash the busy indicator.)

    One for the process, made on the GUI thread: a frame that arrives after its dialog was closed
    and deleted is emitted on an object that still exists, and dropped here."""

    done = Signal(object, object)  # weakref.ref to the dialog, the finished future

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, dialog_ref: weakref.ref[CaptureDialog], future: Future[bytes]) -> None:
        dialog = dialog_ref()
        if dialog is not None and shiboken6.isValid(dialog):
            dialog._frame_done(future)


_relay: _FrameRelay | None = None


def _frame_relay() -> _FrameRelay:
    global _relay
    if _relay is None:
        _relay = _FrameRelay()
    return _relay


def _weakly(method: Callable[[Any], None]) -> Callable[[Any], None]:
    """A callback for a worker's future that does not keep the dialog alive (see the module doc)."""
    ref = weakref.WeakMethod(method)  # type: ignore[arg-type]

    def call(value: Any) -> None:
        bound = ref()
        if bound is not None and shiboken6.isValid(bound.__self__):
            bound(value)
    return call


class CaptureDialog(QDialog):
    image_ready = Signal(bytes)

    def __init__(self, devices: Any, runner: TaskRunner, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.devices, self.runner = devices, runner
        self.url = str(devices.url("camera"))
        self.mode = ("uvc" if self.url.startswith("uvc:") else
                     "none" if self.url in ("file:", "none", "") else "still")
        self.frames = 0  # preview frames drawn so far
        self.last_frame_size = (0, 0)
        self.camera: Any = None
        self._in_flight = False
        self._closed = False
        self.setWindowTitle(arg(self.tr("拍照 — %1"), title) if title else self.tr("高拍仪拍照"))
        self.setAccessibleName(self.tr("高拍仪拍照"))
        self.resize(880, 720)
        self.state = QLabel(objectName="captureState")
        self.state.setWordWrap(True)
        self.preview_stack = QStackedWidget(objectName="previewStack")
        self.still = QLabel(objectName="capturePreview", alignment=Qt.AlignmentFlag.AlignCenter)
        self.still.setMinimumSize(640, 480)
        self.still.setStyleSheet("background: #20242a; color: #d0d4da;")
        self.still.setAccessibleName(self.tr("高拍仪预览画面"))
        self.absent = QLabel(objectName="captureAbsent", alignment=Qt.AlignmentFlag.AlignCenter)
        self.absent.setWordWrap(True)
        self.absent.setStyleSheet("background: #f4f4f4; color: #9a6700; font-size: 18px; padding: 40px;")
        self.preview_stack.addWidget(self.still)
        self.preview_stack.addWidget(self.absent)
        self.video: QWidget | None = None
        self.take = QPushButton(self.tr("拍照（空格）"), self, objectName="takePhoto")
        self.take.setAccessibleName(self.tr("拍照"))
        self.import_button = QPushButton(self.tr("导入文件…"), self, objectName="importFile")
        self.redetect = QPushButton(self.tr("重新检测"), self, objectName="redetect")
        self.cancel = QPushButton(self.tr("取消（Esc）"), self, objectName="cancelCapture")
        buttons = QHBoxLayout()
        buttons.addWidget(self.take)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.redetect)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.preview_stack, 1)
        layout.addLayout(buttons)
        self.take.setDefault(True)
        self.take.clicked.connect(self.capture)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, activated=self.capture)
        self.import_button.clicked.connect(self.import_from_file)
        self.redetect.clicked.connect(self._start)
        self.cancel.clicked.connect(self.reject)
        self.choose_file: Callable[[], str] | None = None  # None: the file dialog (a bound method here would be a cycle)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._request_frame)
        self.finished.connect(self._stop)
        self._start()

    # -- camera states -----------------------------------------------------------------------------
    def _show_absent(self, message: str) -> None:
        self.preview_stack.setCurrentWidget(self.absent)
        self.absent.setText(message)
        self.state.setText(self.tr("未检测到高拍仪：可以点“导入文件…”添加材料图片。"))
        self.take.setEnabled(False)
        self.import_button.setFocus()

    @Slot()
    def _start(self) -> None:
        self.redetect.setVisible(self.mode != "still")
        if self.mode == "none":
            self._show_absent(self.tr("本窗口未配置高拍仪。\n请用“导入文件…”添加材料图片。"))
        elif self.mode == "uvc":
            self._start_uvc()
        else:
            self.preview_stack.setCurrentWidget(self.still)
            self.take.setEnabled(False)  # until the first frame shows the camera answers
            self.still.setText(self.tr("正在连接高拍仪……"))
            self.state.setText(self.tr("请把材料平放在高拍仪下，对准后按空格拍照。"))
            self._request_frame()

    def _start_uvc(self) -> None:
        from clerk_app.devices.camera import uvc

        self._stop_uvc()
        try:
            chosen = uvc.choose(uvc.list_inputs(), self.url[4:])
        except DeviceError as exc:
            self._show_absent(arg(self.tr("未检测到高拍仪\n\n%1\n\n也可以用“导入文件…”添加材料图片。"), in_ui_language(exc.message)))
            self._watch_uvc_plug()
            return
        from PySide6.QtCore import QSize
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession, QMediaDevices
        from PySide6.QtMultimediaWidgets import QVideoWidget

        device = next(d for d in QMediaDevices.videoInputs() if bytes(d.id().data()).hex() == chosen.id)
        self.camera = QCamera(device, self)
        self.session = QMediaCaptureSession(self)
        self.image_capture = QImageCapture(self)
        if chosen.best_resolution != (0, 0):
            self.image_capture.setResolution(QSize(*chosen.best_resolution))
        if self.video is None:
            self.video = QVideoWidget(objectName="videoPreview")
            self.video.setAccessibleName(self.tr("高拍仪预览画面"))
            self.preview_stack.addWidget(self.video)
        self.session.setCamera(self.camera)
        self.session.setImageCapture(self.image_capture)
        self.session.setVideoOutput(self.video)
        self.image_capture.imageCaptured.connect(self._uvc_captured)
        self.image_capture.errorOccurred.connect(self._uvc_capture_error)
        self.camera.errorOccurred.connect(self._uvc_camera_error)
        self.preview_stack.setCurrentWidget(self.video)
        self.state.setText(arg(self.tr("%1：请把材料平放在高拍仪下，对准后按空格拍照。"), chosen.description))
        self.take.setEnabled(True)
        self.camera.start()

    def _watch_uvc_plug(self) -> None:
        """A camera plugged in while the dialog is open is picked up without a click."""
        if getattr(self, "_media_devices", None) is None:
            from PySide6.QtMultimedia import QMediaDevices

            self._media_devices = QMediaDevices(self)
            self._media_devices.videoInputsChanged.connect(self._start)

    def _uvc_capture_error(self, _id: int, _error: object, text: str) -> None:
        self._capture_failed(arg(self.tr("高拍仪拍照失败：%1。请重试，或改用“导入文件”。"), text))

    def _uvc_camera_error(self, _error: object, text: str) -> None:
        self._show_absent(arg(self.tr("高拍仪无法打开：%1\n请拔插一次后点“重新检测”。"), text))

    def _stop_uvc(self) -> None:
        if self.camera is not None:
            self.camera.stop()
            self.camera.deleteLater()
            self.camera = None

    # -- still preview (simulator, Eloam service) ------------------------------------------------
    @Slot()
    def _request_frame(self) -> None:
        if self._closed or self._in_flight:
            return
        self._in_flight = True
        future: Future[bytes] = self.devices.preview_frame(PREVIEW_SIDE)
        relay, me = _frame_relay(), weakref.ref(self)
        future.add_done_callback(lambda f: relay.done.emit(me, f))

    @Slot(object)
    def _frame_done(self, future: Future[bytes]) -> None:
        self._in_flight = False
        if self._closed:
            return
        exc = future.exception()
        if exc is None:
            image = QImage.fromData(future.result())
            if not image.isNull():
                self.frames += 1
                self.last_frame_size = (image.width(), image.height())
                self.preview_stack.setCurrentWidget(self.still)
                self.still.setPixmap(QPixmap.fromImage(image).scaled(
                    self.still.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
                self.take.setEnabled(True)
            self._timer.start(PREVIEW_INTERVAL_MS)
            return
        message = in_ui_language(exc.message) if isinstance(exc, UserError) else self.tr("高拍仪预览出错，已记录日志。")
        self._show_absent(arg(self.tr("未检测到高拍仪\n\n%1\n\n也可以用“导入文件…”添加材料图片。"), message))
        self.take.setEnabled(True)  # a capture may still work (the preview path of a service can fail alone)
        self._timer.start(RETRY_INTERVAL_MS)

    # -- capture and import ----------------------------------------------------------------------
    @Slot()
    def capture(self) -> None:
        if not self.take.isEnabled():
            return
        self.take.setEnabled(False)
        self.state.setText(self.tr("正在拍照……"))
        if self.mode == "uvc":
            self.image_capture.capture()
            return
        self.runner.follow(self.devices.capture(deskew=True), on_success=_weakly(self._deliver),
                           on_error=_weakly(self._capture_failed))

    @Slot(int, QImage)
    def _uvc_captured(self, _id: int, image: QImage) -> None:
        from clerk_app.devices.camera.imaging import process_capture

        def encode() -> bytes:  # QImage is reentrant: encoding and deskew run off the GUI thread
            from PySide6.QtCore import QBuffer, QByteArray, QIODevice

            data = QByteArray()
            buf = QBuffer(data)
            buf.open(QIODevice.OpenModeFlag.WriteOnly)
            image.save(buf, "JPG", 92)
            return process_capture(bytes(data.data()), deskew=True)
        self.runner.run(encode, on_success=_weakly(self._deliver), on_error=_weakly(self._capture_failed))

    def _capture_failed(self, message: str) -> None:
        if self._closed:
            return
        self.state.setText(message)
        self.take.setEnabled(self.camera is not None if self.mode == "uvc" else self.mode == "still")

    @Slot()
    def import_from_file(self) -> None:
        path = (self.choose_file or self._ask_file)()
        if path:
            self.state.setText(self.tr("正在导入……"))
            self.runner.run(import_material, path, on_success=_weakly(self._deliver), on_error=_weakly(self._capture_failed))

    def _ask_file(self) -> str:
        path = open_file_name(self, self.tr("导入材料影像"),
                              self.tr("图片或 PDF (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.pdf)"))
        return path

    def _deliver(self, data: bytes) -> None:
        if self._closed:  # the clerk pressed Esc while it was being taken: it is not wanted
            return
        self.image = data
        self.image_ready.emit(data)
        self.accept()

    @Slot()
    def _stop(self) -> None:
        self._closed = True
        self._timer.stop()
        self._stop_uvc()
        # Deleted here, on the GUI thread: from now on C++ owns the wrapper, so no thread's collector
        # can finalise it while its widgets exist (and a closed dialog no longer lingers as a child of
        # the main window with its last frame, one per capture).
        self.deleteLater()
