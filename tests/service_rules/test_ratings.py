"""Ratings at the service level with a fixed clock: the seed's evaluation content, one rating per
case or bundle, and the bad-review follow-up opened when the rating is recorded (seed 001 §7.1-7.2)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from clerk_app.domain.evaluation import RatingLevel
from clerk_app.errors import DomainError
from clerk_app.services import bundles, followups
from clerk_app.services import cases as svc
from clerk_app.services.evaluation import is_rated, record_rating
from clerk_app.store.ledger_tables import RatingFollowupRow
from clerk_app.store.tables import RatingRow

MATTER = "000131127004"
DIBAO, JIUZHU = "000119001000", "000119004000"


def test_seed_001_7_1_rating_carries_level_and_dimensions_once_per_case(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 3, 2, 10, 0)
    clerk = users["clerk"]
    case = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=new_applicant().id)
    assert not is_rated(ctx, case.number)
    record_rating(ctx, clerk, case.number, int(RatingLevel.SATISFIED), channel="customer_screen",
                  dimensions=["服务效率", "服务态度"])
    assert is_rated(ctx, case.number)
    with ctx.store.read() as s:
        row = s.scalars(select(RatingRow)).one()
    assert (row.level, row.dimensions, row.at) == (2, "服务态度、服务效率", datetime(2026, 3, 2, 10, 0))
    with pytest.raises(DomainError, match="一次服务只评价一次"):
        record_rating(ctx, clerk, case.number, int(RatingLevel.VERY_SATISFIED))
    with pytest.raises(DomainError, match="评价内容“态度好”无效"):
        record_rating(ctx, clerk, None, 1, dimensions=["态度好"])
    with ctx.store.read() as s:
        assert s.scalar(select(func.count()).select_from(RatingRow)) == 1


def test_seed_001_7_1_a_joint_bundle_takes_one_rating(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    a, b = bundles.open_bundle(ctx, clerk, [DIBAO, JIUZHU], new_applicant().id)
    record_rating(ctx, clerk, a.number, None)  # walked away at first: 'not rated' does not close the question
    record_rating(ctx, clerk, a.number, int(RatingLevel.VERY_SATISFIED))
    assert is_rated(ctx, b.number)
    with pytest.raises(DomainError, match="一次服务只评价一次"):
        record_rating(ctx, clerk, b.number, int(RatingLevel.DISSATISFIED))


def test_seed_001_7_2_bad_review_opens_followup_in_the_rating_transaction(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 9, 30, 16, 0)
    record_rating(ctx, users["clerk"], None, int(RatingLevel.DISSATISFIED), dimensions=["服务效率"])
    with ctx.store.read() as s:
        f = s.scalars(select(RatingFollowupRow)).one()
    assert (f.owner_id, f.opened_at, f.contact_due) == (users["supervisor"].user_id, datetime(2026, 9, 30, 16, 0),
                                                        date(2026, 10, 8))


def test_demo_seed_opens_every_real_name_bad_review(ctx, users) -> None:  # type: ignore[no-untyped-def]
    """The demo data holds real-name bad reviews; each must come with its follow-up (issue 14 item 21)."""
    from clerk_app.services.demo import seed

    seed(ctx, 400, seed=3)
    with ctx.store.read() as s:
        bad = s.scalar(select(func.count()).select_from(RatingRow).where(RatingRow.level >= 4, RatingRow.real_name))
        opened = s.scalar(select(func.count()).select_from(RatingFollowupRow))
    assert bad > 0 and opened == bad
    assert followups.open_missing_followups(ctx, users["supervisor"]) == 0
