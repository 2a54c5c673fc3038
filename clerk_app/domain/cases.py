"""A case (办件) and its state machine, from receipt (接件) to archive.

Pure: the caller passes the time, the actor and the matter; nothing here reads a clock or a database.
Every transition appends who, when, from, to and why to the case history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from clerk_app.domain.deadlines import Extension, Suspension
from clerk_app.domain.matters import Matter, Necessity
from clerk_app.errors import DomainError
from clerk_app.messages import Text


class CaseState(StrEnum):
    RECEIVED = "received"                  # 接件
    PENDING_SUPPLEMENT = "pending_supplement"  # 一次性告知，待补正
    ACCEPTED = "accepted"                  # 受理
    REJECTED = "rejected"                  # 不予受理
    TRANSFERRED = "transferred"            # 已流转至部门
    BACKOFFICE_SUPPLEMENT = "backoffice_supplement"  # 部门补件
    RETURNED = "returned"                  # 部门退件
    DECIDED = "decided"                    # 已办结（准予 / 不予）
    RESULT_READY = "result_ready"          # 待出件
    DELIVERED = "delivered"                # 已出件
    UNDELIVERABLE = "undeliverable"        # 无法送达，退回部门
    ARCHIVED = "archived"                  # 已归档
    WITHDRAWN = "withdrawn"                # 申请人撤回

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS: dict[CaseState, str] = {
    CaseState.RECEIVED: "已接件",
    CaseState.PENDING_SUPPLEMENT: "待补正",
    CaseState.ACCEPTED: "已受理",
    CaseState.REJECTED: "不予受理",
    CaseState.TRANSFERRED: "已流转",
    CaseState.BACKOFFICE_SUPPLEMENT: "部门补件",
    CaseState.RETURNED: "部门退件",
    CaseState.DECIDED: "已办结",
    CaseState.RESULT_READY: "待出件",
    CaseState.DELIVERED: "已出件",
    CaseState.UNDELIVERABLE: "无法送达",
    CaseState.ARCHIVED: "已归档",
    CaseState.WITHDRAWN: "已撤回",
}

TERMINAL_STATES = frozenset({CaseState.REJECTED, CaseState.ARCHIVED, CaseState.WITHDRAWN})


class AcceptMode(StrEnum):
    NORMAL = "normal"          # 正常受理
    RONGQUE = "rongque"        # 容缺受理
    TELL_COMMIT = "tell_commit"  # 告知承诺

    @property
    def label(self) -> str:
        return {"normal": "受理", "rongque": "容缺受理", "tell_commit": "告知承诺受理"}[self.value]


class IntakeDecision(StrEnum):
    """What the clerk may do at the end of the material check."""

    ACCEPT = "accept"
    ACCEPT_RONGQUE = "accept_rongque"
    ACCEPT_TELL_COMMIT = "accept_tell_commit"
    ONE_TIME_NOTICE = "one_time_notice"
    REJECT = "reject"

    @property
    def label(self) -> str:
        return {"accept": "受理", "accept_rongque": "容缺受理", "accept_tell_commit": "告知承诺受理",
                "one_time_notice": "一次性告知", "reject": "不予受理"}[self.value]


class MaterialStatus(StrEnum):
    UNCHECKED = "unchecked"
    SUBMITTED = "submitted"   # 已收
    MISSING = "missing"       # 缺
    DEFECTIVE = "defective"   # 不符合要求
    NOT_APPLICABLE = "not_applicable"  # 不适用（非必要材料）

    @property
    def label(self) -> str:
        return {"unchecked": "未核验", "submitted": "已收", "missing": "缺少", "defective": "不符合要求",
                "not_applicable": "不适用"}[self.value]


class DeliveryMode(StrEnum):
    ON_SITE = "on_site"
    POST = "post"
    ELECTRONIC = "electronic"

    @property
    def label(self) -> str:
        return {"on_site": "窗口领取", "post": "邮寄送达", "electronic": "电子证照"}[self.value]


class CommitmentStatus(StrEnum):
    NONE = "none"
    PENDING = "pending"      # 容缺材料待补
    FULFILLED = "fulfilled"
    BROKEN = "broken"        # 逾期未补：失信


class Action(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    NOTIFY_SUPPLEMENT = "notify_supplement"
    RESUBMIT = "resubmit"
    TRANSFER = "transfer"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT_DELIVERED = "supplement_delivered"
    RETURN = "return"
    DECIDE = "decide"
    RESULT_READY = "result_ready"
    DELIVER = "deliver"
    UNDELIVERABLE = "undeliverable"
    ARCHIVE = "archive"
    WITHDRAW = "withdraw"
    FULFIL_COMMITMENT = "fulfil_commitment"
    BREAK_COMMITMENT = "break_commitment"
    # An undeliverable result goes back to its department (seed 001 §5.1.3): the output desk's act, not the
    # supervisor's archiving, so it has its own action (and permission, domain/roles.py).
    RETURN_TO_DEPARTMENT = "return_to_department"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.ACCEPT: "受理", Action.REJECT: "不予受理", Action.NOTIFY_SUPPLEMENT: "一次性告知",
    Action.RESUBMIT: "补正后重新提交", Action.TRANSFER: "流转至部门", Action.REQUEST_SUPPLEMENT: "部门要求补件",
    Action.SUPPLEMENT_DELIVERED: "补件已送达", Action.RETURN: "部门退件", Action.DECIDE: "办结",
    Action.RESULT_READY: "结果待领取", Action.DELIVER: "出件", Action.UNDELIVERABLE: "无法送达",
    Action.ARCHIVE: "归档", Action.WITHDRAW: "撤回", Action.FULFIL_COMMITMENT: "容缺材料已补齐",
    Action.BREAK_COMMITMENT: "容缺承诺逾期未履行", Action.RETURN_TO_DEPARTMENT: "退回部门",
}

S = CaseState
# The one place where legal moves are listed; everything else asks this table.
TRANSITIONS: Mapping[tuple[CaseState, Action], CaseState] = {
    (S.RECEIVED, Action.ACCEPT): S.ACCEPTED,
    (S.RECEIVED, Action.REJECT): S.REJECTED,
    (S.RECEIVED, Action.NOTIFY_SUPPLEMENT): S.PENDING_SUPPLEMENT,
    (S.RECEIVED, Action.WITHDRAW): S.WITHDRAWN,
    (S.PENDING_SUPPLEMENT, Action.RESUBMIT): S.RECEIVED,
    (S.PENDING_SUPPLEMENT, Action.WITHDRAW): S.WITHDRAWN,
    (S.ACCEPTED, Action.TRANSFER): S.TRANSFERRED,
    (S.ACCEPTED, Action.DECIDE): S.DECIDED,  # 即办件 decided at the window
    (S.ACCEPTED, Action.WITHDRAW): S.WITHDRAWN,
    (S.TRANSFERRED, Action.REQUEST_SUPPLEMENT): S.BACKOFFICE_SUPPLEMENT,
    (S.TRANSFERRED, Action.RETURN): S.RETURNED,
    (S.TRANSFERRED, Action.DECIDE): S.DECIDED,
    (S.TRANSFERRED, Action.WITHDRAW): S.WITHDRAWN,
    (S.BACKOFFICE_SUPPLEMENT, Action.SUPPLEMENT_DELIVERED): S.TRANSFERRED,
    (S.BACKOFFICE_SUPPLEMENT, Action.WITHDRAW): S.WITHDRAWN,
    (S.RETURNED, Action.ARCHIVE): S.ARCHIVED,
    (S.DECIDED, Action.RESULT_READY): S.RESULT_READY,
    (S.RESULT_READY, Action.DELIVER): S.DELIVERED,
    (S.RESULT_READY, Action.UNDELIVERABLE): S.UNDELIVERABLE,
    (S.UNDELIVERABLE, Action.RESULT_READY): S.RESULT_READY,
    (S.UNDELIVERABLE, Action.ARCHIVE): S.ARCHIVED,
    (S.UNDELIVERABLE, Action.RETURN_TO_DEPARTMENT): S.ARCHIVED,
    (S.DELIVERED, Action.ARCHIVE): S.ARCHIVED,
}
# Commitment events keep the state; they are allowed while the case is open.
COMMITMENT_ACTIONS = frozenset({Action.FULFIL_COMMITMENT, Action.BREAK_COMMITMENT})


@dataclass(frozen=True)
class Transition:
    at: datetime
    actor: str
    action: Action
    from_state: CaseState
    to_state: CaseState
    reason: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class MaterialCheck:
    seq: int
    name: str
    necessity: Necessity
    status: MaterialStatus = MaterialStatus.UNCHECKED
    note: str = ""  # what is wrong and how to fix it (for the 一次性告知书)
    attachment: str | None = None  # SHA-256 of the captured page, when photographed


@dataclass
class Case:
    id: str
    number: str
    matter_code: str
    matter_name: str
    department: str
    applicant_id: str
    received_at: datetime
    window: str
    clerk_id: str
    agent_id: str | None = None
    state: CaseState = CaseState.RECEIVED
    accept_mode: AcceptMode | None = None
    accepted_at: datetime | None = None
    due_date: date | None = None
    due_provisional: bool = False
    rongque_due: date | None = None
    commitment: CommitmentStatus = CommitmentStatus.NONE
    tell_commit_offered: bool = False
    decision_approved: bool | None = None
    delivery_mode: DeliveryMode | None = None
    bundle_id: str | None = None  # 联办件: the cases of one joint application share it
    notice_due: date | None = None  # last day for the 一次性告知 while at intake (行政许可法 第32条)
    counted_from: date | None = None  # the day the time limit counts from (acceptance, or receipt under 第32条)
    tell_commit_choice: bool | None = None  # the applicant's own answer to the 告知承诺 offer (seed 001 §5.3.6)
    suspensions: list[Suspension] = field(default_factory=list)  # 第45条 clock stops
    extensions: list[Extension] = field(default_factory=list)  # 第42条 extensions
    clock_paused: bool = False  # a clock stop is still open
    materials: list[MaterialCheck] = field(default_factory=list)
    history: list[Transition] = field(default_factory=list)

    @classmethod
    def receive(cls, *, id: str, number: str, matter: Matter, applicant_id: str, at: datetime, window: str,
                clerk_id: str, agent_id: str | None = None, bundle_id: str | None = None) -> Case:
        problem = matter.authorisation_problem(at.date())  # authorised, and within 授权期限 (seed 001 App. I)
        if problem:
            raise DomainError(problem)
        case = cls(id=id, number=number, matter_code=matter.code, matter_name=matter.name,
                   department=matter.department, applicant_id=applicant_id, received_at=at, window=window,
                   clerk_id=clerk_id, agent_id=agent_id, bundle_id=bundle_id,
                   materials=[MaterialCheck(m.seq, m.name, m.necessity) for m in matter.materials])
        return case

    def check_material(self, seq: int, status: MaterialStatus, note: str = "") -> MaterialCheck:
        """Records the check of one line; only while the case is at intake (接件)."""
        if self.state is not CaseState.RECEIVED:
            raise DomainError("case.check_closed", number=self.number, state=self.state)
        line = next((m for m in self.materials if m.seq == seq), None)
        if line is None:
            raise DomainError("case.no_material", number=self.number, seq=seq)
        if status is MaterialStatus.DEFECTIVE and not note.strip():
            raise DomainError("case.defect_reason_missing", material=line.name)
        line.status, line.note = status, note.strip()[:500]
        return line

    # -- queries ---------------------------------------------------------------------------------
    def allowed_actions(self) -> set[Action]:
        allowed = {a for (s, a) in TRANSITIONS if s is self.state}
        if self.commitment is CommitmentStatus.PENDING and self.state not in TERMINAL_STATES:
            allowed |= COMMITMENT_ACTIONS
        return allowed

    @property
    def is_open(self) -> bool:
        return self.state not in TERMINAL_STATES

    # -- the one mutator ---------------------------------------------------------------------------
    def apply(self, action: Action, *, actor: str, at: datetime, reason: str = "",
              data: Mapping[str, Any] | None = None) -> Transition:
        if action in COMMITMENT_ACTIONS:
            # a 告知承诺 is a commitment too: checking it may find it false (seed 001 §5.3.6 d)
            false_commitment = (action is Action.BREAK_COMMITMENT and self.accept_mode is AcceptMode.TELL_COMMIT
                                and self.commitment is CommitmentStatus.NONE)
            if (self.commitment is not CommitmentStatus.PENDING and not false_commitment) or not self.is_open:
                raise DomainError("case.no_pending_commitment", number=self.number, action=action)
            if action is Action.FULFIL_COMMITMENT and self.rongque_due is not None and at.date() > self.rongque_due:
                # seed 001 §5.3.5: past the promised date the case is no longer 容缺; materials that
                # come late do not make the commitment kept.
                raise DomainError("case.commitment_lapsed", due=self.rongque_due.isoformat())
            target = self.state
        else:
            target_or_none = TRANSITIONS.get((self.state, action))
            if target_or_none is None:
                raise DomainError(
                    "case.illegal_transition", number=self.number, state=self.state, action=action)
            target = target_or_none
        t = Transition(at=at, actor=actor, action=action, from_state=self.state, to_state=target,
                       reason=reason, data=dict(data or {}))
        self.state = target
        self.history.append(t)
        return t


def tell_commit_offerable(matter: Matter, credit_bar: str | None) -> bool:
    """告知承诺 is offered to the applicant where the matter allows it and the applicant's credit does
    (seed 001 §5.2.2, §5.3.6; requirements §1.4): then it must be offered, and the answer recorded,
    before any decision but 不予受理."""
    return matter.tell_commit_eligible and credit_bar is None


def decide_intake_options(matter: Matter, checks: Iterable[MaterialCheck], *,
                          applicant_credit_ok: bool = True, credit_bar: str | None = None,
                          tell_commit_choice: bool | None = None, tell_commit_offered: bool = True,
                          notified_before: frozenset[int] | None = None) -> dict[IntakeDecision, str | None]:
    """Each intake decision mapped to None when allowed, or to the Chinese reason it is not.

    The rules (seed 001 §5.2.2, §5.3.5, §5.3.6): accept only when every required material is in;
    容缺 only when the missing ones are all 容缺-eligible; 告知承诺 whenever the matter allows it, the
    applicant chose it and the applicant's credit does; 一次性告知 only when something is missing or
    defective, after every line was checked, and never a second time for a material that was present
    at the first (seed 001 §5.3.2; 行政许可法 第32条 "一次告知"); 不予受理 always.
    ``credit_bar`` is the reason an applicant may have neither 告知承诺 nor 容缺 (requirements §1.4;
    seed 003 App. C.7); ``notified_before`` the material seqs listed in earlier 一次性告知 of the case;
    ``tell_commit_offered`` False while the case has no recorded offer: where 告知承诺 is offerable
    (``tell_commit_offerable``) every decision but 不予受理 waits for the offer.
    """
    if credit_bar is None and not applicant_credit_ok:
        credit_bar = Text("intake.credit_bar")
    checks = list(checks)
    unchecked = [c for c in checks if c.status is MaterialStatus.UNCHECKED and c.necessity is not Necessity.OPTIONAL]
    lacking = [c for c in checks if c.status in (MaterialStatus.MISSING, MaterialStatus.DEFECTIVE)
               and c.necessity is not Necessity.OPTIONAL]
    options: dict[IntakeDecision, str | None] = {}
    if unchecked:
        pending = Text("intake.unchecked", materials=[c.name for c in unchecked])
        options[IntakeDecision.ACCEPT] = pending
        options[IntakeDecision.ACCEPT_RONGQUE] = pending
    else:
        options[IntakeDecision.ACCEPT] = (
            None if not lacking else Text("intake.incomplete", materials=[c.name for c in lacking]))
        if not lacking:
            options[IntakeDecision.ACCEPT_RONGQUE] = Text("intake.rongque_not_needed")
        elif all(c.necessity is Necessity.RONGQUE for c in lacking):
            options[IntakeDecision.ACCEPT_RONGQUE] = None
        else:
            main = [c.name for c in lacking if c.necessity is not Necessity.RONGQUE]
            options[IntakeDecision.ACCEPT_RONGQUE] = Text("intake.main_materials_missing", materials=main)
    if credit_bar is not None and options[IntakeDecision.ACCEPT_RONGQUE] is None:
        options[IntakeDecision.ACCEPT_RONGQUE] = credit_bar
    if not matter.tell_commit_eligible:
        options[IntakeDecision.ACCEPT_TELL_COMMIT] = Text("intake.tell_commit_not_applicable", matter=matter.name)
    elif credit_bar is not None:
        options[IntakeDecision.ACCEPT_TELL_COMMIT] = credit_bar
    elif tell_commit_choice is False:
        options[IntakeDecision.ACCEPT_TELL_COMMIT] = Text("intake.tell_commit_declined")
    elif tell_commit_choice is None:
        options[IntakeDecision.ACCEPT_TELL_COMMIT] = Text("intake.tell_commit_choice_missing")
    else:
        options[IntakeDecision.ACCEPT_TELL_COMMIT] = None
    options[IntakeDecision.ONE_TIME_NOTICE] = _one_time_notice_refusal(checks, lacking, notified_before)
    if not tell_commit_offered and tell_commit_offerable(matter, credit_bar):
        for decision, why in options.items():
            if why is None:
                options[decision] = Text("intake.tell_commit_offer_first")
    options[IntakeDecision.REJECT] = None
    return options


def _one_time_notice_refusal(checks: Sequence[MaterialCheck], lacking: Sequence[MaterialCheck],
                             notified_before: frozenset[int] | None) -> str | None:
    if not lacking:
        return Text("intake.notice_not_needed")
    unchecked = [c.name for c in checks if c.status is MaterialStatus.UNCHECKED]
    if unchecked:
        return Text("intake.notice_unchecked", materials=unchecked)
    if notified_before is not None:
        late = [c.name for c in lacking if c.seq not in notified_before]
        if late:
            return Text("intake.notice_second_time", materials=late)
    return None


def notified_items(case: Case) -> frozenset[int] | None:
    """The material seqs listed in the case's earlier 一次性告知; None when there was none."""
    notices = [t for t in case.history if t.action is Action.NOTIFY_SUPPLEMENT]
    if not notices:
        return None
    return frozenset(int(i["seq"]) for t in notices for i in t.data.get("items", ()) if "seq" in i)


