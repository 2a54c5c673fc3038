"""Opening hours (seed 000 §3 工作时间, §18 延时服务), modelled so that the queue knows when the counter closes.

Seed 000 §3: Monday–Friday 9:00–12:00 and 13:00–17:00 (holidays excepted); extended service
8:30–9:00, 12:00–13:30 and 17:00–17:30; Saturday 9:00–12:00 and 13:30–15:30, never on a statutory
holiday. Each center sets its own in the settings (``opening_hours``, ``extended_hours``,
``saturday_hours``) as "HH:MM-HH:MM" sessions separated by commas; 调休 make-up days keep weekday hours.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from clerk_app.domain.workdays import DayKind, WorkCalendar
from clerk_app.errors import DomainError

Session = tuple[dt.time, dt.time]
SESSION = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})\s*$")

SEED_000_WEEKDAY = "09:00-12:00,13:00-17:00"
SEED_000_EXTENDED = "08:30-09:00,12:00-13:30,17:00-17:30"
SEED_000_SATURDAY = "09:00-12:00,13:30-15:30"


def parse_sessions(text: str) -> tuple[Session, ...]:
    """"09:00-12:00,13:00-17:00" → ordered sessions; an empty text means closed."""
    out: list[Session] = []
    for part in (p for p in re.split(r"[,，、;；]", text) if p.strip()):
        m = SESSION.match(part)
        if m is None:
            raise DomainError("hours.bad_range", range=part.strip())
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
            raise DomainError("hours.no_such_time", range=part.strip())
        start, end = dt.time(h1, m1), dt.time(h2, m2)
        if end <= start:
            raise DomainError("hours.end_before_start", range=part.strip())
        out.append((start, end))
    out.sort()
    for (_, end), (start, _) in zip(out, out[1:], strict=False):
        if start < end:
            raise DomainError("hours.overlap")
    return tuple(out)


@dataclass(frozen=True)
class OpeningHours:
    weekday: tuple[Session, ...]
    extended: tuple[Session, ...]
    saturday: tuple[Session, ...]

    @classmethod
    def parse(cls, weekday: str = SEED_000_WEEKDAY, extended: str = SEED_000_EXTENDED,
              saturday: str = SEED_000_SATURDAY) -> OpeningHours:
        return cls(parse_sessions(weekday), parse_sessions(extended), parse_sessions(saturday))

    def sessions(self, cal: WorkCalendar, day: dt.date, *, with_extended: bool = False) -> tuple[Session, ...]:
        """The day's opening sessions: working days (调休 included) weekday hours; an ordinary Saturday
        its own; Sundays and statutory holidays none (seed 000 §3 "国家法定节假日不办理")."""
        kind = cal.day_kind(day)
        if kind in (DayKind.WORKING, DayKind.MAKEUP_WORKING):
            return tuple(sorted(self.weekday + (self.extended if with_extended else ())))
        if kind is DayKind.WEEKEND and day.weekday() == 5:
            return self.saturday
        return ()

    def closing(self, cal: WorkCalendar, day: dt.date, *, with_extended: bool = False) -> dt.time | None:
        """When the counter closes that day (the end of its last session), None when closed all day."""
        sessions = self.sessions(cal, day, with_extended=with_extended)
        return max(end for _, end in sessions) if sessions else None
