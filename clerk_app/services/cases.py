"""Use cases of a case's life: intake, decision at the window, back office, output, archive.

Each public function is one transaction: load, let the domain decide, save, audit. A crash at any
point leaves either the whole change or none of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from clerk_app.domain.applicants import Applicant, ApplicantKind, Delegation
from clerk_app.domain.cases import (
    TERMINAL_STATES,
    AcceptMode,
    Action,
    Case,
    CaseState,
    CommitmentStatus,
    DeliveryMode,
    IntakeDecision,
    MaterialStatus,
    credit_bar,
    decide_intake_options,
    format_case_number,
    notified_items,
    require_allowed,
    tell_commit_offerable,
)
from clerk_app.domain.deadlines import (
    MAX_EXTENSION_DAYS,
    Extension,
    Suspension,
    acceptance_counts_from,
    compute_due,
    one_time_notice_deadline,
)
from clerk_app.domain.ids import uuid7
from clerk_app.domain.matters import Matter
from clerk_app.domain.roles import Actor
from clerk_app.errors import DomainError
from clerk_app.services.context import ServiceContext
from clerk_app.services.ledger_deadlines import recompute_ledger_deadlines
from clerk_app.store import audit
from clerk_app.store.cases_repo import load_case, save_case
from clerk_app.store.sequences import next_value
from clerk_app.store.tables import ApplicantRow


# -- applicants --------------------------------------------------------------------------------------
def register_applicant(ctx: ServiceContext, actor: Actor, *, kind: ApplicantKind, name: str, id_number: str,
                       phone: str = "", address: str = "") -> Applicant:
    """The same ID number finds the same applicant; new contact details replace the old ones."""
    actor.require("case.intake")
    now = ctx.now()
    applicant = Applicant.create(id=uuid7(), kind=kind, name=name, id_number=id_number, phone=phone,
                                 address=address, today=now.date())
    with ctx.store.transaction() as s:
        return _save_applicant(s, actor, applicant, now)


def register_intake_people(ctx: ServiceContext, actor: Actor, *, kind: ApplicantKind, name: str, id_number: str,
                           phone: str = "", address: str = "", delegation: Delegation | None = None,
                           agent_name: str = "", agent_id_number: str = "") -> tuple[Applicant, Applicant | None]:
    """The intake's first step: the applicant and, with a delegation, the agent acting for them (a
    person), checked first and registered in one transaction — a refused agent or delegation leaves
    nothing written. Returns ``(applicant, agent)``."""
    actor.require("case.intake")
    now = ctx.now()
    applicant = Applicant.create(id=uuid7(), kind=kind, name=name, id_number=id_number, phone=phone,
                                 address=address, today=now.date())
    agent = None
    if delegation is not None:
        delegation.check(now.date())
        agent = Applicant.create(id=uuid7(), kind=ApplicantKind.PERSON, name=agent_name, id_number=agent_id_number,
                                 today=now.date())
    with ctx.store.transaction() as s:
        saved = _save_applicant(s, actor, applicant, now)
        return saved, (_save_applicant(s, actor, agent, now) if agent is not None else None)


def _save_applicant(s: Any, actor: Actor, applicant: Applicant, now: datetime) -> Applicant:
    """Inserts the applicant, or updates the one with the same ID number; audited."""
    kind = applicant.kind
    row = s.scalars(select(ApplicantRow).where(ApplicantRow.id_number == applicant.id_number)).first()
    if row is None:
        row = ApplicantRow(id=applicant.id, kind=kind.value, name=applicant.name, id_number=applicant.id_number,
                           phone=applicant.phone, address=applicant.address, created_at=now, updated_at=now)
        s.add(row)
        action = "applicant.create"
    else:
        row.name, row.updated_at = applicant.name, now
        if applicant.phone:
            row.phone = applicant.phone
        if applicant.address:
            row.address = applicant.address
        action = "applicant.update"
    audit.append(s, at=now, actor=actor.username, action=action, entity="applicant", entity_id=row.id)
    return Applicant(id=row.id, kind=ApplicantKind(row.kind), name=row.name, id_number=row.id_number,
                     phone=row.phone, address=row.address)


def get_applicant(ctx: ServiceContext, actor: Actor, applicant_id: str) -> Applicant:
    actor.require("case.read")
    with ctx.store.read() as s:
        row = s.get(ApplicantRow, applicant_id)
        if row is None:
            raise DomainError("applicant.not_found")
        return Applicant(id=row.id, kind=ApplicantKind(row.kind), name=row.name, id_number=row.id_number,
                         phone=row.phone, address=row.address)


# -- intake --------------------------------------------------------------------------------------------
def open_case(ctx: ServiceContext, actor: Actor, *, matter_code: str, applicant_id: str,
              agent_id: str | None = None, delegation: Delegation | None = None) -> Case:
    """接件: a new case in state received, numbered without asking any server."""
    actor.require("case.intake")
    matter = ctx.catalogue.by_code(matter_code)
    now = ctx.now()
    if agent_id is not None:
        if delegation is None:
            raise DomainError("delegation.missing")
        delegation.check(now.date())
    with ctx.store.transaction() as s:
        if s.get(ApplicantRow, applicant_id) is None:
            raise DomainError("applicant.not_found_read_card")
        return receive_in(s, ctx, actor, matter, applicant_id, now=now, agent_id=agent_id, delegation=delegation)


def receive_in(s: Any, ctx: ServiceContext, actor: Actor, matter: Matter, applicant_id: str, *, now: datetime,
               agent_id: str | None, delegation: Delegation | None, bundle_id: str | None = None) -> Case:
    """One case received inside the caller's transaction (a single case or one of a bundle): numbered
    from the window's daily counter, saved with its delegation, audited."""
    from clerk_app.store.tables import CaseRow

    day = now.date()
    seq = next_value(s, f"case:{ctx.settings.window}:{day:%Y%m%d}")
    number = format_case_number(ctx.settings.center_code, ctx.settings.window, day, seq)
    case = Case.receive(id=uuid7(), number=number, matter=matter, applicant_id=applicant_id, at=now,
                        window=ctx.settings.window, clerk_id=actor.user_id, agent_id=agent_id, bundle_id=bundle_id)
    # 行政许可法 第32条: the 一次性告知 is due within five working days; the 催办 counts this clock.
    case.notice_due = one_time_notice_deadline(ctx.calendar, day).date
    save_case(s, case, now=now, is_new=True)
    if delegation is not None:
        row = s.get(CaseRow, case.id)
        assert row is not None
        row.delegation_scope, row.delegation_valid_to = delegation.scope, delegation.valid_to
    audit.append(s, at=now, actor=actor.username, action="case.receive", entity="case", entity_id=case.id,
                 detail=number if bundle_id is None else f"{number} bundle:{bundle_id}")
    return case


