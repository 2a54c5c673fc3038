"""The MSI's source (issue 17): a launch condition that lets only 64-bit Windows 10 1809+ / 11 install, with
a Chinese message; the Start-menu shortcut starts the console-less GUI executable that the PyInstaller
spec builds; the center's server stack stays out. make msi-validate compiles it with wixl."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

MSI = Path(__file__).resolve().parents[2] / "installers" / "msi"
NS = {"w": "http://schemas.microsoft.com/wix/2006/wi"}
PRODUCT = ET.parse(MSI / "clerk-workbench.wxs").getroot().find("w:Product", NS)
assert PRODUCT is not None


def evaluate(condition: str, props: dict[str, int | None]) -> bool:
    """Windows Installer's meaning of this condition's grammar (AND, OR, >=, parentheses, bare property
    = set or not); an unset property compared with a number is false."""
    expr = condition
    for name, value in props.items():
        expr = re.sub(rf"\b{name}\b\s*>=\s*(\d+)", lambda m, v=value: str(v is not None and v >= int(m.group(1))), expr)
        expr = re.sub(rf"\b{name}\b", str(value is not None), expr)
    expr = expr.replace("AND", "and").replace("OR", "or").replace("NOT", "not")
    assert re.fullmatch(r"[\sandortTrueFalse()]*", expr), expr
    return bool(eval(expr))  # noqa: S307 - only True/False/and/or/not/parentheses remain (checked above)


@pytest.mark.parametrize(("installed", "x64", "build", "allowed"), [
    (None, 1, 7601, False),    # Windows 7 SP1
    (None, 1, 9600, False),    # Windows 8.1
    (None, 1, 17134, False),   # Windows 10 1803
    (None, 1, 17763, True),    # Windows 10 1809 / LTSC 2019
    (None, 1, 19045, True),    # Windows 10 22H2
    (None, 1, 22631, True),    # Windows 11
    (None, None, 19045, False),  # 32-bit Windows 10
    (1, 1, 17134, True),       # already installed: repair and removal are never blocked
])
def test_launch_condition(installed: int | None, x64: int | None, build: int, allowed: bool) -> None:
    cond = PRODUCT.find("w:Condition", NS)
    assert cond is not None and cond.text is not None
    assert evaluate(cond.text, {"Installed": installed, "VersionNT64": x64, "WINDOWSBUILD": build}) is allowed
    assert "Windows 10（1809 版或更新）" in cond.get("Message", "") and "64 位" in cond.get("Message", "")


def test_build_number_comes_from_the_registry_as_text() -> None:
    prop = PRODUCT.find("w:Property[@Id='WINDOWSBUILD']", NS)
    search = prop.find("w:RegistrySearch", NS) if prop is not None else None
    assert search is not None
    assert (search.get("Root"), search.get("Key"), search.get("Name"), search.get("Type")) == (
        "HKLM", r"SOFTWARE\Microsoft\Windows NT\CurrentVersion", "CurrentBuildNumber", "raw")


def test_start_menu_shortcut_starts_the_gui_executable_the_spec_builds() -> None:
    shortcut = PRODUCT.find(".//w:Shortcut[@Id='AppShortcut']", NS)
    assert shortcut is not None and shortcut.get("Target") == "[INSTALLDIR]clerk-workbench.exe"
    files = {f.get("Name") for f in PRODUCT.iter(f"{{{NS['w']}}}File")}
    assert {"clerk-workbench.exe", "clerk-app.exe"} <= files
    spec = (MSI / "clerk-app.spec").read_text()
    assert re.search(r'EXE\([^)]*name="clerk-workbench", console=False', spec)
    assert re.search(r'EXE\([^)]*name="clerk-app", console=True', spec)
    assert re.search(r"COLLECT\(exe, gui,", spec)
    for center_only in ("fastapi", "uvicorn", "psycopg", "sync.server"):
        assert f'"{center_only}"' in spec.split("excludes=")[1].split("]")[0]
