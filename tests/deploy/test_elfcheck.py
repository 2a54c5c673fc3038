"""installers/appimage/elfcheck.py on small real ELF files built here with gcc/g++: the checks that make
`make appimage` fail for a library that is neither bundled nor on the host list, a glibc/libstdc++ symbol
version newer than the target's floor, or the wrong machine. The full image is checked by make appimage."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[2] / "installers" / "appimage"
spec = importlib.util.spec_from_file_location("elfcheck", HERE / "elfcheck.py")
assert spec and spec.loader
elfcheck = importlib.util.module_from_spec(spec)
sys.modules["elfcheck"] = elfcheck  # dataclasses look their module up there
spec.loader.exec_module(elfcheck)
HOST = elfcheck.load_hostlibs()


def cc(tmp: Path, name: str, source: str, *args: str, compiler: str = "gcc", suffix: str = ".c") -> Path:
    src = tmp / f"{name}{suffix}"
    src.write_text(source)
    out = tmp / name
    subprocess.run([compiler, "-O1", "-fPIC", "-o", str(out), str(src), *args], check=True, timeout=120)
    return out


def test_reads_needed_runpath_and_symbol_versions(tmp_path: Path) -> None:
    lib = cc(tmp_path, "libuses.so", "#include <zlib.h>\nconst char *v(void){return zlibVersion();}\n",
             "-shared", "-lz", "-Wl,-rpath,$ORIGIN/../deps", "-Wl,--enable-new-dtags")
    elf = elfcheck.read_elf(lib)
    assert elf is not None and elf.machine == 62
    assert "libz.so.1" in elf.needed and elf.runpath == ["$ORIGIN/../deps"]
    assert elfcheck.read_elf(HERE / "AppRun") is None  # a shell script is not ELF


def test_unbundled_library_fails_and_bundling_it_beside_runpath_passes(tmp_path: Path) -> None:
    app = tmp_path / "AppDir"
    (app / "usr" / "lib").mkdir(parents=True)
    cc(app / "usr" / "lib", "libuses.so", "#include <zlib.h>\nconst char *v(void){return zlibVersion();}\n",
       "-shared", "-lz", "-Wl,-rpath,$ORIGIN/../deps")
    problems, _ = elfcheck.check(app, "x86_64", [], HOST)
    assert problems == ["usr/lib/libuses.so: needs libz.so.1, neither bundled where the loader looks nor in hostlibs.txt"]
    (app / "usr" / "deps").mkdir()
    shutil.copy2(Path("/lib/x86_64-linux-gnu/libz.so.1").resolve(), app / "usr" / "deps" / "libz.so.1")
    problems, newest = elfcheck.check(app, "x86_64", [], HOST)
    assert problems == [] and (2, 2, 5) <= newest <= (2, 28)
    # Found through AppRun's LD_LIBRARY_PATH folders as well, when there is no RUNPATH to it.
    (app / "usr" / "deps" / "libz.so.1").rename(app / "usr" / "lib" / "libz.so.1")
    assert elfcheck.check(app, "x86_64", ["usr/lib"], HOST)[0] == []
    assert elfcheck.check(app, "x86_64", [], HOST)[0] != []


def test_a_program_linked_against_this_hosts_glibc_is_too_new_for_uos20(tmp_path: Path) -> None:
    # glibc 2.34 moved __libc_start_main to a new version: every program linked on Debian 12 needs it.
    app = tmp_path / "AppDir"
    app.mkdir()
    cc(app, "prog", "int main(void){return 0;}\n")
    problems, newest = elfcheck.check(app, "x86_64", [], HOST)
    assert newest >= (2, 34)
    assert problems == ["prog: needs GLIBC_2.34, newer than x86_64's floor GLIBC_2.28"]
    assert elfcheck.main([str(app), "x86_64"]) == 1


def test_libstdcxx_versions_are_held_to_the_targets_gcc_runtime(tmp_path: Path) -> None:
    app = tmp_path / "AppDir"
    app.mkdir()
    # std::string with the C++11 ABI needs GLIBCXX_3.4.21; gcc 12 adds newer ones for <format>-era code,
    # but this one stays old: it passes the floor. A lowered floor shows the check bites.
    cc(app, "libcxx.so", '#include <string>\nstd::string f(const char*s){return std::string(s)+"x";}\n',
       "-shared", compiler="g++", suffix=".cc")
    elf = elfcheck.read_elf(app / "libcxx.so")
    assert elf is not None and any(v.startswith("GLIBCXX_3.4.2") for v in elf.versions["libstdc++.so.6"])
    assert elfcheck.check(app, "x86_64", [], HOST)[0] == []
    floors = elfcheck.FLOORS["x86_64"]
    saved = floors["GLIBCXX"]
    try:
        floors["GLIBCXX"] = (3, 4, 20)
        problems = elfcheck.check(app, "x86_64", [], HOST)[0]
    finally:
        floors["GLIBCXX"] = saved
    assert problems and all("GLIBCXX_3.4.2" in p and "floor GLIBCXX_3.4.20" in p for p in problems)


def test_wrong_machine_is_refused(tmp_path: Path) -> None:
    app = tmp_path / "AppDir"
    app.mkdir()
    cc(app, "libx.so", "int x(void){return 1;}\n", "-shared")
    problems, _ = elfcheck.check(app, "aarch64", [], HOST)
    assert problems == ["libx.so: built for machine 62, not aarch64"]


@pytest.mark.parametrize("name", ["libc.so.6", "libGL.so.1", "libxcb.so.1", "libfontconfig.so.1", "libstdc++.so.6"])
def test_host_set_lists_what_every_desktop_has_and_no_bundled_library(name: str) -> None:
    assert name in HOST
    # The image bundles these itself (a Qt 5 desktop may lack them, or OpenSSL 3 hosts lack 1.1).
    assert not HOST & {"libxcb-cursor.so.0", "libssl.so.1.1", "libcrypto.so.1.1", "libffi.so.7", "libsqlite3.so.0"}
