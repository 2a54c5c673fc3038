"""Auto-lock: the screen locks after idle time (default 5 minutes) and at once on pause (暂停服务).

Qt-free: the UI feeds input events (``activity``) and polls ``check`` from a timer; time is passed
in, so tests drive it with a clock. Public API: ``LockReason``, ``IdleLock``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from clerk_app.errors import UserError

MIN_MINUTES, MAX_MINUTES = 1, 30  # 等保 level 3 wants a timeout; above 30 minutes it protects nothing


class LockReason(StrEnum):
    IDLE = "idle"
    PAUSE = "pause"
    MANUAL = "manual"

    @property
    def label(self) -> str:
        return {"idle": "长时间无操作，已自动锁屏", "pause": "暂停服务", "manual": "已锁屏"}[self.value]


class IdleLock:
    def __init__(self, minutes: int, now: datetime) -> None:
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
            raise UserError("settings.bad_idle_minutes", min_minutes=MIN_MINUTES, max_minutes=MAX_MINUTES)
        self.timeout = timedelta(minutes=minutes)
        self.last_activity = now
        self.reason: LockReason | None = None

    @property
    def locked(self) -> bool:
        return self.reason is not None

    def activity(self, now: datetime) -> None:
        """Input while locked does not count: only ``unlock`` ends a lock."""
        if self.reason is None:
            self.last_activity = max(self.last_activity, now)

    def check(self, now: datetime) -> LockReason | None:
        if self.reason is None and now - self.last_activity >= self.timeout:
            self.reason = LockReason.IDLE
        return self.reason

    def lock(self, reason: LockReason) -> None:
        self.reason = reason

    def unlock(self, now: datetime) -> None:
        self.reason = None
        self.last_activity = now

    def remaining(self, now: datetime) -> timedelta:
        return max(self.timeout - (now - self.last_activity), timedelta(0))
