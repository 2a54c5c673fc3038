"""The working-day calendar of a profile: built-in years, shipped files and imported year schedules.

Public API:
    load_calendar(paths, *, resources_dir=SHIPPED_DIR) -> WorkCalendar
    import_schedule(paths, file) -> YearSchedule
    read_schedule_file(file) -> YearSchedule
    preview_schedule(ctx, actor, file) -> SchedulePreview       (calendar.manage; the manager view)
    apply_schedule(ctx, actor, preview) -> tuple[YearSchedule, int]  (calendar.manage; audited)
    SHIPPED_DIR

Layers, later ones winning year by year: chinese_calendar's table (built lazily), the files in
resources/calendar/, then the profile's calendar folder, where ``import_schedule`` writes
``<year>.toml``. After an import the caller recomputes the due dates of open cases.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clerk_app.domain.workdays import WorkCalendar, YearSchedule, builtin_schedules, parse_year_schedule
from clerk_app.errors import DomainError
from clerk_app.fsutil import FileTooLarge, atomic_write, loads_toml, read_capped
from clerk_app.messages import Text
from clerk_app.paths import RESOURCES, ProfilePaths
from clerk_app.services.changes import Changes, record

if TYPE_CHECKING:
    from clerk_app.domain.roles import Actor
    from clerk_app.services.context import ServiceContext

SHIPPED_DIR = RESOURCES / "calendar"
# A year's schedule is about 1 KB; anything far larger is the wrong file.
MAX_FILE_BYTES = 256 * 1024
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _parse(raw: bytes, name: str) -> YearSchedule:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DomainError("calendar.not_utf8", name=name, line=line) from None
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_POSITION.search(str(exc))
        where = Text("calendar.toml_position", line=m.group(1), column=m.group(2)) if m else ""
        raise DomainError("calendar.bad_toml", name=name, where=where, reason=_TOML_POSITION.sub('', str(exc)).strip()) from None
    return parse_year_schedule(data, name)


def read_schedule_file(file: Path) -> YearSchedule:
    """Read and fully validate one year-schedule file; every failure is a DomainError naming the file."""
    return _parse(_read(file), str(file))


def _read(file: Path) -> bytes:
    try:
        return read_capped(file, MAX_FILE_BYTES)
    except FileTooLarge:
        raise DomainError("calendar.file_too_large", file=file, limit_kb=MAX_FILE_BYTES // 1024) from None
    except FileNotFoundError:
        raise DomainError("calendar.file_not_found", file=file) from None
    except IsADirectoryError:
        raise DomainError("calendar.is_folder", file=file) from None
    except OSError as exc:
        raise DomainError("calendar.unreadable", file=file, reason=exc.strerror or exc) from None


def _read_folder(folder: Path, hint: str | Text) -> list[YearSchedule]:
    if not folder.is_dir():
        return []
    schedules = []
    for file in sorted(folder.glob("*.toml")):
        try:
            schedules.append(read_schedule_file(file))
        except DomainError as exc:
            raise DomainError("calendar.with_hint", reason=exc, hint=hint) from None
    return schedules


def load_calendar(paths: ProfilePaths, *, resources_dir: Path = SHIPPED_DIR) -> WorkCalendar:
    shipped = _read_folder(resources_dir, "")
    imported = _read_folder(paths.calendar_dir, Text("calendar.hint_imported_file", folder=paths.calendar_dir))
    return WorkCalendar([*shipped, *imported], base=builtin_schedules())


def import_schedule(paths: ProfilePaths, file: Path) -> YearSchedule:
    """Validate ``file`` completely, then store it as ``<year>.toml`` in the profile, atomically."""
    # The bytes validated are the bytes written: the file may change under us.
    raw = _read(file)
    return _store(paths, raw, _parse(raw, str(file)))


def _store(paths: ProfilePaths, raw: bytes, schedule: YearSchedule) -> YearSchedule:
    target_dir = paths.calendar_dir
    target = target_dir / f"{schedule.year}.toml"
    try:
        atomic_write(target, raw)
    except OSError as exc:
        raise DomainError("calendar.cannot_write", year=schedule.year, target=target, reason=exc.strerror or exc) from None
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


@dataclass(frozen=True)
class SchedulePreview:
    """A validated year schedule not yet imported: the bytes shown are the bytes written."""

    file: Path
    raw: bytes
    schedule: YearSchedule
    current: YearSchedule | None  # what the calendar uses for that year now (None: weekends only)


def preview_schedule(ctx: ServiceContext, actor: Actor, file: Path) -> SchedulePreview:
    """Reads and fully validates a year-schedule file (as ``clerk-app calendar import``); nothing is written."""
    actor.require("calendar.manage")
    file = Path(file)
    raw = _read(file)
    schedule = _parse(raw, str(file))
    return SchedulePreview(file, raw, schedule, ctx.calendar.schedule(schedule.year))


def apply_schedule(ctx: ServiceContext, actor: Actor, preview: SchedulePreview) -> tuple[YearSchedule, int]:
    """Stores the previewed schedule, switches the running calendar to it and recomputes the provisional
    due dates of open cases, as the command does; returns the schedule and how many cases changed."""
    actor.require("calendar.manage")
    from clerk_app.services.cases import recompute_due_dates
    from clerk_app.store import audit

    if not isinstance(preview, SchedulePreview):
        raise DomainError("calendar.preview_first")
    s = _store(ctx.paths, preview.raw, preview.schedule)
    ctx.calendar = load_calendar(ctx.paths)
    record(Changes.CALENDAR)  # the year's file, not a table row
    now = ctx.now()
    with ctx.store.transaction() as session:
        audit.append(session, at=now, actor=actor.username, action="calendar.import", entity="calendar",
                     entity_id=str(s.year), detail=f"{preview.file}：放假 {len(s.holidays)} 天，调休上班 "
                     f"{len(s.makeup_workdays)} 天，{'正式' if s.official else '暂定'}")
    return s, recompute_due_dates(ctx, actor)
