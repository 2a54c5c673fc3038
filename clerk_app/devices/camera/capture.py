"""Open a camera from its URL, capture a document JPEG, or import one from a file.

Public API: ``open_camera(url) -> Camera``, ``capture_document(camera, deskew=True) -> bytes``,
``import_file(path, deskew=False) -> bytes``,
``import_material(path) -> bytes`` (images or PDF).
URLs: ``sim:`` demo images, ``sim:/folder`` images from a folder, ``uvc:[NAME]`` a USB camera through
Qt Multimedia, ``eloam://host:port``, ``file:`` (no camera).
"""

from __future__ import annotations

from pathlib import Path

from clerk_app.devices.base import DeviceError
from clerk_app.devices.camera.eloam import EloamCamera
from clerk_app.devices.camera.imaging import process_capture
from clerk_app.devices.camera.interface import Camera, NoCamera
from clerk_app.devices.camera.simulator import DEMO_CAMERA_DIR, FileCamera
from clerk_app.errors import UserError


def open_camera(url: str) -> Camera:
    if url.startswith("sim:"):
        folder = url[4:]
        return FileCamera(Path(folder) if folder else DEMO_CAMERA_DIR, url=url)
    if url.startswith("eloam://"):
        return EloamCamera(url)
    if url in ("file:", "none", ""):
        return NoCamera(url or "file:")
    if url.startswith("uvc:"):
        from clerk_app.devices.camera.uvc import UvcCamera

        return UvcCamera(url)
    raise DeviceError("camera.bad_url", url=url)


def capture_document(camera: Camera, *, deskew: bool = True) -> bytes:
    return process_capture(camera.capture_raw(), deskew=deskew)


def import_file(path: str | Path, *, deskew: bool = False) -> bytes:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UserError("file.unreadable", name=p.name, detail=repr(exc)) from exc
    return process_capture(data, deskew=deskew)


def import_material(path: str | Path) -> bytes:
    """A material imported at the counter: an image is processed like a capture (size cap, no
    deskew: a scan is straight already); a PDF is kept as it is, after a header check."""
    p = Path(path)
    if p.suffix.lower() != ".pdf":
        return import_file(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UserError("file.unreadable", name=p.name, detail=repr(exc)) from exc
    if not data.startswith(b"%PDF"):
        raise UserError("file.not_pdf", name=p.name)
    return data
