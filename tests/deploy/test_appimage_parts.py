"""The AppImage's parts, fast: the runtime built from runtime.c runs a tiny image (offset, magic,
extraction with a symlink, arguments and APPDIR passed to AppRun); desktop file, AppStream
metadata and icon agree. The full image is built and self-tested by make appimage / appimage-check."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import time
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


def make_image(runtime: Path, tmp_path: Path, name: str = "Tiny-x86_64.AppImage",
               apprun: str = 'echo "run:$APPDIR:$(cat "$APPDIR/usr/share/data.txt"):$*"') -> Path:
    appdir = tmp_path / "AppDir"
    shutil.rmtree(appdir, ignore_errors=True)
    (appdir / "usr" / "share").mkdir(parents=True)
    (appdir / "AppRun").write_text(f"#!/bin/sh\n{apprun}\n")
    (appdir / "AppRun").chmod(0o755)
    (appdir / "usr" / "share" / "data.txt").write_text("数据")
    (appdir / "link.txt").symlink_to("usr/share/data.txt")
    squash = tmp_path / "app.squashfs"
    subprocess.run(["mksquashfs", str(appdir), str(squash), "-root-owned", "-noappend", "-comp", "zstd", "-quiet",
                    "-no-progress"], check=True, capture_output=True, timeout=60)
    image = tmp_path / name
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


def _load_elfcheck():  # type: ignore[no-untyped-def]
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("elfcheck", HERE / "elfcheck.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["elfcheck"] = module
    spec.loader.exec_module(module)
    return module


def test_glibc_required_is_the_newest_version_any_bundled_elf_needs(tmp_path: Path) -> None:
    import re
    import shutil
    import sys

    python = Path(sys.executable).resolve()
    shutil.copy2(python, tmp_path / "python")
    # Text that merely mentions a version is not a library that needs it.
    (tmp_path / "notes.txt").write_bytes(b"GLIBC_2.99\x00")
    dump = subprocess.run(["objdump", "-T", str(python)], capture_output=True, text=True, check=True).stdout
    expected = max(tuple(int(p) for p in v.split(".")) for v in re.findall(r"GLIBC_(2\.\d+(?:\.\d+)?)", dump))
    elfcheck = _load_elfcheck()
    assert elfcheck.check(tmp_path, "x86_64", [], elfcheck.load_hostlibs())[1] == expected


def _apprun_dir(tmp_path: Path, required: str) -> Path:
    appdir = tmp_path / "AppDir"
    (appdir / "usr" / "python" / "bin").mkdir(parents=True)
    (appdir / "AppRun").write_bytes((HERE / "AppRun").read_bytes())
    (appdir / "AppRun").chmod(0o755)
    (appdir / "usr" / "glibc-required").write_text(required + "\n")
    fake = appdir / "usr" / "python" / "bin" / "python3.11"
    fake.write_text('#!/bin/sh\necho "started $*"\n')
    fake.chmod(0o755)
    return appdir


def test_apprun_explains_a_too_old_glibc_instead_of_a_loader_error(tmp_path: Path) -> None:
    have = subprocess.run(["getconf", "GNU_LIBC_VERSION"], capture_output=True, text=True, check=True).stdout.split()[1]
    refused = subprocess.run([str(_apprun_dir(tmp_path / "new", "2.999") / "AppRun"), "--self-test"],
                             capture_output=True, text=True, timeout=30)
    assert refused.returncode == 1 and refused.stdout == ""
    assert f"本系统的 glibc 为 {have}，本安装包需要 2.999" in refused.stderr
    started = subprocess.run([str(_apprun_dir(tmp_path / "old", "2.17") / "AppRun"), "--self-test"],
                             capture_output=True, text=True, timeout=30)
    assert started.returncode == 0 and started.stdout.strip() == "started -s -m clerk_app --self-test"
    same = subprocess.run([str(_apprun_dir(tmp_path / "same", have) / "AppRun")], capture_output=True, text=True,
                          timeout=30)
    assert same.returncode == 0, same.stderr


def test_an_upgrade_removes_the_old_versions_cache_unless_it_is_still_running(runtime: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "appimage-run"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    (cache / "other-app-1").mkdir(parents=True)  # another program's folder: never ours to remove
    old = make_image(runtime, tmp_path, "Old.AppImage", 'echo "$APPDIR"; [ -z "$1" ] || exec sleep "$1"')
    os.utime(old, (time.time() - 86400 * 30,) * 2)  # installed a month ago
    running = subprocess.Popen([old, "30"], stdout=subprocess.PIPE, text=True, env=env)
    try:
        old_dir = Path(running.stdout.readline().strip())  # type: ignore[union-attr]
        assert old_dir.parent == cache and old_dir.name.startswith("clerk-workbench-")
        new = make_image(runtime, tmp_path, "New.AppImage", 'echo "$APPDIR" # v2')
        new_dir = Path(subprocess.run([new], capture_output=True, text=True, env=env, check=True).stdout.strip())
        assert new_dir != old_dir and (new_dir / "AppRun").is_file()
        assert (old_dir / "AppRun").is_file()  # the old version is still open on this PC: kept
    finally:
        running.kill()
        running.wait()
    subprocess.run([new], capture_output=True, env=env, check=True, timeout=30)
    assert not old_dir.exists() and (new_dir / "AppRun").is_file()
    assert sorted(p.name for p in cache.iterdir()) == sorted(["other-app-1", new_dir.name])