def require_allowed(options: Mapping[IntakeDecision, str | None], decision: IntakeDecision) -> None:
    why = options.get(decision, Text("intake.unknown_decision"))
    if why is not None:
        raise DomainError("case.decision_not_allowed", decision=decision, why=why)


# The notices that record the decision at the window (seed 001 §5.2.2, App. E/F/G); other kinds
# (办事指南, 交接单, 领取通知 …) are not decisions and are governed where they are issued.
DECISION_NOTICES = ("acceptance", "rejection", "one_time_notice", "rongque_commitment", "tell_commit", "delegation")


def notice_refusal(case: Case, kind: str, matter: Matter | None = None) -> str | None:
    """Why ``kind`` may not be issued (or reprinted) for ``case``; None when it may.

    The one rule the wizard, the CLI and reprints ask: a notice states a decision, so it exists only
    when that decision was made (seed 001 §5.2.2, App. E 受理通知书, F 不予受理通知书, G 一次性告知书;
    §5.3.5 容缺承诺书; §5.3.6 告知承诺书; §5.1.6 代办委托协议)."""
    if kind not in DECISION_NOTICES:
        return None
    label = Text(f"notice.kind_{kind}")  # notice.kind_acceptance, notice.kind_rejection, … (DECISION_NOTICES)
    accepted = case.accept_mode is not None and (case.accepted_at is not None or any(
        t.action is Action.ACCEPT for t in case.history))
    if kind == "acceptance" and not accepted:
        return Text("notice.not_accepted", number=case.number, state=case.state, notice=label)
    if kind == "rejection" and case.state is not CaseState.REJECTED:
        return Text("notice.not_rejected", number=case.number, state=case.state, notice=label)
    if kind == "one_time_notice" and case.state is not CaseState.PENDING_SUPPLEMENT and not any(
            t.action is Action.NOTIFY_SUPPLEMENT for t in case.history):
        return Text("notice.no_one_time_notice", number=case.number, notice=label)
    if kind == "rongque_commitment" and case.accept_mode is not AcceptMode.RONGQUE:
        return Text("notice.not_rongque", number=case.number, notice=label)
    if kind == "tell_commit":
        # printed to inform the applicant while at intake, and as the signed commitment once chosen
        if matter is not None and not matter.tell_commit_eligible:
            return Text("notice.tell_commit_not_applicable", matter=matter.name, notice=label)
        if case.tell_commit_choice is False:
            return Text("notice.tell_commit_declined", number=case.number, notice=label)
        if case.state is not CaseState.RECEIVED and case.accept_mode is not AcceptMode.TELL_COMMIT:
            return Text("notice.not_tell_commit", number=case.number, notice=label)
    if kind == "delegation" and case.agent_id is None:
        return Text("notice.no_agent", number=case.number, notice=label)
    return None


