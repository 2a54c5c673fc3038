"""Results waiting for pickup (seed 001 §5.1.3): the 领取通知 and its SMS text, and the list of results
not collected after ``pickup_reminder_working_days`` working days, for the output desk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from clerk_app.domain import collection as rules
from clerk_app.domain.cases import Action, CaseState
from clerk_app.domain.roles import Actor
from clerk_app.security.masking import mask_phone
from clerk_app.services.context import ServiceContext
from clerk_app.store.tables import ApplicantRow, CaseEventRow, CaseRow

LIST_LIMIT = 200


@dataclass(frozen=True)
class Uncollected:
    number: str
    matter: str
    applicant: str        # the name only: the list is on a counter screen
    phone_masked: str
    ready_on: dt.date
    remind_after: dt.date


def uncollected(ctx: ServiceContext, actor: Actor) -> list[Uncollected]:
    """Results still 待出件 past the setting's working days, longest waiting first."""
    actor.require("case.output")
    today = ctx.now().date()
    n = ctx.settings.pickup_reminder_working_days
    ready = (select(CaseEventRow.case_id, func.max(CaseEventRow.at).label("at"))
             .where(CaseEventRow.action == Action.RESULT_READY.value).group_by(CaseEventRow.case_id).subquery())
    with ctx.store.read() as s:
        rows = s.execute(select(CaseRow.number, CaseRow.matter_name, ApplicantRow.name, ApplicantRow.phone, ready.c.at)
                         .join(ready, ready.c.case_id == CaseRow.id)
                         .join(ApplicantRow, ApplicantRow.id == CaseRow.applicant_id)
                         .where(CaseRow.state == CaseState.RESULT_READY.value)
                         .order_by(ready.c.at)).all()
    out = []
    for number, matter, name, phone, at in rows:
        ready_on = at.date()
        if rules.not_collected_too_long(ctx.calendar, ready_on, today, n):
            out.append(Uncollected(number, matter, name, mask_phone(phone or ""), ready_on,
                                   rules.reminder_due(ctx.calendar, ready_on, n)))
    return out[:LIST_LIMIT]
