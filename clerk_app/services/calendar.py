"""The working-day calendar of a profile: built-in years, shipped files and imported year schedules.

Public API:
    load_calendar(paths, *, resources_dir=SHIPPED_DIR) -> WorkCalendar
    import_schedule(paths, file) -> YearSchedule
    read_schedule_file(file) -> YearSchedule
    SHIPPED_DIR

Layers, later ones winning year by year: chinese_calendar's table (built lazily), the files in
resources/calendar/, then the profile's calendar folder, where ``import_schedule`` writes
``<year>.toml``. After an import the caller recomputes the due dates of open cases.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from clerk_app.domain.workdays import WorkCalendar, YearSchedule, builtin_schedules, parse_year_schedule
from clerk_app.errors import DomainError
from clerk_app.fsutil import atomic_write
from clerk_app.paths import RESOURCES, ProfilePaths

SHIPPED_DIR = RESOURCES / "calendar"
# A year's schedule is about 1 KB; anything far larger is the wrong file.
MAX_FILE_BYTES = 256 * 1024
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _parse(raw: bytes, name: str) -> YearSchedule:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DomainError(f"日历文件 {name} 第 {line} 行不是 UTF-8 编码：请用 UTF-8 另存后再导入。") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_POSITION.search(str(exc))
        where = f"第 {m.group(1)} 行第 {m.group(2)} 列" if m else ""
        raise DomainError(f"日历文件 {name} {where}格式错误（{_TOML_POSITION.sub('', str(exc)).strip()}）："
                          "请按 docs/calendar.md 的格式修改。") from None
    return parse_year_schedule(data, name)


def read_schedule_file(file: Path) -> YearSchedule:
    """Read and fully validate one year-schedule file; every failure is a DomainError naming the file."""
    return _parse(_read(file), str(file))


def _read(file: Path) -> bytes:
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DomainError(f"日历文件 {file} 有 {size} 字节，过大，不像一年的节假日安排：请核对文件。")
        return file.read_bytes()
    except FileNotFoundError:
        raise DomainError(f"找不到日历文件 {file}：请核对路径。") from None
    except IsADirectoryError:
        raise DomainError(f"{file} 是文件夹，不是日历文件。") from None
    except OSError as exc:
        raise DomainError(f"无法读取日历文件 {file}：{exc.strerror or exc}。") from None


def _read_folder(folder: Path, hint: str) -> list[YearSchedule]:
    if not folder.is_dir():
        return []
    schedules = []
    for file in sorted(folder.glob("*.toml")):
        try:
            schedules.append(read_schedule_file(file))
        except DomainError as exc:
            raise DomainError(f"{exc.message}{hint}") from None
    return schedules


def load_calendar(paths: ProfilePaths, *, resources_dir: Path = SHIPPED_DIR) -> WorkCalendar:
    shipped = _read_folder(resources_dir, "")
    imported = _read_folder(paths.calendar_dir, f"（该文件在 {paths.calendar_dir} 中：请修正或删除它，再重新导入。）")
    return WorkCalendar([*shipped, *imported], base=builtin_schedules())


def import_schedule(paths: ProfilePaths, file: Path) -> YearSchedule:
    """Validate ``file`` completely, then store it as ``<year>.toml`` in the profile, atomically."""
    # The bytes validated are the bytes written: the file may change under us.
    raw = _read(file)
    schedule = _parse(raw, str(file))
    target_dir = paths.calendar_dir
    target = target_dir / f"{schedule.year}.toml"
    try:
        atomic_write(target, raw)
    except OSError as exc:
        raise DomainError(f"无法把 {schedule.year} 年节假日安排写入 {target}：{exc.strerror or exc}。") from None
    _sync_dir(target_dir)
    return schedule


def _sync_dir(folder: Path) -> None:
    # The rename is durable only once the directory entry is on disk; Windows cannot open folders.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