def check_material(ctx: ServiceContext, actor: Actor, case_number: str, seq: int, status: MaterialStatus,
                   note: str = "") -> Case:
    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        case = load_case(s, number=case_number, with_history=False)
        case.check_material(seq, status, note)
        save_case(s, case, now=now)
        audit.append(s, at=now, actor=actor.username, action="case.check_material", entity="case",
                     entity_id=case.id, detail=f"{seq}:{status.value}")
    return case


def intake_options(ctx: ServiceContext, actor: Actor, case_number: str) -> dict[IntakeDecision, str | None]:
    """What the clerk may decide now, and why not where not: the UI shows exactly this."""
    return intake_choices(ctx, actor, case_number).options


@dataclass(frozen=True)
class IntakeChoices:
    """The decision step, as the rules leave it for this case: the options (None, or why not), whether
    告知承诺 is to be offered here and whether the answer is recorded, and the proposed 容缺 date."""

    options: dict[IntakeDecision, str | None]
    tell_commit_offerable: bool
    tell_commit_offered: bool
    rongque_due: date
    rongque_due_provisional: bool

    @property
    def tell_commit_offer_pending(self) -> bool:
        return self.tell_commit_offerable and not self.tell_commit_offered


def intake_choices(ctx: ServiceContext, actor: Actor, case_number: str) -> IntakeChoices:
    actor.require("case.decide_intake")
    with ctx.store.read() as s:
        case = load_case(s, number=case_number)
        bar = applicant_credit_bar(s, ctx, case.applicant_id)
        options = _options(s, ctx, case, bar)
    due, provisional = default_rongque_due(ctx, case.matter_code)
    return IntakeChoices(options=options, tell_commit_offerable=tell_commit_offerable(
        ctx.catalogue.by_code(case.matter_code), bar), tell_commit_offered=case.tell_commit_offered,
        rongque_due=due, rongque_due_provisional=provisional)


