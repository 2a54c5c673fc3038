"""Manager view open time on a busy center: printed, not asserted.

Seeds N cases (default 100,000, with histories and ratings) spread over 13 clerks, then times what
opening the manager view runs — the month's dashboard (volumes, ratios, times, ratings, follow-ups,
complaints, due lists), then the queue's waiting and handling times the dashboard loads right after it
(one served ticket per case), with and without the rows by matter — and, apart, the quarter's ranking, which loads only when its tab is chosen.
Median of 5 after one warm-up.
The demo seed puts cases within 55 days, so one month holds far more than a real year would: a
harder test than the issue's "one year of 100,000 cases".
Usage: python bench/bench_manager.py [--cases N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from clerk_app.services.bootstrap import open_context

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLERKS = 13


@contextmanager
def raw_sql(ctx: Any) -> Iterator[Any]:
    """The profile's SQLCipher connection without the ORM (so without outbox capture), in one transaction."""
    proxied = ctx.store.engine.raw_connection()
    conn = proxied.driver_connection
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        proxied.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--keep", default=None, help="profile folder to reuse (seeded once)")
    args = ap.parse_args()
    from sqlalchemy import func, select

    from clerk_app.domain.periods import Period, bounds
    from clerk_app.domain.roles import Role
    from clerk_app.paths import ProfilePaths
    from clerk_app.services import performance, waiting
    from clerk_app.services import statistics as stats
    from clerk_app.services.auth import create_user, login
    from clerk_app.services.demo import seed
    from clerk_app.store.tables import CaseRow, UserRow

    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-manager-"))
    from bench_core import protected_env

    # Encrypted like a counter's profile (the key in a file keyring kept with the profile, so --keep
    # can reopen it); without this the run stopped at "no OS keyring" on a build host.
    protected_env(root.parent if args.keep else root)
    now = datetime(2026, 3, 20, 16, 0)
    ctx = open_context(ProfilePaths(root).ensure(), clock=lambda: now)
    with ctx.store.read() as s:
        have = s.scalar(select(func.count()).select_from(CaseRow)) or 0
    if have < args.cases:
        t0 = time.perf_counter()
        seed(ctx, args.cases - have, seed=11, today=now.date(), batch=5000)
        ids = [create_user(ctx, None, username=f"clerk{i:02d}", display_name=f"窗口{i:02d}", role=Role.CLERK,
                           password="bench-password").user_id for i in range(CLERKS)]
        # Benchmark set-up only: spread the seed's single clerk over 13 by the id's last character, with
        # the store's raw (keyed) driver connection, since the app's store rightly refuses bulk updates
        # that would bypass the outbox.
        with raw_sql(ctx) as conn:
            for table in ("cases", "ratings"):
                for i, uid in enumerate(ids):
                    conn.execute(f"UPDATE {table} SET clerk_id = ? WHERE unicode(substr(id, 36, 1)) % ? = ?",
                                 (uid, CLERKS, i))
        print(f"seeded {args.cases - have} cases in {time.perf_counter() - t0:.1f} s")
    with raw_sql(ctx) as conn:
        if conn.execute("SELECT count(*) FROM queue_tickets").fetchone()[0] == 0:
            # One served ticket per case (the seed has no queue): taken 1-40 minutes before the case was
            # received, called a minute before it, finished 2-21 minutes after; stored in the app's format.
            issued = "strftime('%Y-%m-%d %H:%M:%f', received_at, printf('-%d minutes', abs(random()) % 40 + 1))"
            called = "strftime('%Y-%m-%d %H:%M:%f', received_at, '-1 minutes')"
            finished = "strftime('%Y-%m-%d %H:%M:%f', received_at, printf('+%d minutes', abs(random()) % 20 + 2))"
            conn.execute(
                "INSERT INTO queue_tickets (id, day, number, kind, window, state, reason, issued_at, called_at,"
                " finished_at, recalls) SELECT 'T' || substr(id, 2), date(received_at), 'A001', 'normal', window,"
                f" 'done', '', {issued} || '000', {called} || '000', {finished} || '000', 0 FROM cases")
    actor = login(ctx, "supervisor", "super1234")
    with ctx.store.read() as s:
        cases = s.scalar(select(func.count()).select_from(CaseRow))
        clerks = s.scalar(select(func.count(func.distinct(CaseRow.clerk_id))))
        users = s.scalar(select(func.count()).select_from(UserRow))
    first, end = bounds(Period.QUARTER, now.date())

    def median_ms(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
        fn()
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1000, max(times) * 1000

    dash_med, dash_max = median_ms(lambda: stats.dashboard(ctx, actor, Period.MONTH))
    month_first, month_end = bounds(Period.MONTH, now.date())
    wait_med, wait_max = median_ms(lambda: waiting.waiting_times(ctx, actor, month_first, month_end, by_matter=False))
    matter_med, matter_max = median_ms(lambda: waiting.waiting_times(ctx, actor, month_first, month_end))
    rank_med, rank_max = median_ms(lambda: performance.ranking(ctx, actor, first, end, now.date()))
    d = stats.dashboard(ctx, actor, Period.MONTH)
    print(f"cases {cases}, clerks {clerks}, users {users}; this month {d.received} cases, "
          f"{len(d.due)} due listed ({d.overdue_total} overdue)")
    print(f"dashboard open (month): median {dash_med:.0f} ms, max {dash_max:.0f} ms (target ≤ 1000 ms)")
    print(f"waiting times (month, loaded after the dashboard shows): median {wait_med:.0f} ms, max {wait_max:.0f} ms; "
          f"with the rows by matter (on demand): median {matter_med:.0f} ms")
    print(f"quarterly ranking tab: median {rank_med:.0f} ms, max {rank_max:.0f} ms")
    ctx.store.close()


if __name__ == "__main__":
    main()