def formal_notices(case: Case) -> tuple[str, ...]:
    """The documents a decision at the window hands out, each 一式二份 (seed 001 §5.2.2, App. E/F/G;
    §5.3.5 容缺 commitment; §5.3.6 告知承诺书; §5.1.6 代办委托协议). Names are forms/notices/ kinds.
    Every kind listed here passes ``notice_refusal``."""
    kinds: list[str] = []
    if case.state is CaseState.REJECTED:
        kinds.append("rejection")
    elif case.state is CaseState.PENDING_SUPPLEMENT:
        kinds.append("one_time_notice")
    elif case.accept_mode is not None:
        kinds.append("acceptance")
        if case.accept_mode is AcceptMode.RONGQUE:
            kinds.append("rongque_commitment")
        elif case.accept_mode is AcceptMode.TELL_COMMIT:
            kinds.append("tell_commit")
    if kinds and case.agent_id is not None:
        kinds.append("delegation")
    return tuple(k for k in kinds if notice_refusal(case, k) is None)


# -- credit (requirements §1.4; seed 003 App. C.7 容缺受理失信处理制度) ----------------------------------------
def credit_bar(breaches: Sequence[date], today: date, bar_days: int) -> str | None:
    """An applicant who broke a 容缺 commitment (or made a false 告知承诺) within ``bar_days`` days is
    offered neither 告知承诺 nor 容缺; returns the reason, or None. ``bar_days`` 0 turns the bar off."""
    if bar_days <= 0:
        return None
    recent = sorted(d for d in breaches if 0 <= (today - d).days < bar_days)
    if not recent:
        return None
    last, until = recent[-1].isoformat(), date.fromordinal(recent[-1].toordinal() + bar_days).isoformat()
    return Text("intake.recent_breach", last=last, until=until)


