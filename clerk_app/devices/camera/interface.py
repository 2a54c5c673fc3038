"""What every document camera offers. Public API: ``Camera`` protocol, ``NoCamera``."""

from __future__ import annotations

from typing import Protocol

from clerk_app.devices.base import DeviceError, DeviceState


class Camera(Protocol):
    url: str

    def check(self) -> None:
        """Raises DeviceError when the camera cannot capture now."""
        ...

    def capture_raw(self) -> bytes:
        """One still image as delivered by the device (JPEG/PNG bytes), before deskew."""
        ...

    def preview_raw(self) -> bytes:
        """One frame for the live preview: what the next capture would take, possibly smaller."""
        ...

    def close(self) -> None: ...


class NoCamera:
    """``file:`` — no camera at this counter; importing files still works."""

    def __init__(self, url: str = "file:") -> None:
        self.url = url

    def _absent(self) -> DeviceError:
        return DeviceError("camera.not_configured", state=DeviceState.NOT_CONNECTED)

    def check(self) -> None:
        raise self._absent()

    def capture_raw(self) -> bytes:
        raise self._absent()

    def preview_raw(self) -> bytes:
        raise self._absent()

    def close(self) -> None:
        pass
