"""良田 Eloam "WebCamera" local HTTP service (default 127.0.0.1:38088), docs/devices.md C.1.

Public API: ``EloamCamera(url="eloam://127.0.0.1:38088", camidx=0)``. The body of every POST is
a JSON string; replies carry ``code`` as a string, "0" meaning OK.
"""

from __future__ import annotations

import base64
import binascii
import json
from urllib.parse import urlsplit

from clerk_app.devices.base import DeviceError, DeviceState

TIMEOUT = 5.0  # a grab at full resolution takes 1-2 s on the vendor service
PREVIEW_TIMEOUT = 3.0
MAX_FRAME_BYTES = 8_000_000  # a stream that never closes a frame must not fill memory


class EloamCamera:
    def __init__(self, url: str = "eloam://127.0.0.1:38088", camidx: int = 0) -> None:
        self.url = url
        parts = urlsplit(url)
        self.base = f"http://{parts.hostname or '127.0.0.1'}:{parts.port or 38088}"
        self.camidx = str(camidx)

    def _post(self, endpoint: str, body: dict[str, str]) -> dict[str, object]:
        # urllib.request (http.client, email, ~35 ms) is imported here for start-up time: every
        # `devices` command imports this module, and only an Eloam camera talks to its service.
        import urllib.error
        import urllib.request

        req = urllib.request.Request(f"{self.base}/{endpoint}", data=json.dumps(body).encode(), method="POST")
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                reply = json.loads(resp.read().decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise DeviceError("camera.service_unreachable",
                              state=DeviceState.NOT_CONNECTED, detail=repr(exc)) from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise DeviceError("camera.bad_reply", detail=repr(exc)) from exc
        if str(reply.get("code")) != "0":
            raise DeviceError("camera.capture_failed",
                              detail=f"{endpoint} -> {json.dumps(reply, ensure_ascii=False)[:200]}")
        return reply

    def check(self) -> None:
        self._post("device=isconnect", {"camidx": self.camidx})

    def capture_raw(self) -> bytes:
        reply = self._post("video=grabimage",
                           {"filepath": "base64", "rotate": "0", "cutpage": "0", "camidx": self.camidx})
        b64 = str(reply.get("photoBase64") or "")
        if b64.startswith("data:"):
            b64 = b64.split(",", 1)[-1]
        try:
            data = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise DeviceError("camera.corrupt_image", detail=repr(exc)) from exc
        if not data:
            raise DeviceError("camera.no_image")
        return data

    def preview_raw(self) -> bytes:
        """One frame of the service's MJPEG preview stream (``GET /video=stream``): the preview
        resolution, far cheaper than a full-resolution grab."""
        import urllib.error  # here for start-up time, like _post's
        import urllib.request

        url = f"{self.base}/video=stream&camidx={self.camidx}"
        buf = b""
        try:
            with urllib.request.urlopen(url, timeout=PREVIEW_TIMEOUT) as resp:
                while len(buf) < MAX_FRAME_BYTES:
                    chunk = resp.read1(65536) if hasattr(resp, "read1") else resp.read(65536)
                    if not chunk:
                        break
                    buf += chunk
                    start = buf.find(b"\xff\xd8")
                    end = buf.find(b"\xff\xd9", start + 2) if start >= 0 else -1
                    if end >= 0:
                        return buf[start:end + 2]
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise DeviceError("camera.service_unreachable",
                              state=DeviceState.NOT_CONNECTED, detail=repr(exc)) from exc
        raise DeviceError("camera.preview_failed",
                          detail=f"{len(buf)} bytes without a whole frame")

    def close(self) -> None:
        pass
