"""USB (UVC) document cameras through Qt Multimedia (PySide6-Addons).

``uvc:`` takes the camera whose description looks like a document camera (高拍仪 / Document /
Visualizer / Eloam …) or else the first one; ``uvc:NAME`` picks by a part of its description.
The highest still resolution the camera offers is used. Capture runs on the device worker thread
with its own event loop, so the GUI never waits on the camera.
"""

from __future__ import annotations

from dataclasses import dataclass

from clerk_app.devices.base import DeviceError, DeviceState
from clerk_app.messages import Text

DOCUMENT_HINTS = ("高拍", "document", "doc cam", "visualizer", "eloam", "良田", "scanner")
CAPTURE_TIMEOUT_MS = 8000


@dataclass(frozen=True)
class VideoInput:
    id: str
    description: str
    best_resolution: tuple[int, int]


def _multimedia():  # type: ignore[no-untyped-def]
    try:
        from PySide6 import QtMultimedia
    except ImportError as exc:
        raise DeviceError("camera.no_multimedia", detail=repr(exc)) from exc
    return QtMultimedia


def list_inputs() -> list[VideoInput]:
    qm = _multimedia()
    found = []
    for dev in qm.QMediaDevices.videoInputs():
        sizes = [(s.width(), s.height()) for s in dev.photoResolutions()] or [(0, 0)]
        found.append(VideoInput(bytes(dev.id().data()).hex(), dev.description(), max(sizes, key=lambda wh: wh[0] * wh[1])))
    return found


def choose(inputs: list[VideoInput], wanted: str) -> VideoInput:
    if not inputs:
        raise DeviceError("camera.usb_not_found",
                          state=DeviceState.NOT_CONNECTED)
    if wanted:
        for v in inputs:
            if wanted.lower() in v.description.lower():
                return v
        names = "、".join(v.description for v in inputs)
        raise DeviceError("camera.usb_name_not_found", wanted=wanted, names=names,
                          state=DeviceState.NOT_CONNECTED)
    for v in inputs:
        if any(h in v.description.lower() for h in DOCUMENT_HINTS):
            return v
    return inputs[0]


class UvcCamera:
    def __init__(self, url: str = "uvc:") -> None:
        self.url = url
        self.wanted = url[4:]

    def check(self) -> None:
        choose(list_inputs(), self.wanted)

    def capture_raw(self) -> bytes:
        from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QSize, QTimer

        qm = _multimedia()
        chosen = choose(list_inputs(), self.wanted)
        device = next(d for d in qm.QMediaDevices.videoInputs() if bytes(d.id().data()).hex() == chosen.id)
        camera = qm.QCamera(device)
        session = qm.QMediaCaptureSession()
        capture = qm.QImageCapture()
        session.setCamera(camera)
        session.setImageCapture(capture)
        if chosen.best_resolution != (0, 0):
            capture.setResolution(QSize(*chosen.best_resolution))
        loop = QEventLoop()
        result: dict[str, object] = {}
        capture.imageCaptured.connect(lambda _id, image: (result.setdefault("image", image), loop.quit()))
        capture.errorOccurred.connect(lambda _id, _err, text: (result.setdefault("error", text), loop.quit()))
        capture.readyForCaptureChanged.connect(lambda ready: capture.capture() if ready else None)
        QTimer.singleShot(CAPTURE_TIMEOUT_MS, loop.quit)
        camera.start()
        loop.exec()
        camera.stop()
        if "image" not in result:
            raise DeviceError("camera.capture_failed_because", reason=result.get("error") or Text("camera.no_image_in_time"))
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        result["image"].save(buf, "JPG", 92)  # type: ignore[union-attr]
        return bytes(data.data())

    def preview_raw(self) -> bytes:
        # A UVC camera previews live in the capture dialog (QVideoWidget); grabbing stills for a
        # preview would reopen the camera every frame.
        raise DeviceError("camera.live_preview")

    def close(self) -> None:
        pass
