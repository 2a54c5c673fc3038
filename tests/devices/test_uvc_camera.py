"""USB document cameras through Qt Multimedia: the real backend runs here, with no camera plugged in."""

import subprocess
import sys

import pytest

from clerk_app.devices.base import DeviceError, DeviceState
from clerk_app.devices.camera.uvc import UvcCamera, VideoInput, choose, list_inputs


def test_document_camera_is_preferred_then_by_name() -> None:
    inputs = [VideoInput("a", "Integrated Webcam", (1280, 720)), VideoInput("b", "良田高拍仪 S1000", (4608, 3456))]
    assert choose(inputs, "").id == "b"
    assert choose(inputs, "webcam").id == "a"
    assert choose(inputs[:1], "").id == "a"
    with pytest.raises(DeviceError, match="未找到名称含“X900”的摄像头（本机有：Integrated Webcam、良田高拍仪 S1000）"):
        choose(inputs, "X900")


def test_no_camera_plugged_in_is_a_clear_not_connected_state(qapp) -> None:  # type: ignore[no-untyped-def]
    assert list_inputs() == []  # Qt Multimedia's real device list on this machine
    with pytest.raises(DeviceError) as exc:
        UvcCamera("uvc:").check()
    assert exc.value.state is DeviceState.NOT_CONNECTED and "未找到 USB 高拍仪" in exc.value.message


def test_manager_reports_it_and_the_cli_fails_cleanly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.devices.manager import DeviceManager
    from clerk_app.settings import Settings

    with DeviceManager(Settings(camera="uvc:").devices) as manager:
        status = manager.probe("camera")
    assert status.state is DeviceState.NOT_CONNECTED and "未找到 USB 高拍仪" in status.message
    r = subprocess.run([sys.executable, "-m", "clerk_app", "devices", "capture", "--camera", "uvc:", "--out",
                        str(tmp_path / "x.jpg")], capture_output=True, text=True, timeout=120,
                       env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert r.returncode != 0 and r.stdout == "" and "未找到 USB 高拍仪" in r.stderr
    assert not (tmp_path / "x.jpg").exists()
