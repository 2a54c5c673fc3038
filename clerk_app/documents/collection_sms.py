"""The 领取通知 as an SMS text (seed 001 §5.1.3): the center's own details (address, hours, telephone) come
from forms/center.toml, which the documents layer reads; the rule that words it is in the domain."""

from __future__ import annotations

from clerk_app.domain import collection as rules
from clerk_app.domain.cases import CaseState
from clerk_app.domain.roles import Actor
from clerk_app.services.context import ServiceContext


def reminder_sms(ctx: ServiceContext, actor: Actor, case_number: str) -> str:
    """The SMS text of the 领取通知 for a result waiting for pickup; the center's SMS gateway sends it."""
    actor.require("case.output")
    from clerk_app.documents.templates import load_center  # inside: read on use, like every template
    from clerk_app.errors import DomainError
    from clerk_app.store.cases_repo import load_case

    with ctx.store.read() as s:
        case = load_case(s, number=case_number, with_history=False)
    if case.state is not CaseState.RESULT_READY:
        raise DomainError("collection.not_ready", number=case_number, state=case.state)
    matter = ctx.catalogue.by_code(case.matter_code)
    center = load_center().center
    return rules.collection_sms(center=ctx.settings.center_name, matter=case.matter_name, case_number=case.number,
                                place=matter.place or center.address, hours=center.hours, phone=center.phone)
