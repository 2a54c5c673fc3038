"""What assemble_appdir.py leaves out of a PySide6 wheel for the counter's image (issue 17): Wayland,
EGLFS, GTK, SQL-driver and QML-tooling parts that would need libraries outside the host set, and FFmpeg's
duplicate copies; the X11 platform, the print support and the Qml core the camera backend links stay."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parents[2] / "installers" / "appimage"
spec = importlib.util.spec_from_file_location("assemble_appdir", HERE / "assemble_appdir.py")
assert spec and spec.loader
assemble = importlib.util.module_from_spec(spec)
spec.loader.exec_module(assemble)

FILES = [
    "PySide6/QtCore.abi3.so", "PySide6/QtQuick3D.abi3.so", "PySide6/libpyside6qml.abi3.so.6.9", "PySide6/designer",
    "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Qml.so.6", "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6QuickControls2.so.6", "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6/Qt/lib/libQt6WebEngineCore.so.6", "PySide6/Qt/lib/libavutil.so.59", "PySide6/Qt/lib/libavutil.so",
    "PySide6/Qt/lib/libavutil.so.59.39.100",
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/libqwayland-generic.so", "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so", "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so", "pip/__init__.py", "pytest/__init__.py", "httpx/__init__.py",
]


def kept(tmp_path: Path, arch: str) -> set[str]:
    site = tmp_path / "site-packages"
    for name in FILES:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(b"x")
    assemble.plugin_drop_extra = assemble.ARCH_PLUGIN_DROP.get(arch, ())
    out = tmp_path / f"out-{arch}" / "site-packages"
    shutil.copytree(site, out, ignore=assemble._site_ignore)
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def test_x86_64_keeps_what_an_x11_counter_uses_and_nothing_that_needs_wayland_or_gtk(tmp_path: Path) -> None:
    assert kept(tmp_path, "x86_64") == {
        "PySide6/QtCore.abi3.so", "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/lib/libavutil.so.59",
        "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "httpx/__init__.py",
    }


def test_aarch64_leaves_out_the_camera_backends_that_link_the_systems_ffmpeg(tmp_path: Path) -> None:
    names = kept(tmp_path, "aarch64")
    assert "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so" not in names
    assert "PySide6/Qt/plugins/platforms/libqxcb.so" in names
