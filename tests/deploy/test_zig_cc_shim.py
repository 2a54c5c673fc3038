"""installers/appimage/cc.sh, the gcc-speaking front that CPython's build calls instead of `zig cc`: its
translations, seen through a stand-in zig that prints what it was given."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

CC = Path(__file__).resolve().parents[2] / "installers" / "appimage" / "cc.sh"


def run(tmp_path: Path, *args: str, tool: str = "cc") -> list[str]:
    fake = tmp_path / "zig"
    fake.write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n')
    fake.chmod(0o755)
    env = {**os.environ, "ZIG": str(fake), "TARGET": "x86_64-linux-gnu.2.28", "TOOL": tool, "TMPDIR": str(tmp_path)}
    r = subprocess.run(["sh", str(CC), *args], capture_output=True, text=True, env=env, check=True, timeout=30)
    return r.stdout.splitlines()


def test_compiles_for_the_glibc_228_target_and_keeps_the_projects_own_flags(tmp_path: Path) -> None:
    out = run(tmp_path, "-c", "-O2", "-I/root/.cache/deps/include", "x.c", "-o", "x.o")
    assert out == ["cc", "-target", "x86_64-linux-gnu.2.28", "-c", "-O2", "-I/root/.cache/deps/include", "x.c",
                   "-o", "x.o", "-Wno-date-time"]  # zig makes -Wdate-time an error; getbuildinfo.c uses __DATE__


def test_drops_the_build_hosts_system_folders(tmp_path: Path) -> None:
    out = run(tmp_path, "-c", "-I/usr/include/x86_64-linux-gnu", "-I/usr/local/include", "-I./Include", "m.c")
    assert out[3:] == ["-c", "-I./Include", "m.c", "-Wno-date-time"]
    out = run(tmp_path, "-shared", "a.o", "-L/usr/lib/x86_64-linux-gnu", "-L/usr/local/lib", "-L.", "-o", "m.so")
    assert out[3:] == ["-shared", "a.o", "-L.", "-o", "m.so", "-Wno-date-time"]


def test_soname_spelling_and_a_link_without_sources_gets_an_empty_one(tmp_path: Path) -> None:
    out = run(tmp_path, "-shared", "-Wl,--no-as-needed", "-o", "libpython3.so", "-Wl,-hlibpython3.so",
              "libpython3.11.so")
    assert "-Wl,-soname,libpython3.so" in out and "-Wl,-hlibpython3.so" not in out
    dummy = out[-2]
    assert dummy.startswith(str(tmp_path)) and dummy.endswith(".c") and not Path(dummy).exists()  # removed after
    # With a source present, or when only asking for the version, nothing is added.
    assert run(tmp_path, "-shared", "-o", "x.so", "x.o")[-2] == "x.o"
    assert run(tmp_path, "--version") == ["cc", "-target", "x86_64-linux-gnu.2.28", "--version", "-Wno-date-time"]


def test_ar_and_ranlib_go_to_zigs_own(tmp_path: Path) -> None:
    assert run(tmp_path, "rcs", "lib.a", "a.o", tool="ar") == ["ar", "rcs", "lib.a", "a.o"]
    assert run(tmp_path, "lib.a", tool="ranlib") == ["ranlib", "lib.a"]