# -- joint cases (联办件, "一件事一次办") ---------------------------------------------------------------
MAX_BUNDLE_MATTERS = 8
_NECESSITY_RANK = {Necessity.REQUIRED: 0, Necessity.RONGQUE: 1, Necessity.OPTIONAL: 2}


def check_bundle(matters: Sequence[Matter]) -> None:
    """One application for several matters, accepted at one window and answered once (seed 001
    §5.1.2; seed 004 "一件事一次办"). Each matter still becomes its own case: its own department,
    time limit and decision."""
    if len(matters) < 2:
        raise DomainError("bundle.too_few")
    if len(matters) > MAX_BUNDLE_MATTERS:
        raise DomainError("bundle.too_many", limit=MAX_BUNDLE_MATTERS)
    seen: set[str] = set()
    for m in matters:
        if m.code in seen:
            raise DomainError("bundle.duplicate_matter", matter=m.name)
        seen.add(m.code)
        if not m.window_authorised:
            raise DomainError("case.matter_not_authorised", matter=m.name, department=m.department)


def require_same_bundle(bundle_ids: Sequence[str | None]) -> None:
    """Materials checked or captured together must belong to one joint application."""
    if len(bundle_ids) > 1 and (None in bundle_ids or len(set(bundle_ids)) != 1):
        raise DomainError("bundle.mixed_materials")


