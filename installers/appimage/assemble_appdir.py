"""Assembles the AppDir for one target from parts built for it: the zig-built CPython (python.sh: the
interpreter, its standard library and the libraries its modules load), the counter's wheels (site.sh,
without the center's server stack and without unused Qt modules), a few libraries from the bullseye
userland that a counter PC may lack (BUNDLE_FROM_USERLAND), and the repository's clerk_app/, sync/
(client and protocol; the server stays out), resources/, forms/.

Usage: python assemble_appdir.py APPDIR --python PREFIX --site SITE --userland ROOT --arch ARCH
"""

from __future__ import annotations

import argparse
import compileall
import py_compile
import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PY = "python3.11"
TRIPLETS = {"x86_64": "x86_64-linux-gnu", "aarch64": "aarch64-linux-gnu"}
# Not in hostlibs.txt, so carried inside: Qt 6's xcb platform needs libxcb-cursor (Qt 5 desktops such as
# UOS 20's and Kylin V10's do not), Qt's libraries link zstd, its FFmpeg bzip2 (under the .so.1 name).
BUNDLE_FROM_USERLAND = ("libxcb-cursor.so.0", "libxcb-util.so.1", "libzstd.so.1", "libbz2.so.1")
# PySide6 6.8.0's aarch64 wheels are built on an older base and link more of the system: brotli (QtNetwork)
# is not on every desktop, so it is bundled; their camera backends link the system's FFmpeg 4 and
# GStreamer (incl. plugins-bad), which a counter PC may not have: left out, so the aarch64 image has no
# camera capture (docs/it-guide.md).
ARCH_BUNDLE = {"aarch64": ("libbrotlidec.so.1", "libbrotlicommon.so.1")}
ARCH_PLUGIN_DROP = {"aarch64": ("libffmpegmediaplugin", "libgstreamermediaplugin")}
plugin_drop_extra: tuple[str, ...] = ()

STDLIB_SKIP = {"site-packages", "dist-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip",
               "lib2to3", "unittest/test", "__pycache__", "pydoc_data"}
# Test and build tools, the editable-install hook that points back into the repository.
SITE_SKIP = ("pip", "setuptools", "bin", "_pytest", "pytest", "pytestqt", "pytest_qt", "pytest_timeout", "hypothesis",
             "ruff", "_hypothesis", "__editable__", "distutils-precedence.pth", "clerk_workbench", "py.py",
             "_distutils_hack", "pkg_resources", "wheel")
# The app imports QtCore, QtGui, QtWidgets, QtPrintSupport (and the camera QtMultimedia): the rest of
# PySide6-Addons (3D, WebEngine, Quick, charts, designer tools) is dead weight on a counter PC.
QT_KEEP = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtSvg", "QtSvgWidgets", "QtMultimedia",
           "QtMultimediaWidgets", "QtNetwork", "QtDBus", "QtOpenGL", "QtOpenGLWidgets")
# Qml/QmlMeta/QmlModels/QmlWorkerScript/Quick themselves stay: Qt 6.9's FFmpeg camera backend links them.
QT_LIB_DROP = ("3D", "Quick3D", "QuickControls", "QuickTemplates", "QuickDialogs", "QuickTest", "QuickShapes",
               "QuickParticles", "QuickTimeline", "QuickEffects", "QuickLayouts", "QuickVectorImage", "QuickWidgets",
               "QmlCompiler", "QmlLocalStorage", "QmlXmlListModel", "QmlCore", "QmlNetwork", "QmlDebug", "QmlDom",
               "QmlLS", "QmlToolingSettings", "QmlTypeRegistrar", "WebEngine", "WebView", "Designer", "Charts", "DataVisualization", "Graphs",
               "Location", "Bluetooth", "Nfc", "Sensors", "Scxml", "StateMachine", "RemoteObjects", "TextToSpeech",
               "VirtualKeyboard", "SpatialAudio", "HttpServer", "CanvasPainter", "LabsStyleKit", "Help",
               "ShaderTools", "Pdf", "WebSockets", "WebChannel", "Positioning", "Test", "UiTools", "Wayland", "Wl",
               "EglFs", "Labs")
# Plugins for what a counter's X11 desktop does not use (Wayland, EGLFS/KMS, framebuffer, GTK theme,
# SQL drivers, maps, QML tooling): each would need libraries outside the host set.
PLUGIN_FILE_DROP = ("libqwayland", "libqeglfs", "libqlinuxfb", "libqvnc", "libqvkkhrdisplay", "libqminimalegl",
                    "libqgtk3", "libqpdf", "libqtvirtualkeyboard", "libqtiff", "libqwebp")
PYSIDE_DROP = {"assistant", "balsam", "balsamui", "designer", "linguist", "lrelease", "lupdate", "qmlformat",
               "qmllint", "qmlls", "qsb", "svgtoqml", "include", "typesystems", "doc", "glue", "scripts", "support"}



