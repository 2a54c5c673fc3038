"""Realistic synthetic data for demos and benchmarks; deterministic for a given seed and day.

Cases are driven through the real domain state machine, then written in bulk (one transaction per
batch), so a seed of 200 and a benchmark of a million use the same rules.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select

from clerk_app.domain.applicants import Applicant, ApplicantKind
from clerk_app.domain.cases import (
    AcceptMode,
    Action,
    Case,
    CaseState,
    CommitmentStatus,
    DeliveryMode,
    MaterialStatus,
    format_case_number,
)
from clerk_app.domain.deadlines import compute_due, one_time_notice_deadline
from clerk_app.domain.evaluation import RatingLevel
from clerk_app.domain.id_numbers import check_digit
from clerk_app.domain.ids import uuid7
from clerk_app.domain.matters import Necessity
from clerk_app.domain.roles import Role
from clerk_app.services.context import ServiceContext
from clerk_app.store import audit, outbox
from clerk_app.store.tables import (
    ApplicantRow,
    CaseEventRow,
    CaseMaterialRow,
    CaseRow,
    ComplaintRow,
    RatingRow,
    SequenceRow,
    UserRow,
)

DEMO_USERS = (  # demo only: printed in the README, never for production
    ("clerk", "王小明", Role.CLERK, "clerk1234"),
    ("supervisor", "李带班", Role.SUPERVISOR, "super1234"),
    ("admin", "张管理", Role.ADMIN, "admin1234"),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅晓东海燕文斌宇浩然子涵欣怡梓轩一诺雨桐思远嘉怡"
STREETS = ("中关村大街", "学院路", "海淀路", "成府路", "万泉河路", "苏州街", "知春路", "西直门北大街", "紫竹院路", "复兴路")
REGIONS = ("110108", "110105", "110101", "110102", "440305", "310104", "320102", "510107")
COMPLAINTS = (("投诉", "窗口等候时间过长，叫号后无人应答"), ("建议", "希望增加周六延时服务窗口"),
              ("咨询", "个体工商户变更经营范围需要哪些材料"), ("表扬", "综合窗口工作人员耐心细致，一次办好"),
              ("投诉", "同一材料被要求重复提交"), ("建议", "自助区打印机纸张不足"))
# Where a seeded case ends up: (final state, weight).
OUTCOMES = ((CaseState.RECEIVED, 3), (CaseState.PENDING_SUPPLEMENT, 6), (CaseState.REJECTED, 3),
            (CaseState.ACCEPTED, 12), (CaseState.TRANSFERRED, 18), (CaseState.BACKOFFICE_SUPPLEMENT, 3),
            (CaseState.RETURNED, 2), (CaseState.DECIDED, 6), (CaseState.RESULT_READY, 12),
            (CaseState.DELIVERED, 20), (CaseState.UNDELIVERABLE, 1), (CaseState.ARCHIVED, 12),
            (CaseState.WITHDRAWN, 2))
PATHS: dict[CaseState, tuple[Action, ...]] = {
    CaseState.RECEIVED: (),
    CaseState.PENDING_SUPPLEMENT: (Action.NOTIFY_SUPPLEMENT,),
    CaseState.REJECTED: (Action.REJECT,),
    CaseState.ACCEPTED: (Action.ACCEPT,),
    CaseState.TRANSFERRED: (Action.ACCEPT, Action.TRANSFER),
    CaseState.BACKOFFICE_SUPPLEMENT: (Action.ACCEPT, Action.TRANSFER, Action.REQUEST_SUPPLEMENT),
    CaseState.RETURNED: (Action.ACCEPT, Action.TRANSFER, Action.RETURN),
    CaseState.DECIDED: (Action.ACCEPT, Action.TRANSFER, Action.DECIDE),
    CaseState.RESULT_READY: (Action.ACCEPT, Action.TRANSFER, Action.DECIDE, Action.RESULT_READY),
    CaseState.DELIVERED: (Action.ACCEPT, Action.TRANSFER, Action.DECIDE, Action.RESULT_READY, Action.DELIVER),
    CaseState.UNDELIVERABLE: (Action.ACCEPT, Action.TRANSFER, Action.DECIDE, Action.RESULT_READY,
                              Action.UNDELIVERABLE),
    CaseState.ARCHIVED: (Action.ACCEPT, Action.TRANSFER, Action.DECIDE, Action.RESULT_READY, Action.DELIVER,
                         Action.ARCHIVE),
    CaseState.WITHDRAWN: (Action.ACCEPT, Action.WITHDRAW),
}


def ensure_demo_users(ctx: ServiceContext) -> list[str]:
    from clerk_app.services.auth import create_user

    with ctx.store.read() as s:
        existing = set(s.scalars(select(UserRow.username)))
    made = []
    for username, display, role, password in DEMO_USERS:
        if username not in existing:
            create_user(ctx, None, username=username, display_name=display, role=role, password=password)
            made.append(username)
    return made


def _person(rng: random.Random, today: date) -> tuple[str, str, str, str]:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(0, (today - date(1940, 1, 1)).days - 18 * 366))
    body = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    number = body + check_digit(body)
    phone = f"1{rng.choice('3456789')}{rng.randrange(0, 10**9):09d}"
    address = f"北京市海淀区{rng.choice(STREETS)}{rng.randrange(1, 300)}号"
    return name, number, phone, address


def _working_moment(rng: random.Random, day: date) -> datetime:
    minutes = rng.randrange(9 * 60, 17 * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60, rng.randrange(60)))


def _given_applicant(ctx: ServiceContext, identity: tuple[str, str, str], today: date) -> tuple[str, str]:
    """The applicant named on the command line (validated like any intake), reused if already there."""
    id_number, name, phone = identity
    person = Applicant.create(id=uuid7(), kind=ApplicantKind.PERSON, name=name, id_number=id_number, phone=phone,
                              address="北京市海淀区中关村大街1号", today=today)
    with ctx.store.transaction() as s:
        existing = s.scalars(select(ApplicantRow.id).where(ApplicantRow.id_number == person.id_number)).first()
        if existing:
            return existing, person.name
        s.add(ApplicantRow(id=person.id, kind=person.kind.value, name=person.name, id_number=person.id_number,
                           phone=person.phone, address=person.address, created_at=today, updated_at=today))
        audit.append(s, at=ctx.now(), actor="setup", action="applicant.create", entity="applicant",
                     entity_id=person.id, detail="demo seed --applicant")
    return person.id, person.name


def seed(ctx: ServiceContext, cases: int, *, seed: int = 1, today: date | None = None, batch: int = 2000,
         lean: bool = False, applicant: tuple[str, str, str] | None = None) -> dict[str, int]:
    """Adds ``cases`` cases (with applicants, materials, histories, ratings and complaints).

    ``lean`` skips materials, histories and ratings: enough for search benchmarks over millions.
    ``applicant`` (ID number, name, phone) is one more applicant, given the first few cases.
    """
    rng = random.Random(seed)
    today = today or ctx.now().date()
    ensure_demo_users(ctx)
    given = _given_applicant(ctx, applicant, today) if applicant else None
    given_cases = min(3, cases) if given else 0
    with ctx.store.read() as s:
        clerk_id = s.scalars(select(UserRow.id).where(UserRow.role == Role.CLERK.value)).first() or "demo"
        seqs = {k: v for k, v in s.execute(select(SequenceRow.key, SequenceRow.value))}
    matters = ctx.catalogue.authorised()
    states, weights = zip(*OUTCOMES, strict=True)
    pool_size = max(1, cases * 2 // 3)
    counts = {"cases": 0, "applicants": 0, "ratings": 0, "complaints": 0}
    applicants: list[tuple[str, str]] = []
    seen_ids: set[str] = set()
    for start in range(0, cases, batch):
        n = min(batch, cases - start)
        rows: dict[str, list[dict[str, Any]]] = {"applicants": [], "cases": [], "materials": [], "events": [],
                                       "ratings": [], "complaints": []}
        for _ in range(n):
            if len(applicants) < pool_size and (not applicants or rng.random() < 0.7):
                name, number, phone, address = _person(rng, today)
                if number not in seen_ids:  # a rare repeat of a generated number just reuses a known person
                    seen_ids.add(number)
                    aid = uuid7()
                    applicants.append((aid, name))
                    rows["applicants"].append(dict(id=aid, kind=ApplicantKind.PERSON.value, name=name,
                                                   id_number=number, phone=phone, address=address, created_at=today,
                                                   updated_at=today))
            applicant_id, _ = rng.choice(applicants)
            if given and given_cases > 0:
                applicant_id, given_cases = given[0], given_cases - 1
            matter = rng.choice(matters)
            day = today - timedelta(days=rng.choice((0, 0, 1, 2, 3, 5, 8, 13, 21, 34, 55)))
            key = f"case:{ctx.settings.window}:{day:%Y%m%d}"
            seqs[key] = seqs.get(key, 0) + 1
            number = format_case_number(ctx.settings.center_code, ctx.settings.window, day, seqs[key])
            at = _working_moment(rng, day)
            case = Case.receive(id=uuid7(), number=number, matter=matter, applicant_id=applicant_id, at=at,
                                window=ctx.settings.window, clerk_id=clerk_id)
            target = rng.choices(states, weights)[0]
            path = PATHS[target]
            rongque = Action.ACCEPT in path and matter.rongque_allowed and rng.random() < 0.3
            for m in case.materials:
                if m.necessity is Necessity.OPTIONAL:
                    m.status = MaterialStatus.NOT_APPLICABLE
                elif (target is CaseState.PENDING_SUPPLEMENT and m.seq == case.materials[-1].seq) or (
                        rongque and m.necessity is Necessity.RONGQUE):
                    m.status = MaterialStatus.MISSING
                else:
                    m.status = MaterialStatus.SUBMITTED
            if target is CaseState.PENDING_SUPPLEMENT and case.materials[-1].necessity is Necessity.OPTIONAL:
                case.materials[0].status = MaterialStatus.DEFECTIVE
                case.materials[0].note = "签字缺失，请申请人本人签字后重新提交"
            moment = at
            for action in path:
                moment += timedelta(minutes=rng.randrange(3, 60 * 24 * 2) if action is not Action.ACCEPT else 8)
                data: dict[str, Any] = {}
                if action is Action.ACCEPT:
                    case.accept_mode = AcceptMode.RONGQUE if rongque else AcceptMode.NORMAL
                    case.accepted_at = moment
                    due = compute_due(ctx.calendar, moment.date(), matter.promise_limit)
                    if due is not None:
                        case.due_date, case.due_provisional = due.date, due.provisional
                    if rongque:
                        case.commitment = CommitmentStatus.PENDING
                        case.rongque_due = ctx.calendar.add_working_days(moment.date(), matter.rongque_default_days)[0]
                elif action is Action.DECIDE:
                    case.decision_approved = rng.random() < 0.93
                elif action is Action.DELIVER:
                    case.delivery_mode = rng.choice(list(DeliveryMode))
                elif action is Action.REJECT:
                    data = {"legal_basis": "《中华人民共和国行政许可法》第三十二条"}
                reason = "申请事项不属于本机关职权范围" if action is Action.REJECT else ""
                t = case.apply(action, actor=clerk_id, at=min(moment, datetime.combine(today, time(17))),
                               reason=reason, data=data)
                if not lean:
                    rows["events"].append(dict(id=uuid7(), case_id=case.id, at=t.at, actor=t.actor,
                                               action=t.action.value, from_state=t.from_state.value,
                                               to_state=t.to_state.value, reason=t.reason,
                                               data=json.dumps(dict(t.data), ensure_ascii=False)))
            rows["cases"].append(dict(
                id=case.id, number=case.number, matter_code=case.matter_code, matter_name=case.matter_name,
                department=case.department, applicant_id=case.applicant_id, agent_id=None, delegation_scope="",
                delegation_valid_to=None, window=case.window, clerk_id=clerk_id, channel="window",
                state=case.state.value, accept_mode=case.accept_mode.value if case.accept_mode else None,
                received_at=case.received_at, accepted_at=case.accepted_at, due_date=case.due_date,
                due_provisional=case.due_provisional, rongque_due=case.rongque_due,
                commitment=case.commitment.value, tell_commit_offered=matter.tell_commit_eligible,
                tell_commit_choice=False if matter.tell_commit_eligible else None,
                notice_due=one_time_notice_deadline(ctx.calendar, case.received_at.date()).date,
                counted_from=case.accepted_at.date() if case.accepted_at else None,
                decision_approved=case.decision_approved,
                delivery_mode=case.delivery_mode.value if case.delivery_mode else None, updated_at=moment))
            if not lean:
                rows["materials"].extend(dict(id=uuid7(), case_id=case.id, seq=m.seq, name=m.name,
                                              necessity=m.necessity.value, status=m.status.value, note=m.note)
                                         for m in case.materials)
                if rng.random() < 0.8:
                    level = rng.choices((1, 2, 3, 4, 5, None), (70, 18, 6, 2, 1, 3))[0]
                    rows["ratings"].append(dict(id=uuid7(), case_id=case.id, level=level, channel="evaluator",
                                                real_name=True, clerk_id=clerk_id, comment="", at=at))
                if rng.random() < 0.03:
                    category, content = rng.choice(COMPLAINTS)
                    rows["complaints"].append(dict(id=uuid7(), category=category, content=content,
                                                   complainant_id=applicant_id, case_id=case.id, status="open",
                                                   owner_id=clerk_id, due_date=today + timedelta(days=7),
                                                   created_at=at))
        _write(ctx, rows, seqs)
        for k, table in (("cases", "cases"), ("applicants", "applicants"), ("ratings", "ratings"),
                         ("complaints", "complaints")):
            counts[k] += len(rows[table])
    return counts


def _write(ctx: ServiceContext, rows: dict[str, list[dict[str, Any]]], seqs: dict[str, int]) -> None:
    now = ctx.now()
    with ctx.store.transaction() as s:
        # The demo data is the demo administrator's act: a center checks every pushed change's actor
        # against its users (docs/security.md), and "system" is no user of any center.
        s.info[outbox.ACTOR] = DEMO_USERS[2][0]
        for table, key in ((ApplicantRow, "applicants"), (CaseRow, "cases"), (CaseMaterialRow, "materials"),
                           (CaseEventRow, "events"), (RatingRow, "ratings"), (ComplaintRow, "complaints")):
            if rows[key]:
                s.execute(insert(table), rows[key])
        # a real-name bad review opens its follow-up as it does at a counter (seed 001 §7.2)
        from clerk_app.services.evaluation import open_followup_now

        for r in rows["ratings"]:
            if r["level"] is not None and RatingLevel(r["level"]).is_bad and r["real_name"]:
                open_followup_now(s, ctx, r["id"], r["at"], now)
        for k, v in seqs.items():
            s.merge(SequenceRow(key=k, value=v))
        audit.append(s, at=now, actor="setup", action="demo.seed", entity="case", entity_id="*",
                     detail=f"{len(rows['cases'])} cases")


def iter_demo_credentials() -> Iterator[tuple[str, str, str]]:
    for username, _display, role, password in DEMO_USERS:
        yield username, password, role.label