def material_key(name: str) -> str:
    """Two matters ask for the same material when its name is the same, spacing aside."""
    return "".join(name.split())


@dataclass(frozen=True)
class SharedMaterial:
    """One line of a joint checklist: checked and captured once, recorded on every case that needs it."""

    name: str
    necessity: Necessity  # the strictest of the matters that ask for it
    lines: tuple[tuple[str, int], ...]  # (case number, material seq)
    status: MaterialStatus
    note: str
    attachment: str | None

    @property
    def shared(self) -> bool:
        return len(self.lines) > 1


def shared_materials(cases: Sequence[Case]) -> list[SharedMaterial]:
    """The joint checklist of a bundle, in the order the materials first appear."""
    groups: dict[str, list[tuple[Case, MaterialCheck]]] = {}
    for case in cases:
        for line in case.materials:
            groups.setdefault(material_key(line.name), []).append((case, line))
    out = []
    for members in groups.values():
        first = members[0][1]
        out.append(SharedMaterial(
            name=first.name, necessity=min((m.necessity for _, m in members), key=_NECESSITY_RANK.__getitem__),
            lines=tuple((c.number, m.seq) for c, m in members), status=first.status, note=first.note,
            attachment=next((m.attachment for _, m in members if m.attachment), None)))
    return out


def format_case_number(center: str, window: str, day: date, seq: int) -> str:
    """``<center>-<window>-<yyyymmdd>-<seq>``: unique across counters with no server, because each
    window of a center numbers only its own cases and the window is part of the number."""
    if not center.isalnum() or not window.isalnum():
        raise DomainError("case.bad_counter_id")
    return f"{center}-{window}-{day:%Y%m%d}-{seq:04d}"
