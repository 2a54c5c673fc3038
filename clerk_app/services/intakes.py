"""Unfinished intakes (issue 15): an intake that has no formal decision yet can be set aside
(parked), listed, resumed, or withdrawn with a reason.

An unfinished intake is what the store already knows: the cases of this window still 已接件
(``CaseState.RECEIVED``) — one case, or the cases of one joint application (联办件). Parking writes
an audit line and changes nothing else, so a case left open by a crash or a closed window is
listed just like a parked one: nothing stays 已接件 unseen.

Public API: ``UnfinishedIntake``, ``unfinished_intakes``, ``park_intake``, ``resume_intake``,
``withdraw_intake``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from clerk_app.domain.applicants import Applicant
from clerk_app.domain.cases import Action, Case, CaseState
from clerk_app.domain.roles import Actor
from clerk_app.errors import DomainError
from clerk_app.security.masking import mask_name
from clerk_app.services.context import ServiceContext
from clerk_app.store import audit
from clerk_app.store.cases_repo import load_case, save_case
from clerk_app.store.tables import ApplicantRow, AuditRow, CaseRow

MAX_REASON = 200
# Which applicant-step field an error sentence of the services or the domain speaks about (the
# sentences are Chinese; the UI frames that field). Checked in this order.
AGENT_WORDS = ("代办", "委托")
FIELD_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("id_number", ("证件号码", "身份证", "校验位", "出生日期", "统一社会信用代码")),
    ("delegation_scope", ("委托",)),
    ("name", ("姓名", "名称")),
    ("phone", ("电话", "手机")),
    ("address", ("地址",)),
)


def field_of(message: str) -> tuple[str | None, bool]:
    """(field name or None, whether the sentence is about the agent)."""
    agent = any(w in message for w in AGENT_WORDS)
    for name, words in FIELD_WORDS:
        if any(w in message for w in words):
            return name, agent
    return None, agent
# Stored in the history of a case replaced because the clerk corrected the applicant or the matter.
REPLACED_REASON = "接件时更正申请人或事项，已重新接件"


@dataclass(frozen=True)
class UnfinishedIntake:
    numbers: tuple[str, ...]  # one case, or every case of a joint application
    matters: tuple[str, ...]
    applicant_masked: str
    received_at: datetime
    parked: bool  # set aside on purpose (otherwise left open: a closed window, a crash)


def unfinished_intakes(ctx: ServiceContext, actor: Actor) -> list[UnfinishedIntake]:
    """This window's intakes without a decision, newest first; a joint application is one entry."""
    actor.require("case.read")
    with ctx.store.read() as s:
        rows = list(s.scalars(select(CaseRow).where(CaseRow.state == CaseState.RECEIVED.value,
                                                    CaseRow.window == ctx.settings.window)
                              .order_by(CaseRow.received_at.desc(), CaseRow.number)))
        names = {r.id: r.name for r in s.scalars(select(ApplicantRow).where(
            ApplicantRow.id.in_({r.applicant_id for r in rows})))}
        parked: set[str] = set()  # the last of parked / resumed decides
        for entity_id, action in s.execute(select(AuditRow.entity_id, AuditRow.action).where(
                AuditRow.action.in_(("intake.parked", "intake.resumed")),
                AuditRow.entity_id.in_({r.id for r in rows})).order_by(AuditRow.at)):
            (parked.add if action == "intake.parked" else parked.discard)(entity_id)
    groups: dict[str, list[CaseRow]] = {}
    for r in rows:
        groups.setdefault(r.bundle_id or r.id, []).append(r)
    return [UnfinishedIntake(numbers=tuple(sorted(r.number for r in g)), matters=tuple(r.matter_name for r in g),
                             applicant_masked=mask_name(names.get(g[0].applicant_id, "")),
                             received_at=min(r.received_at for r in g), parked=any(r.id in parked for r in g))
            for g in groups.values()]


def _open_cases(s, numbers: Sequence[str]) -> list[Case]:  # type: ignore[no-untyped-def]
    cases = [load_case(s, number=n, with_history=False) for n in numbers]
    if not cases or any(c.state is not CaseState.RECEIVED for c in cases):
        raise DomainError("intake.closed")
    return cases


def park_intake(ctx: ServiceContext, actor: Actor, numbers: Sequence[str]) -> None:
    """暂存: the cases stay 已接件 with every material check made so far; listed until resumed."""
    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        for case in _open_cases(s, numbers):
            audit.append(s, at=now, actor=actor.username, action="intake.parked", entity="case", entity_id=case.id)


def resume_intake(ctx: ServiceContext, actor: Actor, number: str) -> tuple[list[Case], Applicant, Applicant | None]:
    """The cases of the intake ``number`` belongs to (its joint application whole), its applicant and agent."""
    from clerk_app.services.cases import get_applicant

    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        first = load_case(s, number=number, with_history=False)
        if first.bundle_id:  # the joint application's matters still without a decision
            numbers = list(s.scalars(select(CaseRow.number).where(CaseRow.bundle_id == first.bundle_id,
                                                                  CaseRow.state == CaseState.RECEIVED.value)
                                     .order_by(CaseRow.number)))
        else:
            numbers = [number]
        cases = _open_cases(s, numbers)
        for case in cases:
            audit.append(s, at=now, actor=actor.username, action="intake.resumed", entity="case", entity_id=case.id)
    applicant = get_applicant(ctx, actor, first.applicant_id)
    agent = get_applicant(ctx, actor, first.agent_id) if first.agent_id else None
    return cases, applicant, agent


def withdraw_intake(ctx: ServiceContext, actor: Actor, numbers: Sequence[str], reason: str) -> list[Case]:
    """申请人撤回 (or the clerk's own mistake) before any decision: every case of the intake, in one
    transaction, with the reason in each case's history."""
    actor.require("case.intake")
    reason = reason.strip()
    if not reason:
        raise DomainError("intake.withdraw_reason_missing")
    now = ctx.now()
    with ctx.store.transaction() as s:
        cases = _open_cases(s, numbers)
        for case in cases:
            transition = case.apply(Action.WITHDRAW, actor=actor.user_id, at=now, reason=reason[:MAX_REASON])
            save_case(s, case, now=now, new_transitions=[transition])
            audit.append(s, at=now, actor=actor.username, action="case.withdraw", entity="case", entity_id=case.id,
                         detail=reason[:MAX_REASON])
    return cases
