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


def reminder_sms(ctx: ServiceContext, actor: Actor, case_number: str, *, address: str, hours: str,
                 phone: str) -> str:
    """The SMS text of the 领取通知 for a result waiting for pickup; the center's SMS gateway sends it.
    ``address``/``hours``/``phone`` are the center's (forms/center.toml, read by the caller)."""
    actor.require("case.output")
    from clerk_app.errors import DomainError
    from clerk_app.store.cases_repo import load_case

    with ctx.store.read() as s:
        case = load_case(s, number=case_number, with_history=False)
    if case.state is not CaseState.RESULT_READY:
        raise DomainError(f"办件 {case_number} 当前状态为“{case.state.label}”：只有待领取的结果才发送领取提醒。")
    matter = ctx.catalogue.by_code(case.matter_code)
    return rules.collection_sms(center=ctx.settings.center_name, matter=case.matter_name, case_number=case.number,
                                place=matter.place or address, hours=hours, phone=phone)
