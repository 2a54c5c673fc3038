"""A document camera that serves image files in turn (``sim:`` or ``sim:/folder``).

Public API: ``FileCamera(folder)``.
"""

from __future__ import annotations

from pathlib import Path

from clerk_app.devices.base import DeviceError, DeviceState
from clerk_app.paths import RESOURCES

DEMO_CAMERA_DIR = RESOURCES / "demo" / "camera"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff"}


class FileCamera:
    def __init__(self, folder: Path = DEMO_CAMERA_DIR, url: str = "sim:") -> None:
        self.url = url
        self.folder = Path(folder)
        self._files = sorted(p for p in self.folder.glob("*") if p.suffix.lower() in IMAGE_SUFFIXES) \
            if self.folder.is_dir() else []
        self._next = 0

    def check(self) -> None:
        if not self._files:
            raise DeviceError("camera.sim_no_images", folder=self.folder,
                              state=DeviceState.NOT_CONNECTED)

    def capture_raw(self) -> bytes:
        self.check()
        data = self._files[self._next % len(self._files)].read_bytes()
        self._next += 1
        return data

    def preview_raw(self) -> bytes:
        """The image the next capture would take, without moving on (the page lying under the lens)."""
        self.check()
        return self._files[self._next % len(self._files)].read_bytes()

    def close(self) -> None:
        pass
