"""Assembles the AppDir from this machine's Python and the project's venv: the interpreter and its
standard library, the venv's site-packages without test tools and unused Qt modules, and the
repository's clerk_app/, sync/, resources/, forms/ (the app finds resources next to its package).

Usage: python assemble_appdir.py APPDIR  (run with the venv's interpreter; build.sh does it)
"""

from __future__ import annotations

import re
import shutil
import sys
import sysconfig
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PY = f"python{sys.version_info.major}.{sys.version_info.minor}"

STDLIB_SKIP = {"site-packages", "dist-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip",
               "lib2to3", "unittest/test"}
# Test and build tools, the editable-install hook that points back into the repository.
SITE_SKIP = ("pip", "setuptools", "_pytest", "pytest", "pytestqt", "pytest_qt", "pytest_timeout", "hypothesis",
             "ruff", "_hypothesis", "__editable__", "distutils-precedence.pth", "clerk_workbench", "py.py",
             "_distutils_hack", "pkg_resources", "wheel")
# The app imports QtCore, QtGui, QtWidgets, QtPrintSupport (and the camera QtMultimedia): the rest of
# PySide6-Addons (3D, WebEngine, Quick, charts, designer tools) is dead weight on a counter PC.
QT_KEEP = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtSvg", "QtSvgWidgets", "QtMultimedia",
           "QtMultimediaWidgets", "QtNetwork", "QtDBus", "QtOpenGL", "QtOpenGLWidgets")
QT_LIB_DROP = ("3D", "Quick", "Qml", "WebEngine", "WebView", "Designer", "Charts", "DataVisualization", "Graphs",
               "Location", "Bluetooth", "Nfc", "Sensors", "Scxml", "StateMachine", "RemoteObjects", "TextToSpeech",
               "VirtualKeyboard", "SpatialAudio", "HttpServer", "CanvasPainter", "LabsStyleKit", "Help",
               "ShaderTools", "Pdf", "WebSockets", "WebChannel", "Positioning", "Test", "UiTools")
PYSIDE_DROP = {"assistant", "balsam", "balsamui", "designer", "linguist", "lrelease", "lupdate", "qmlformat",
               "qmllint", "qmlls", "qsb", "svgtoqml", "include", "typesystems", "doc", "glue", "scripts", "support"}



def copy_python(dest: Path) -> None:
    exe = Path(sys._base_executable).resolve()  # type: ignore[attr-defined]
    (dest / "bin").mkdir(parents=True)
    shutil.copy2(exe, dest / "bin" / PY)
    libdir = Path(sysconfig.get_config_var("LIBDIR") or "")
    ldlib = sysconfig.get_config_var("INSTSONAME") or ""
    if sysconfig.get_config_var("Py_ENABLE_SHARED") and (libdir / ldlib).exists():
        (dest / "lib").mkdir(exist_ok=True)
        shutil.copy2(libdir / ldlib, dest / "lib" / ldlib)
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    target = dest / "lib" / PY
    shutil.copytree(stdlib, target, symlinks=False,
                    ignore=lambda d, names: {n for n in names if n in STDLIB_SKIP or n.startswith("config-")})
    dynload = Path(sysconfig.get_paths()["platstdlib"]) / "lib-dynload"
    if dynload.is_dir() and not (target / "lib-dynload").exists():  # Debian keeps it apart
        shutil.copytree(dynload, target / "lib-dynload")


def _site_ignore(directory: str, names: list[str]) -> set[str]:
    d = Path(directory)
    drop = {n for n in names if d.name == "site-packages" and n.startswith(SITE_SKIP)}
    if d.name == "PySide6":
        drop |= {n for n in names if n in PYSIDE_DROP}
        drop |= {n for n in names if n.endswith((".abi3.so", ".pyi")) and n.split(".")[0] not in QT_KEEP}
    if d.name == "lib" and d.parent.name == "Qt":
        drop |= {n for n in names if n.startswith("libQt6") and any(n[6:].startswith(f) for f in QT_LIB_DROP)}
    if d.name == "Qt" and d.parent.name == "PySide6":
        drop |= {"qml", "metatypes", "libexec"}
    if d.name == "plugins" and d.parent.name == "Qt":
        drop |= {n for n in names if n in ("designer", "qmltooling", "sceneparsers", "geometryloaders",
                                           "renderers", "renderplugins", "assetimporters", "scxmldatamodel",
                                           "webview", "position", "sensors", "texttospeech", "qmlls")}
    return drop


GLIBC_NEED = re.compile(rb"GLIBC_2\.(\d+)(?:\.(\d+))?\x00")


def glibc_required(root: Path) -> str:
    """The newest glibc symbol version any ELF file under root asks for (e.g. "2.35").

    The names of needed symbol versions sit NUL-terminated in each ELF's .dynstr; reading them from
    the bytes needs no binutils on the build machine. AppRun compares this with the PC's glibc so an
    old system gets a sentence instead of the loader's "version `GLIBC_2.34' not found"."""
    newest = (2, 0, 0)
    for path in root.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
            data = f.read()
        for minor, patch in GLIBC_NEED.findall(data):
            newest = max(newest, (2, int(minor), int(patch or 0)))
    return ".".join(map(str, newest if newest[2] else newest[:2]))


def assemble(appdir: Path) -> None:
    if appdir.exists():
        shutil.rmtree(appdir)
    python = appdir / "usr" / "python"
    copy_python(python)
    site = Path(sysconfig.get_paths()["purelib"])
    shutil.copytree(site, python / "lib" / PY / "site-packages", ignore=_site_ignore, symlinks=True)
    app = appdir / "usr" / "app"
    for name in ("clerk_app", "sync", "resources", "forms"):
        shutil.copytree(REPO / name, app / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("AppRun", "clerk-workbench.desktop", "clerk-workbench.svg", "clerk-workbench.png"):
        shutil.copy2(HERE / name, appdir / name)
    (appdir / "AppRun").chmod(0o755)
    icons = appdir / "usr" / "share" / "icons" / "hicolor"
    (icons / "256x256" / "apps").mkdir(parents=True)
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(HERE / "clerk-workbench.png", icons / "256x256" / "apps")
    shutil.copy2(HERE / "clerk-workbench.svg", icons / "scalable" / "apps")
    (appdir / ".DirIcon").symlink_to("clerk-workbench.png")
    (appdir / "usr" / "share" / "applications").mkdir(parents=True)
    shutil.copy2(HERE / "clerk-workbench.desktop", appdir / "usr" / "share" / "applications")
    (appdir / "usr" / "share" / "metainfo").mkdir(parents=True)
    shutil.copy2(HERE / "cn.gov.zwfw.ClerkWorkbench.appdata.xml", appdir / "usr" / "share" / "metainfo")
    (appdir / "usr" / "glibc-required").write_text(glibc_required(appdir / "usr") + "\n")


if __name__ == "__main__":
    assemble(Path(sys.argv[1]))