def copy_python(prefix: Path, dest: Path) -> None:
    (dest / "bin").mkdir(parents=True)
    shutil.copy2(prefix / "bin" / PY, dest / "bin" / PY)
    (dest / "lib").mkdir()
    for lib in prefix.joinpath("lib").glob("*.so.*"):  # libpython and the libraries of _ssl, _ctypes, ...
        shutil.copy2(lib, dest / "lib" / lib.name)
    shutil.copytree(prefix / "lib" / PY, dest / "lib" / PY, symlinks=False,
                    ignore=lambda d, names: {n for n in names if n in STDLIB_SKIP or n.startswith("config-")})


def copy_userland_libs(root: Path, arch: str, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for soname in BUNDLE_FROM_USERLAND + ARCH_BUNDLE.get(arch, ()):
        for folder in (root / "usr" / "lib" / TRIPLETS[arch], root / "lib" / TRIPLETS[arch]):
            if (folder / soname).exists():
                shutil.copy2((folder / soname).resolve(), dest / soname)
                break
        else:
            raise SystemExit(f"assemble: {soname} not in the {arch} userland {root}")


def _site_ignore(directory: str, names: list[str]) -> set[str]:
    d = Path(directory)
    drop = {n for n in names if d.name == "site-packages" and n.startswith(SITE_SKIP)}
    if d.name == "PySide6":
        drop |= {n for n in names if n in PYSIDE_DROP}
        drop |= {n for n in names if n.endswith((".abi3.so", ".pyi")) and n.split(".")[0] not in QT_KEEP}
        drop |= {n for n in names if n.startswith("libpyside6qml")}
    if d.name == "lib" and d.parent.name == "Qt":
        drop |= {n for n in names if n.startswith("libQt6") and any(n[6:].startswith(f) for f in QT_LIB_DROP)}
        # The wheel carries FFmpeg three times (libavutil.so, .so.59, .so.59.39.100: symlinks become
        # copies in a wheel); the loader asks for the .so.NN name only.
        drop |= {n for n in names if n.startswith(("libav", "libsw")) and not re.fullmatch(r"lib\w+\.so\.\d+", n)}
    if d.name == "Qt" and d.parent.name == "PySide6":
        drop |= {"qml", "metatypes", "libexec"}
    if d.name == "plugins" and d.parent.name == "Qt":
        drop |= {n for n in names if n in ("designer", "qmltooling", "sceneparsers", "geometryloaders",
                                           "renderers", "renderplugins", "assetimporters", "scxmldatamodel",
                                           "webview", "position", "sensors", "texttospeech", "qmlls", "qmllint",
                                           "sqldrivers", "geoservices", "egldeviceintegrations",
                                           "wayland-decoration-client", "wayland-graphics-integration-client",
                                           "wayland-graphics-integration-server", "wayland-shell-integration")}
    if d.parent.name == "plugins":
        drop |= {n for n in names if n.startswith(PLUGIN_FILE_DROP + plugin_drop_extra)}
    return drop


def assemble(appdir: Path, prefix: Path, site: Path, userland: Path, arch: str) -> None:
    global plugin_drop_extra
    plugin_drop_extra = ARCH_PLUGIN_DROP.get(arch, ())
    if appdir.exists():
        shutil.rmtree(appdir)
    python = appdir / "usr" / "python"
    copy_python(prefix, python)
    shutil.copytree(site, python / "lib" / PY / "site-packages", ignore=_site_ignore, symlinks=True)
    copy_userland_libs(userland, arch, appdir / "usr" / "lib")
    app = appdir / "usr" / "app"
    for name in ("clerk_app", "sync", "resources", "forms"):
        # sync/server is the center (FastAPI): not part of a counter.
        skip = ("__pycache__", "*.pyc", "server") if name == "sync" else ("__pycache__", "*.pyc")
        shutil.copytree(REPO / name, app / name, ignore=shutil.ignore_patterns(*skip))
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
    # Byte-code compiled once here: the runtime's extraction does not keep source mtimes, so only
    # hash-based .pyc files that are never re-validated spare every start the compilation.
    for tree in (python / "lib" / PY, app):
        compileall.compile_dir(tree, quiet=2, workers=0,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("appdir", type=Path)
    parser.add_argument("--python", type=Path, required=True, help="prefix made by python.sh")
    parser.add_argument("--site", type=Path, required=True, help="folder made by site.sh")
    parser.add_argument("--userland", type=Path, required=True, help="bullseye root made by chroot.sh")
    parser.add_argument("--arch", choices=sorted(TRIPLETS), required=True)
    a = parser.parse_args()
    assemble(a.appdir, a.python, a.site, a.userland, a.arch)
