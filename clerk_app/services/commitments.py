"""容缺 commitments lapse by themselves (seed 001 §5.3.5; seed 003 App. C.7): ``CommitmentScheduler``
breaks every commitment past its promised date at start-up and then once a day while the app runs,
on its own thread (never the GUI thread), as the system actor, the way the retention purge runs.
Nobody has to press a button for a broken commitment to count against the applicant's credit."""

from __future__ import annotations

from datetime import timedelta

from clerk_app.domain.roles import SYSTEM
from clerk_app.services.cases import break_overdue_commitments
from clerk_app.services.context import ServiceContext
from clerk_app.services.housekeeping import DailyJob


class CommitmentScheduler(DailyJob[list[str]]):
    """Runs ``break_overdue_commitments`` at ``start()`` and every ``interval`` until ``stop()``."""

    name, what = "commitments", "breaking overdue 容缺 commitments"

    def __init__(self, ctx: ServiceContext, *, interval: timedelta = timedelta(days=1)) -> None:
        super().__init__(interval=interval)
        self.ctx = ctx

    def work(self) -> list[str]:
        return break_overdue_commitments(self.ctx, SYSTEM)

    def describe(self, result: list[str]) -> str:
        return f"容缺 commitments broken: {len(result)}"
