"""The counter's and the center's dependencies are apart (issue 17): FastAPI, uvicorn (with httptools) and psycopg are the
`center` extra, and no module a counter loads (clerk_app, sync.client, sync.protocol) imports them, so the
counter's AppImage and MSI can leave them out."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CENTER_ONLY = ("fastapi", "uvicorn", "psycopg", "starlette", "httptools")


def test_center_stack_is_an_extra_not_a_counter_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = lambda reqs: {r.split("[")[0].split(">")[0].split("=")[0].strip().lower() for r in reqs}  # noqa: E731
    assert names(project["optional-dependencies"]["center"]) == {"fastapi", "uvicorn", "psycopg", "sniffio", "httptools"}
    assert not names(project["dependencies"]) & set(CENTER_ONLY)
    assert "httpx" in names(project["dependencies"])  # the counter's sync client


def test_every_counter_module_imports_without_the_center_stack() -> None:
    # A fresh interpreter where importing any center-only package fails, as in the counter's image.
    code = f"""
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {CENTER_ONLY!r}:
            raise ImportError("center-only: " + name)
sys.meta_path.insert(0, Block())
import clerk_app, sync.client
mods = ["sync.protocol"]
for pkg in (clerk_app, sync.client):
    mods += [m.name for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")
             if ".migrations.versions." not in m.name and not m.name.endswith("__main__")]
for m in mods:
    importlib.import_module(m)
assert not [m for m in sys.modules if m.split(".")[0] in {CENTER_ONLY!r}]
print(len(mods))
"""
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=240,
                       env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr[-2000:]
    assert int(r.stdout.split()[-1]) > 50  # the walk really found the counter's modules


def test_clerk_center_without_the_extra_says_what_to_install() -> None:
    code = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "fastapi":
            raise ImportError(name)
sys.meta_path.insert(0, Block())
from sync.server.cli import main
sys.exit(main(["migrate"]))
"""
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "clerk-workbench[center]" in r.stderr
