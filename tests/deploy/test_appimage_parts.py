"""The AppImage's parts, fast: the runtime built from runtime.c runs a tiny image (offset, magic,
extraction with a symlink, arguments and APPDIR passed to AppRun); desktop file, AppStream
metadata and icon agree. The full image is built and self-tested by make appimage / appimage-check."""

from __future__ import annotations

import configparser
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

HERE = Path(__file__).resolve().parents[2] / "installers" / "appimage"
LIBS = ["-lsquashfuse", "-lz", "-llzma", "-lzstd", "-llz4", "-llzo2"]


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rt") / "runtime"
    subprocess.run(["gcc", "-O2", "-static", "-w", "-o", str(out), str(HERE / "runtime.c"), "-I/usr/include/squashfuse",
                    *LIBS], check=True, timeout=120)
    data = bytearray(out.read_bytes())
    data[8:11] = b"AI\x02"
    out.write_bytes(bytes(data))
    return out


def make_image(runtime: Path, tmp_path: Path) -> Path:
    appdir = tmp_path / "AppDir"
    (appdir / "usr" / "share").mkdir(parents=True)
    (appdir / "AppRun").write_text('#!/bin/sh\necho "run:$APPDIR:$(cat "$APPDIR/usr/share/data.txt"):$*"\n')
    (appdir / "AppRun").chmod(0o755)
    (appdir / "usr" / "share" / "data.txt").write_text("数据")
    (appdir / "link.txt").symlink_to("usr/share/data.txt")
    squash = tmp_path / "app.squashfs"
    subprocess.run(["mksquashfs", str(appdir), str(squash), "-root-owned", "-noappend", "-comp", "zstd", "-quiet",
                    "-no-progress"], check=True, capture_output=True, timeout=60)
    image = tmp_path / "Tiny-x86_64.AppImage"
    image.write_bytes(runtime.read_bytes() + squash.read_bytes())
    image.chmod(0o755)
    return image


def test_runtime_runs_apprun_with_arguments_from_a_cache(runtime: Path, tmp_path: Path) -> None:
    image = make_image(runtime, tmp_path)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert image.read_bytes()[8:11] == b"AI\x02"
    offset = subprocess.run([image, "--appimage-offset"], capture_output=True, text=True, env=env, check=True)
    assert int(offset.stdout) == runtime.stat().st_size
    for args in (["--appimage-extract-and-run", "a", "b c"], ["a", "b c"]):  # the second reuses the cache
        r = subprocess.run([image, *args], capture_output=True, text=True, env=env, timeout=30)
        assert r.returncode == 0, r.stderr
        appdir, data, rest = r.stdout.strip().split(":", 3)[1:]
        assert Path(appdir).parent == tmp_path / "cache" / "appimage-run" and data == "数据" and rest == "a b c"


def test_runtime_extracts_files_and_symlinks(runtime: Path, tmp_path: Path) -> None:
    image = make_image(runtime, tmp_path)
    subprocess.run([image, "--appimage-extract", str(tmp_path / "out")], check=True, timeout=30)
    assert (tmp_path / "out" / "link.txt").is_symlink() and (tmp_path / "out" / "link.txt").read_text() == "数据"
    assert os.access(tmp_path / "out" / "AppRun", os.X_OK)


def test_desktop_file_metainfo_and_icon_agree() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(HERE / "clerk-workbench.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name[zh_CN]"] == "一窗受理工作台"
    assert (HERE / f"{entry['Icon']}.svg").is_file() and (HERE / f"{entry['Icon']}.png").is_file()
    assert entry["Categories"].endswith(";")
    meta = ET.parse(HERE / "cn.gov.zwfw.ClerkWorkbench.appdata.xml").getroot()
    assert meta.findtext("id") == "cn.gov.zwfw.ClerkWorkbench"
    assert meta.findtext("launchable") == "clerk-workbench.desktop"
    assert ET.parse(HERE / "clerk-workbench.svg").getroot().get("width") == "256"
    with Image.open(HERE / "clerk-workbench.png") as png:
        assert png.size == (256, 256) and png.mode == "RGBA"


def test_apprun_requires_the_keyring_unless_told_otherwise() -> None:
    text = (HERE / "AppRun").read_text()
    assert 'CLERK_APP_REQUIRE_KEYRING="${CLERK_APP_REQUIRE_KEYRING-1}"' in text
    assert "CLERK_APP_ALLOW_UNENCRYPTED" not in text.split("\n", 3)[3]
