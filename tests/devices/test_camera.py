"""Document camera: deskew on synthetic pages, the file simulator, file import, Eloam over HTTP."""

from __future__ import annotations

import base64
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image, ImageDraw

from clerk_app.devices.base import DeviceError, DeviceState
from clerk_app.devices.camera.capture import capture_document, import_file, open_camera
from clerk_app.devices.camera.imaging import find_document, process_capture
from clerk_app.errors import UserError


def _scene(angle: float) -> Image.Image:
    page = Image.new("RGB", (300, 420), "white")
    ImageDraw.Draw(page).rectangle((40, 40, 260, 80), fill="black")
    bg = Image.new("RGB", (800, 700), (40, 40, 40))
    rot = page.convert("RGBA").rotate(angle, expand=True)
    bg.paste(rot, ((800 - rot.width) // 2, (700 - rot.height) // 2), rot)
    return bg


@pytest.mark.parametrize("angle", [-12, -5, 0, 3, 9])
def test_skew_angle_is_found(angle: float) -> None:
    found = find_document(_scene(angle))
    assert found is not None
    assert abs(found[0] + angle) < 1.0  # the correction undoes the rotation


def test_deskew_crops_to_the_page() -> None:
    buf = io.BytesIO()
    _scene(8).save(buf, "PNG")
    out = Image.open(io.BytesIO(process_capture(buf.getvalue())))
    assert out.format == "JPEG"
    assert abs(out.width - 300) < 20 and abs(out.height - 420) < 20
    corner = out.convert("L").getpixel((3, out.height - 4))
    assert corner > 200  # page, not the dark base


def test_plain_image_without_page_is_left_alone() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (200, 100), (128, 128, 128)).save(buf, "PNG")
    assert Image.open(io.BytesIO(process_capture(buf.getvalue()))).size == (200, 100)


def test_size_cap() -> None:
    noisy = Image.effect_noise((1500, 1500), 80).convert("RGB")
    buf = io.BytesIO()
    noisy.save(buf, "PNG")
    out = process_capture(buf.getvalue(), deskew=False, max_bytes=150_000)
    assert len(out) <= 150_000


def test_simulator_serves_demo_images_in_turn() -> None:
    cam = open_camera("sim:")
    cam.check()
    first, second = cam.capture_raw(), cam.capture_raw()
    assert first != second
    out = Image.open(io.BytesIO(capture_document(cam)))
    assert out.width < out.height  # the portrait page cut out of a landscape shot


def test_simulator_with_empty_folder(tmp_path) -> None:
    cam = open_camera(f"sim:{tmp_path}")
    with pytest.raises(DeviceError) as info:
        cam.capture_raw()
    assert info.value.state is DeviceState.NOT_CONNECTED


def test_no_camera_and_import(tmp_path) -> None:
    cam = open_camera("file:")
    with pytest.raises(DeviceError, match="导入文件"):
        cam.check()
    p = tmp_path / "scan.png"
    _scene(0).save(p)
    assert import_file(p)[:2] == b"\xff\xd8"
    bad = tmp_path / "notes.txt"
    bad.write_text("不是图片")
    with pytest.raises(UserError, match="图片"):
        import_file(bad)
    with pytest.raises(UserError):
        import_file(tmp_path / "missing.jpg")


class _EloamService(BaseHTTPRequestHandler):
    """Stands in for the vendor's Windows service, which cannot run here; same wire format."""

    calls: list[tuple[str, dict]] = []
    broken = False

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.calls.append((self.path, body))
        if self.path == "/device=isconnect":
            reply = {"code": "0", "data": "1"}
        elif self.path == "/video=grabimage":
            buf = io.BytesIO()
            _scene(5).save(buf, "JPEG")
            reply = {"code": "1", "message": "no device"} if self.broken else \
                {"code": "0", "photoBase64": base64.b64encode(buf.getvalue()).decode()}
        else:
            reply = {"code": "-1"}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        """The preview stream: multipart MJPEG that never ends, as the vendor service sends it."""
        if not self.path.startswith("/video=stream"):
            self.send_error(404)
            return
        self.calls.append((self.path, {}))
        self.send_response(200)
        self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=frame")
        self.end_headers()
        buf = io.BytesIO()
        _scene(5).resize((320, 240)).save(buf, "JPEG")
        try:
            for _ in range(50):
                self.wfile.write(b"--frame\r\nContent-Type: image/jpeg\r\n\r\n" + buf.getvalue() + b"\r\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client took its one frame and hung up

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def eloam_service():  # type: ignore[no-untyped-def]
    _EloamService.calls, _EloamService.broken = [], False
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _EloamService)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"eloam://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_eloam_preview_takes_one_frame_of_the_stream(eloam_service) -> None:  # type: ignore[no-untyped-def]
    cam = open_camera(eloam_service)
    frame = cam.preview_raw()
    assert frame[:2] == b"\xff\xd8" and frame[-2:] == b"\xff\xd9"
    assert Image.open(io.BytesIO(frame)).size == (320, 240)
    assert ("/video=stream&camidx=0", {}) in _EloamService.calls


def test_simulator_preview_shows_the_page_the_next_capture_takes() -> None:
    cam = open_camera("sim:")
    first = cam.preview_raw()
    assert cam.preview_raw() == first == cam.capture_raw()
    assert cam.preview_raw() != first  # the next page now lies under the lens
    with pytest.raises(DeviceError, match="导入文件"):
        open_camera("file:").preview_raw()


def test_eloam_adapter_over_http() -> None:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _EloamService)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        cam = open_camera(f"eloam://127.0.0.1:{srv.server_address[1]}")
        cam.check()
        jpeg = capture_document(cam)
        assert jpeg[:2] == b"\xff\xd8"
        assert ("/video=grabimage", {"filepath": "base64", "rotate": "0", "cutpage": "0", "camidx": "0"}) \
            in _EloamService.calls
        _EloamService.broken = True
        with pytest.raises(DeviceError, match="拍照失败"):
            cam.capture_raw()
    finally:
        srv.shutdown()
        srv.server_close()


def test_eloam_service_not_running() -> None:
    cam = open_camera("eloam://127.0.0.1:9")
    with pytest.raises(DeviceError) as info:
        cam.check()
    assert info.value.state is DeviceState.NOT_CONNECTED and "服务" in info.value.message
