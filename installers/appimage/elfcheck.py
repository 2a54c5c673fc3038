"""Proves an AppDir self-contained for one target before it is packed (issue 17).

Every ELF file in the AppDir is read (no binutils needed; the section headers give .dynamic and
.gnu.version_r) and the build fails when
  - its machine is not the target's (an x86_64 library in the aarch64 image);
  - it needs a soname that is neither bundled where the loader will look (its RUNPATH/RPATH with
    $ORIGIN, or AppRun's LD_LIBRARY_PATH folders) nor in the documented host set (hostlibs.txt);
  - it needs a newer glibc (GLIBC_x.y), libstdc++ (GLIBCXX_/CXXABI_) or libgcc_s (GCC_) symbol version
    than the target system ships (the floors per architecture below).

Usage: python elfcheck.py APPDIR ARCH [--libpath DIR_RELATIVE_TO_APPDIR ...]
Prints the newest glibc version needed (for usr/glibc-required) on success; exits 1 listing every problem.
"""

from __future__ import annotations

import argparse
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

MACHINES = {"x86_64": 62, "aarch64": 183}
# What the oldest target of each architecture ships (hostlibs.txt says which systems):
#  x86_64: UOS 20 / Kylin V10 server = glibc 2.28, gcc 8 runtime (Debian 10 base);
#  aarch64: Kylin V10 desktop = glibc 2.31, gcc 9 runtime (Ubuntu 20.04 base).
FLOORS: dict[str, dict[str, tuple[int, ...]]] = {
    "x86_64": {"GLIBC": (2, 28), "GLIBCXX": (3, 4, 25), "CXXABI": (1, 3, 11), "GCC": (8, 0, 0)},
    "aarch64": {"GLIBC": (2, 31), "GLIBCXX": (3, 4, 28), "CXXABI": (1, 3, 12), "GCC": (9, 0, 0)},
}
SHT_DYNAMIC, SHT_GNU_VERNEED = 6, 0x6FFFFFFE
DT_NEEDED, DT_RPATH, DT_RUNPATH = 1, 15, 29


@dataclass
class Elf:
    path: Path
    machine: int
    needed: list[str] = field(default_factory=list)
    runpath: list[str] = field(default_factory=list)
    versions: dict[str, set[str]] = field(default_factory=dict)  # needed file -> version names


def read_elf(path: Path) -> Elf | None:
    """The dynamic-linking facts of one ELF file, or None when the file is not ELF."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF":
        return None
    bits64, end = data[4] == 2, "<" if data[5] == 1 else ">"
    if bits64:
        machine, = struct.unpack_from(end + "H", data, 18)
        shoff, = struct.unpack_from(end + "Q", data, 40)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 58)
        sh_fmt, dyn_fmt = end + "IIQQQQIIQQ", end + "qQ"
    else:
        machine, = struct.unpack_from(end + "H", data, 18)
        shoff, = struct.unpack_from(end + "I", data, 32)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 46)
        sh_fmt, dyn_fmt = end + "IIIIIIIIII", end + "iI"
    elf = Elf(path, machine)
    sections = [struct.unpack_from(sh_fmt, data, shoff + i * shentsize) for i in range(shnum)] if shoff else []

    def string(strtab: int, offset: int) -> str:
        start = sections[strtab][4] + offset
        return data[start:data.index(b"\0", start)].decode("utf-8", "replace")

    for _name, kind, _flags, _addr, offset, size, link, info, _align, _entsize in sections:
        if kind == SHT_DYNAMIC:
            step = struct.calcsize(dyn_fmt)
            for pos in range(offset, offset + size, step):
                tag, val = struct.unpack_from(dyn_fmt, data, pos)
                if tag == DT_NEEDED:
                    elf.needed.append(string(link, val))
                elif tag in (DT_RPATH, DT_RUNPATH):
                    elf.runpath += string(link, val).split(":")
        elif kind == SHT_GNU_VERNEED:
            pos = offset
            for _ in range(info):
                _ver, cnt, vn_file, vn_aux, vn_next = struct.unpack_from(end + "HHIII", data, pos)
                names = elf.versions.setdefault(string(link, vn_file), set())
                aux = pos + vn_aux
                for _ in range(cnt):
                    _hash, _flags2, _other, vna_name, vna_next = struct.unpack_from(end + "IHHII", data, aux)
                    names.add(string(link, vna_name))
                    aux += vna_next
                pos += vn_next
    return elf


def version_tuple(name: str) -> tuple[str, tuple[int, ...]] | None:
    """("GLIBC", (2, 34)) from "GLIBC_2.34"; None for names that are not numbered (GLIBC_PRIVATE)."""
    family, _, number = name.partition("_")
    try:
        return family, tuple(int(x) for x in number.split("."))
    except ValueError:
        return None


def load_hostlibs(path: Path = HERE / "hostlibs.txt") -> set[str]:
    """The sonames a counter PC provides: first column of hostlibs.txt (# starts a comment)."""
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line.split()[0])
    return names


def check(appdir: Path, arch: str, libpath: list[str], hostlibs: set[str]) -> tuple[list[str], tuple[int, ...]]:
    """Problems found (empty when the AppDir is fine) and the newest glibc version any ELF needs."""
    problems: list[str] = []
    newest_glibc: tuple[int, ...] = (2, 0)
    floors = FLOORS[arch]
    global_dirs = [appdir / d for d in libpath]
    for path in sorted(appdir.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        elf = read_elf(path)
        if elf is None:
            continue
        rel = path.relative_to(appdir)
        if elf.machine != MACHINES[arch]:
            problems.append(f"{rel}: built for machine {elf.machine}, not {arch}")
            continue
        dirs = [Path(d.replace("$ORIGIN", str(path.parent)).replace("${ORIGIN}", str(path.parent)))
                for d in elf.runpath] + global_dirs
        for soname in elf.needed:
            if soname in hostlibs or any((d / soname).exists() for d in dirs):
                continue
            problems.append(f"{rel}: needs {soname}, neither bundled where the loader looks nor in hostlibs.txt")
        for names in elf.versions.values():
            for name in names:
                parsed = version_tuple(name)
                if parsed is None:
                    continue
                family, number = parsed
                if family == "GLIBC":
                    newest_glibc = max(newest_glibc, number)
                if family in floors and number > floors[family]:
                    problems.append(f"{rel}: needs {name}, newer than {arch}'s floor "
                                    f"{family}_{'.'.join(map(str, floors[family]))}")
    return problems, newest_glibc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("appdir", type=Path)
    parser.add_argument("arch", choices=sorted(MACHINES))
    parser.add_argument("--libpath", action="append", default=[],
                        help="folder (relative to the AppDir) that AppRun puts on LD_LIBRARY_PATH")
    args = parser.parse_args(argv)
    problems, newest = check(args.appdir, args.arch, args.libpath, load_hostlibs())
    if problems:
        print(f"elfcheck: {len(problems)} problem(s) in {args.appdir} for {args.arch}:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print(".".join(map(str, newest)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