def _options(s: Any, ctx: ServiceContext, case: Case, bar: str | None) -> dict[IntakeDecision, str | None]:
    """The domain's options for this case, with the applicant's credit and earlier notices looked up."""
    return decide_intake_options(ctx.catalogue.by_code(case.matter_code), case.materials,
                                 credit_bar=bar,
                                 tell_commit_choice=case.tell_commit_choice,
                                 tell_commit_offered=case.tell_commit_offered, notified_before=notified_items(case))


def applicant_credit_bar(s: Any, ctx: ServiceContext, applicant_id: str) -> str | None:
    """Why the applicant may have neither 告知承诺 nor 容缺 now (a broken 容缺 commitment within the
    period the center sets, ``credit_bar_days``); None when nothing bars it."""
    from clerk_app.store.tables import CaseEventRow, CaseRow

    breaches = [at.date() for at in s.scalars(
        select(CaseEventRow.at).join(CaseRow, CaseRow.id == CaseEventRow.case_id)
        .where(CaseRow.applicant_id == applicant_id, CaseEventRow.action == Action.BREAK_COMMITMENT.value))]
    return credit_bar(breaches, ctx.now().date(), ctx.settings.credit_bar_days)


def default_rongque_due(ctx: ServiceContext, matter_code: str) -> tuple[date, bool]:
    """The date proposed for the 容缺 materials: the matter's default number of working days from
    today on the working calendar (never a holiday), and whether that date is provisional."""
    matter = ctx.catalogue.by_code(matter_code)
    return ctx.calendar.add_working_days(ctx.now().date(), matter.rongque_default_days)


def record_tell_commit_offer(ctx: ServiceContext, actor: Actor, case_number: str, *, applicant_chose: bool) -> Case:
    """告知承诺 must be offered on eligible matters (seed 001 §5.3.6); the offer and the answer are kept."""
    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        case = load_case(s, number=case_number, with_history=False)
        if not ctx.catalogue.by_code(case.matter_code).tell_commit_eligible:
            raise DomainError("intake.tell_commit_not_applicable", matter=case.matter_name)
        if case.state is not CaseState.RECEIVED:
            raise DomainError("case.tell_commit_choice_closed", number=case_number, state=case.state)
        case.tell_commit_offered, case.tell_commit_choice = True, applicant_chose
        save_case(s, case, now=now)
        audit.append(s, at=now, actor=actor.username, action="case.tell_commit_offered", entity="case",
                     entity_id=case.id, detail="chosen" if applicant_chose else "declined")
    return case


