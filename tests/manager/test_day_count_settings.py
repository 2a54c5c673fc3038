"""The follow-up and complaint day counts come from the profile's settings, not from constants: a
center that sets other counts sees the deadlines move, still counted on working days across National
Day 2026 (10-01..07 off, Saturday 10-10 worked). Received / rated Wednesday 09-30."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from clerk_app.domain.complaints import Handling
from clerk_app.domain.evaluation import RatingLevel
from clerk_app.services import complaints, followups
from clerk_app.services.auth import create_user
from clerk_app.services.bootstrap import open_context
from clerk_app.services.context import ServiceContext
from clerk_app.services.evaluation import record_rating


@pytest.fixture
def local_ctx(profile, clock):  # type: ignore[no-untyped-def]
    (profile.root / "settings.toml").write_text(
        "followup_contact_working_days = 2\nfollowup_rectify_working_days = 3\n"
        "complaint_resolve_working_days = 4\n", encoding="utf-8")
    clock.now = datetime(2026, 9, 30, 11, 0)
    context = open_context(profile, clock=clock)
    yield context
    context.store.close()


def _deadlines(context: ServiceContext) -> tuple[date, date, date]:
    from clerk_app.domain.roles import Role

    sup = create_user(context, None, username="sup", display_name="李带班", role=Role.SUPERVISOR, password="super1234")
    clerk = create_user(context, None, username="clerk", display_name="王小明", role=Role.CLERK, password="clerk1234")
    record_rating(context, clerk, None, int(RatingLevel.DISSATISFIED), comment="态度差")
    [f] = followups.list_followups(context, sup)
    complaints.take_complaint(context, clerk, category="投诉", content="材料要求反复变化", handling=Handling.COMPLEX)
    [c] = complaints.list_complaints(context, sup)
    return f.contact_due, f.rectify_due, c.resolve_due


def test_defaults_are_one_and_five_working_days(ctx, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 9, 30, 11, 0)
    assert _deadlines(ctx) == (date(2026, 10, 8), date(2026, 10, 13), date(2026, 10, 13))


def test_settings_move_the_deadlines_across_the_holiday(local_ctx) -> None:  # type: ignore[no-untyped-def]
    assert (local_ctx.settings.followup_contact_working_days, local_ctx.settings.followup_rectify_working_days,
            local_ctx.settings.complaint_resolve_working_days) == (2, 3, 4)
    # 2nd working day after 09-30 is Fri 10-09, the 3rd the make-up Saturday 10-10, the 4th Mon 10-12.
    assert _deadlines(local_ctx) == (date(2026, 10, 9), date(2026, 10, 10), date(2026, 10, 12))


def test_an_out_of_range_count_is_refused_with_the_key_named(profile) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.errors import UserError

    (profile.root / "settings.toml").write_text("complaint_resolve_working_days = 0\n", encoding="utf-8")
    with pytest.raises(UserError, match="complaint_resolve_working_days"):
        open_context(profile)