def decide_intake(ctx: ServiceContext, actor: Actor, case_number: str, decision: IntakeDecision, *,
                  reason: str = "", legal_basis: str = "", rongque_due: date | None = None) -> Case:
    """The decision at the end of the check: accept (normal / 容缺 / 告知承诺), 一次性告知 or 不予受理."""
    actor.require("case.decide_intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        case = load_case(s, number=case_number)
        matter = ctx.catalogue.by_code(case.matter_code)
        if case.state.value != "received":
            raise DomainError("case.decision_closed", number=case_number, state=case.state)
        # the 告知承诺 offer comes first where it is offerable: the domain's options say so
        require_allowed(_options(s, ctx, case, applicant_credit_bar(s, ctx, case.applicant_id)), decision)
        data: dict[str, Any] = {}
        if decision in (IntakeDecision.ACCEPT, IntakeDecision.ACCEPT_RONGQUE, IntakeDecision.ACCEPT_TELL_COMMIT):
            mode = {IntakeDecision.ACCEPT: AcceptMode.NORMAL, IntakeDecision.ACCEPT_RONGQUE: AcceptMode.RONGQUE,
                    IntakeDecision.ACCEPT_TELL_COMMIT: AcceptMode.TELL_COMMIT}[decision]
            if mode is AcceptMode.RONGQUE:
                if rongque_due is None:
                    rongque_due, provisional = default_rongque_due(ctx, case.matter_code)
                    # remembered so that the date follows the real schedule when it is published
                    data["rongque_days"] = matter.rongque_default_days
                    data["rongque_provisional"] = provisional
                if rongque_due <= now.date():
                    raise DomainError("case.rongque_due_not_future")
                if not ctx.calendar.is_working_day(rongque_due):
                    raise DomainError("case.rongque_due_not_workday", due=rongque_due.isoformat())
                case.rongque_due = rongque_due
                case.commitment = CommitmentStatus.PENDING
                data["rongque_due"] = rongque_due.isoformat()
            case.accept_mode, case.accepted_at = mode, now
            case.counted_from = _counted_from(ctx, case, now.date())
            if case.counted_from != now.date():
                data["counted_from"] = case.counted_from.isoformat()
            due = _due(ctx, case, matter, now.date())
            if due is not None:
                data["due"] = due.isoformat()
            data["mode"] = mode.value
            transition = case.apply(Action.ACCEPT, actor=actor.user_id, at=now, reason=reason, data=data)
        elif decision is IntakeDecision.ONE_TIME_NOTICE:
            lacking = [{"seq": m.seq, "name": m.name, "status": m.status.value, "note": m.note}
                       for m in case.materials if m.status in (MaterialStatus.MISSING, MaterialStatus.DEFECTIVE)]
            transition = case.apply(Action.NOTIFY_SUPPLEMENT, actor=actor.user_id, at=now, reason=reason,
                                    data={"items": lacking})
        else:
            if not reason.strip() or not legal_basis.strip():
                raise DomainError("case.rejection_reason_missing")
            transition = case.apply(Action.REJECT, actor=actor.user_id, at=now, reason=reason.strip(),
                                    data={"legal_basis": legal_basis.strip()})
        save_case(s, case, now=now, new_transitions=[transition])
        audit.append(s, at=now, actor=actor.username, action=f"case.{transition.action.value}", entity="case",
                     entity_id=case.id, detail=decision.value)
    return case


# -- every later step: one generic transition, with a permission and an optional extra check ----------
def _transition(ctx: ServiceContext, actor: Actor, case_number: str, action: Action, permission: str, *,
                reason: str = "", data: Mapping[str, Any] | None = None,
                mutate: Callable[[Case], None] | None = None) -> Case:
    actor.require(permission)
    now = ctx.now()
    with ctx.store.transaction() as s:
        case = load_case(s, number=case_number, with_history=False)
        transition = case.apply(action, actor=actor.user_id, at=now, reason=reason, data=data)
        if mutate is not None:
            mutate(case)
        save_case(s, case, now=now, new_transitions=[transition])
        audit.append(s, at=now, actor=actor.username, action=f"case.{action.value}", entity="case",
                     entity_id=case.id, detail=reason[:200])
    return case


def _counted_from(ctx: ServiceContext, case: Case, accepted: date) -> date:
    """行政许可法 第32条: the time limit counts from receipt when no timely 一次性告知 was given."""
    notices = [t.at.date() for t in case.history if t.action is Action.NOTIFY_SUPPLEMENT]
    resubmits = [t.at.date() for t in case.history if t.action is Action.RESUBMIT]
    return acceptance_counts_from(ctx.calendar, case.received_at.date(), accepted,
                                  notices[0] if notices else None, resubmits[-1] if resubmits else None)


def _due(ctx: ServiceContext, case: Case, matter: Matter, today: date) -> date | None:
    """Sets the case's due date from its counting start, clock stops and extensions; returns it."""
    start = case.counted_from or (case.accepted_at.date() if case.accepted_at else None)
    if start is None:
        return None
    due = compute_due(ctx.calendar, start, matter.promise_limit, case.suspensions, case.extensions, today=today)
    if due is None:
        return None
    case.due_date, case.due_provisional, case.clock_paused = due.date, due.provisional, due.paused
    return due.date


def resubmit(ctx: ServiceContext, actor: Actor, case_number: str) -> Case:
    """补正后重新提交: the same case goes back to intake; the lines that were lacking are checked again.
    The five working days for a 一次性告知 run again from the resubmission (行政许可法 第32条)."""
    def reset(case: Case) -> None:
        for m in case.materials:
            if m.status in (MaterialStatus.MISSING, MaterialStatus.DEFECTIVE):
                m.status = MaterialStatus.UNCHECKED
        case.notice_due = one_time_notice_deadline(ctx.calendar, ctx.now().date()).date
    return _transition(ctx, actor, case_number, Action.RESUBMIT, "case.intake", mutate=reset)


def transfer(ctx: ServiceContext, actor: Actor, case_number: str, *, department: str = "",
             receiver: str | None = None) -> Case:
    """流转 to the department; with ``receiver`` (the counter always gives it) the handover record
    names the receiving department (the matter's, unless given) and person (seed 001 §5.1.4)."""
    data: dict[str, Any] = {"department": department} if department else {}
    if receiver is not None:
        from clerk_app.domain.handover import check_transfer_receiver

        with ctx.store.read() as s:
            department = department or load_case(s, number=case_number, with_history=False).department
        check_transfer_receiver(department, receiver)
        data = {"department": department.strip(), "receiver": receiver.strip()}
    return _transition(ctx, actor, case_number, Action.TRANSFER, "case.intake", data=data or None)


def request_supplement(ctx: ServiceContext, actor: Actor, case_number: str, *, reason: str) -> Case:
    if not reason.strip():
        raise DomainError("case.supplement_content_missing")
    return _transition(ctx, actor, case_number, Action.REQUEST_SUPPLEMENT, "case.intake", reason=reason)


def supplement_delivered(ctx: ServiceContext, actor: Actor, case_number: str) -> Case:
    return _transition(ctx, actor, case_number, Action.SUPPLEMENT_DELIVERED, "case.intake")


def return_case(ctx: ServiceContext, actor: Actor, case_number: str, *, reason: str) -> Case:
    if not reason.strip():
        raise DomainError("case.return_reason_missing")
    return _transition(ctx, actor, case_number, Action.RETURN, "case.intake", reason=reason)


def record_decision(ctx: ServiceContext, actor: Actor, case_number: str, *, approved: bool, reason: str = "") -> Case:
    def set_outcome(case: Case) -> None:
        case.decision_approved = approved
    return _transition(ctx, actor, case_number, Action.DECIDE, "case.intake", reason=reason,
                       data={"approved": approved}, mutate=set_outcome)


def mark_result_ready(ctx: ServiceContext, actor: Actor, case_number: str) -> Case:
    return _transition(ctx, actor, case_number, Action.RESULT_READY, "case.output")


def deliver(ctx: ServiceContext, actor: Actor, case_number: str, *, mode: DeliveryMode,
            receiver_id_number: str = "", post_address: str = "", tracking_number: str = "") -> Case:
    """出件. On site the receiver's ID must be the applicant's or the authorised agent's."""
    actor.require("case.output")
    data: dict[str, Any] = {"mode": mode.value}
    if mode is DeliveryMode.ON_SITE:
        with ctx.store.read() as s:
            case = load_case(s, number=case_number, with_history=False)
            allowed = {s.get(ApplicantRow, i).id_number for i in (case.applicant_id, case.agent_id) if i}  # type: ignore[union-attr]
            applicant_id = s.get(ApplicantRow, case.applicant_id).id_number  # type: ignore[union-attr]
        if receiver_id_number.strip().upper() not in allowed:
            raise DomainError("case.collector_mismatch")
        from clerk_app.domain.handover import Collector

        # who collected on site (seed 001 §5.1.3 出件登记): the role, never the ID number again
        data["collector"] = (Collector.APPLICANT if receiver_id_number.strip().upper() == applicant_id
                             else Collector.AGENT).value
    elif mode is DeliveryMode.POST:
        if not post_address.strip() or not tracking_number.strip():
            raise DomainError("case.post_details_missing")
        data.update(address=post_address.strip(), tracking=tracking_number.strip())

    def set_mode(case: Case) -> None:
        case.delivery_mode = mode
    return _transition(ctx, actor, case_number, Action.DELIVER, "case.output", data=data, mutate=set_mode)


def mark_undeliverable(ctx: ServiceContext, actor: Actor, case_number: str, *, reason: str) -> Case:
    from clerk_app.domain.handover import check_undeliverable

    check_undeliverable(reason)
    return _transition(ctx, actor, case_number, Action.UNDELIVERABLE, "case.output", reason=reason.strip())


def return_to_department(ctx: ServiceContext, actor: Actor, case_number: str, *, department: str = "",
                         receiver: str, reason: str) -> Case:
    """An undeliverable result goes back to the department (seed 001 §5.1.3): recorded as the case's
    last step (归档 from 无法送达) with the receiving department, person and reason."""
    from clerk_app.domain.handover import check_return_to_department

    actor.require("case.output")
    with ctx.store.read() as s:
        case = load_case(s, number=case_number, with_history=False)
    if case.state is not CaseState.UNDELIVERABLE:
        raise DomainError("case.return_only_undeliverable", number=case_number, state=case.state)
    department = department or case.department
    check_return_to_department(department, receiver, reason)
    return _transition(ctx, actor, case_number, Action.RETURN_TO_DEPARTMENT, "case.output", reason=reason.strip(),
                       data={"returned_to": department.strip(), "receiver": receiver.strip()})


def archive(ctx: ServiceContext, actor: Actor, case_number: str) -> Case:
    return _transition(ctx, actor, case_number, Action.ARCHIVE, "case.archive")


def withdraw(ctx: ServiceContext, actor: Actor, case_number: str, *, reason: str) -> Case:
    return _transition(ctx, actor, case_number, Action.WITHDRAW, "case.intake", reason=reason)


def fulfil_commitment(ctx: ServiceContext, actor: Actor, case_number: str) -> Case:
    def done(case: Case) -> None:
        case.commitment = CommitmentStatus.FULFILLED
        for m in case.materials:
            if m.status in (MaterialStatus.MISSING, MaterialStatus.DEFECTIVE):
                m.status = MaterialStatus.SUBMITTED
    return _transition(ctx, actor, case_number, Action.FULFIL_COMMITMENT, "case.intake", mutate=done)


def break_overdue_commitments(ctx: ServiceContext, actor: Actor) -> list[str]:
    """容缺 commitments past their due date become broken commitments (seed 001 §5.3.5: no longer
    容缺; seed 003 App. C.7: the applicant goes on the 失信 list, which ``applicant_credit_bar`` reads).
    Run by ``CommitmentScheduler`` at start-up and daily; returns the case numbers broken."""
    from clerk_app.store.tables import CaseRow

    actor.require("case.intake")
    today = ctx.now().date()
    with ctx.store.read() as s:
        numbers = list(s.scalars(select(CaseRow.number).where(
            CaseRow.commitment == CommitmentStatus.PENDING.value, CaseRow.rongque_due < today,
            CaseRow.state.not_in([st.value for st in TERMINAL_STATES]))))

    def broken(case: Case) -> None:
        case.commitment = CommitmentStatus.BROKEN
    for n in numbers:
        _transition(ctx, actor, n, Action.BREAK_COMMITMENT, "case.intake", reason="容缺材料逾期未补交", mutate=broken)
    return numbers


def record_false_commitment(ctx: ServiceContext, actor: Actor, case_number: str, *, reason: str) -> Case:
    """The department's check found a 告知承诺 untrue (seed 001 §5.3.6 d 虚假承诺): recorded by a supervisor
    with what was found; like a lapsed 容缺 it bars the applicant's 告知承诺 and 容缺 (``credit_bar``)."""
    if not reason.strip():
        raise DomainError("case.false_commitment_finding_missing")

    def broken(case: Case) -> None:
        if case.accept_mode is not AcceptMode.TELL_COMMIT:
            raise DomainError("case.not_tell_commit", number=case.number)
        case.commitment = CommitmentStatus.BROKEN
    return _transition(ctx, actor, case_number, Action.BREAK_COMMITMENT, "ledger.manage",
                       reason=f"告知承诺经核查不实（虚假承诺）：{reason.strip()[:200]}", data={"false_commitment": True},
                       mutate=broken)


def get_case(ctx: ServiceContext, actor: Actor, case_number: str) -> Case:
    actor.require("case.read")
    with ctx.store.read() as s:
        return load_case(s, number=case_number)


def recompute_due_dates(ctx: ServiceContext, actor: Actor) -> int:
    """After a year's holiday schedule arrives, provisional dates become official (or move): the due
    date of accepted cases, the 容缺 date proposed from the calendar, the 一次性告知 deadline of cases
    at intake (domain-rules.md §2.5), then the follow-up and complaint deadlines.

    Returns how many open cases changed. One transaction: either every case is recomputed or none.
    """
    actor.require("calendar.manage")
    from sqlalchemy import and_, or_

    from clerk_app.store.tables import CaseRow

    now = ctx.now()
    changed = 0
    with ctx.store.transaction() as s:
        ids = list(s.scalars(select(CaseRow.id).where(or_(
            and_(CaseRow.accepted_at.is_not(None), CaseRow.due_provisional.is_(True)),
            CaseRow.commitment == CommitmentStatus.PENDING.value,
            CaseRow.state == CaseState.RECEIVED.value))))
        for case_id in ids:
            case = load_case(s, case_id=case_id)
            try:
                matter = ctx.catalogue.by_code(case.matter_code)
            except DomainError:
                continue  # a matter no longer in the catalogue keeps its promised date
            before = (case.due_date, case.due_provisional, case.rongque_due, case.notice_due)
            if case.accepted_at is not None and case.due_provisional:
                _due(ctx, case, matter, now.date())
            accept = next((t for t in case.history if t.action is Action.ACCEPT), None)
            if (case.commitment is CommitmentStatus.PENDING and accept is not None
                    and accept.data.get("rongque_provisional") and "rongque_days" in accept.data):
                case.rongque_due = ctx.calendar.add_working_days(accept.at.date(), int(accept.data["rongque_days"]))[0]
            if case.state is CaseState.RECEIVED:
                resubmits = [t.at.date() for t in case.history if t.action is Action.RESUBMIT]
                case.notice_due = one_time_notice_deadline(
                    ctx.calendar, resubmits[-1] if resubmits else case.received_at.date()).date
            if (case.due_date, case.due_provisional, case.rongque_due, case.notice_due) != before:
                save_case(s, case, now=now)
                changed += 1
        audit.append(s, at=now, actor=actor.username, action="case.recompute_due", entity="case", entity_id="*",
                     detail=f"{changed} changed")
    recompute_ledger_deadlines(ctx, actor)  # follow-up and complaint deadlines follow the schedule too
    return changed


# -- clock stops and extensions (行政许可法 第45条, 第42条; seed 001 §5.3.3) ------------------------------
def _clock_change(ctx: ServiceContext, actor: Actor, case_number: str, permission: str, action: str,
                  change: Callable[[Case, date], str]) -> Case:
    """Load a running case, change its clock, move its due date, save and audit: one transaction.
    The due date lives on the case row, so the case list, 催办, dashboard and notices all follow."""
    from clerk_app.domain.deadline_policy import DECISION_CLOCK

    actor.require(permission)
    now = ctx.now()
    with ctx.store.transaction() as s:
        case = load_case(s, number=case_number)
        if case.state not in DECISION_CLOCK:
            raise DomainError("case.clock_not_running", number=case_number, state=case.state)
        detail = change(case, now.date())
        old = case.due_date
        _due(ctx, case, ctx.catalogue.by_code(case.matter_code), now.date())
        save_case(s, case, now=now)
        audit.append(s, at=now, actor=actor.username, action=f"case.{action}", entity="case", entity_id=case.id,
                     detail=f"{detail}; due {old} -> {case.due_date}"[:300])
    return case


def suspend_clock(ctx: ServiceContext, actor: Actor, case_number: str, *, reason: str,
                  start: date | None = None, end: date | None = None) -> Case:
    """第45条: time for 听证, 检验检测, 鉴定, 专家评审, 现场核查 … is not counted. Without ``end`` the
    clock stays stopped until ``resume_clock``."""
    def add(case: Case, today: date) -> str:
        if case.clock_paused:
            raise DomainError("case.clock_already_paused", number=case.number)
        first = start or today
        if case.accepted_at is not None and first < case.accepted_at.date():
            raise DomainError("case.pause_before_acceptance")
        case.suspensions.append(Suspension(first, end, reason.strip()[:100]))
        return f"suspend {first} {end or ''} {reason.strip()[:60]}"
    return _clock_change(ctx, actor, case_number, "case.intake", "suspend", add)


def resume_clock(ctx: ServiceContext, actor: Actor, case_number: str, *, end: date | None = None) -> Case:
    """Ends the open clock stop on ``end`` (the last day not counted; yesterday by default)."""
    from datetime import timedelta

    def close(case: Case, today: date) -> str:
        open_ = [i for i, x in enumerate(case.suspensions) if x.end is None]
        if not open_:
            raise DomainError("case.clock_not_paused", number=case.number)
        i = open_[-1]
        last = end or max(case.suspensions[i].start, today - timedelta(days=1))
        case.suspensions[i] = Suspension(case.suspensions[i].start, last, case.suspensions[i].reason)
        return f"resume {last}"
    return _clock_change(ctx, actor, case_number, "case.intake", "resume", close)


def extend_limit(ctx: ServiceContext, actor: Actor, case_number: str, *, days: int, reason: str) -> Case:
    """第42条: an extension with its reason, approved by the supervisor who records it."""
    def add(case: Case, today: date) -> str:
        if sum(e.days for e in case.extensions) + days > MAX_EXTENSION_DAYS:
            raise DomainError("case.extension_over_limit", limit=MAX_EXTENSION_DAYS)
        case.extensions.append(Extension(days, reason.strip()[:200], approver=actor.display_name, on=today))
        return f"extend {days} {reason.strip()[:60]}"
    return _clock_change(ctx, actor, case_number, "case.extend", "extend", add)


@dataclass(frozen=True)
class CaseDetail:
    """What the case detail shows: the case, its people with masked identity numbers, and who acted."""

    case: Case
    applicant_name: str
    applicant_id_masked: str
    applicant_phone_masked: str
    agent_name: str | None
    actors: Mapping[str, str]  # user id → display name, for the timeline
    applicant_address: str = ""  # printed on notices; the screens do not show it
    agent_id_masked: str = ""
    delegation_scope: str = ""
    delegation_valid_to: date | None = None
    linked: tuple[tuple[str, str, CaseState], ...] = ()  # 联办件: (number, matter, state) of the other cases


def case_detail(ctx: ServiceContext, actor: Actor, case_number: str) -> CaseDetail:
    from clerk_app.domain.id_numbers import mask_id_number
    from clerk_app.store.tables import UserRow

    actor.require("case.read")
    with ctx.store.read() as s:
        case = load_case(s, number=case_number)
        applicant = s.get(ApplicantRow, case.applicant_id)
        agent = s.get(ApplicantRow, case.agent_id) if case.agent_id else None
        names = {uid: name for uid, name in s.execute(select(UserRow.id, UserRow.display_name))}
        from clerk_app.store.tables import CaseRow

        row = s.get(CaseRow, case.id)
        delegation = (row.delegation_scope, row.delegation_valid_to) if row is not None and case.agent_id else None
        linked = tuple((n, m, CaseState(st)) for n, m, st in s.execute(
            select(CaseRow.number, CaseRow.matter_name, CaseRow.state)
            .where(CaseRow.bundle_id == case.bundle_id, CaseRow.id != case.id).order_by(CaseRow.number))
        ) if case.bundle_id else ()
    assert applicant is not None
    phone = applicant.phone
    return CaseDetail(case=case, applicant_name=applicant.name, applicant_id_masked=mask_id_number(applicant.id_number),
                      applicant_phone_masked=(phone[:3] + "****" + phone[-4:]) if len(phone) >= 11 else phone,
                      agent_name=agent.name if agent else None, actors=names, applicant_address=applicant.address,
                      agent_id_masked=mask_id_number(agent.id_number) if agent else "",
                      delegation_scope=delegation[0] if delegation else "",
                      delegation_valid_to=delegation[1] if delegation else None, linked=linked)


def _reveal_applicant_id(ctx: ServiceContext, actor: Actor, case_number: str) -> str:
    """The full ID number, audited. Callers go through ``services.reauth.reveal_applicant_id``,
    which first asks for the clerk's password again."""
    actor.require("applicant.reveal_id")
    now = ctx.now()
    with ctx.store.transaction() as s:
        case = load_case(s, number=case_number, with_history=False)
        applicant = s.get(ApplicantRow, case.applicant_id)
        assert applicant is not None
        audit.append(s, at=now, actor=actor.username, action="applicant.reveal_id", entity="applicant",
                     entity_id=applicant.id, detail=case_number)
        return applicant.id_number


def attach_capture(ctx: ServiceContext, actor: Actor, case_number: str, seq: int, data: bytes) -> str:
    """A camera capture or imported file attached to one checklist line; returns its SHA-256.

    The file is written before the transaction that links it, so a crash leaves at worst an
    unlinked file, never a link to nothing.
    """
    from clerk_app.store import attachments
    from clerk_app.store.tables import CaseMaterialRow, CaseRow

    actor.require("case.intake")
    digest = attachments.put(ctx.paths.attachments, data)
    now = ctx.now()
    with ctx.store.transaction() as s:
        row = s.scalars(select(CaseMaterialRow).join(CaseRow, CaseRow.id == CaseMaterialRow.case_id)
                        .where(CaseRow.number == case_number, CaseMaterialRow.seq == seq)).first()
        if row is None:
            raise DomainError("case.no_material", number=case_number, seq=seq)
        row.attachment_sha256 = digest
        audit.append(s, at=now, actor=actor.username, action="case.attach", entity="case", entity_id=row.case_id,
                     detail=f"{seq}:{digest[:16]}")
    return digest
