"""Changes are recorded where they happen: every table of the schema has its kind, a committed
transaction reports the kinds it wrote and a rolled-back one nothing, and every mutating use case
reports what it changed without its caller saying so (``clerk_app.store.changes``)."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from clerk_app.domain.applicants import ApplicantKind, Delegation
from clerk_app.domain.cases import DeliveryMode, IntakeDecision, MaterialStatus
from clerk_app.domain.complaints import Handling
from clerk_app.domain.queue import PriorityReason
from clerk_app.domain.roles import Actor, Role
from clerk_app.errors import UserError
from clerk_app.services import (
    auth,
    bundles,
    calendar,
    catalogue_admin,
    complaints,
    distribution,
    evaluation,
    followups,
    forms,
    intakes,
    ledger_deadlines,
    ledgers,
    queue,
    supervision,
    survey,
)
from clerk_app.services import cases as svc
from clerk_app.services.changes import Changes, collect_changes
from clerk_app.store.changes import TABLE_CHANGES
from clerk_app.store.db import Store

MATTER = "000131127004"
ADMIN = Actor(user_id="u-admin", username="admin", display_name="管理员", role=Role.ADMIN)
# What views show; audit, sync bookkeeping and numbering come with most writes and no view shows them.
SHOWN = ~(Changes.AUDIT | Changes.SYNC | Changes.INTERNAL)


def test_every_table_of_the_schema_has_a_kind(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3", key=None)
    try:
        with store.engine.connect() as conn:
            tables = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars())
    finally:
        store.close()
    assert tables - set(TABLE_CHANGES) == set()
    assert set(TABLE_CHANGES) - tables == set()  # no stale names either


def test_a_commit_reports_what_it_wrote_and_a_rollback_nothing(ctx, users) -> None:  # type: ignore[no-untyped-def]
    with collect_changes() as outer:
        with collect_changes() as inner, ctx.store.transaction() as s:
            s.execute(text("UPDATE users SET active = 1"))
        with pytest.raises(RuntimeError), ctx.store.transaction() as s:
            s.execute(text("DELETE FROM queue_tickets"))
            raise RuntimeError("abort")
        with ctx.store.read() as s:
            s.execute(text("SELECT count(*) FROM cases")).scalar()
    assert inner.changes == Changes.USERS
    assert outer.changes == Changes.USERS  # the rolled-back delete and the read added nothing


def _mutating_use_cases() -> set[str]:
    """Every public service function that opens a write transaction, found in the source."""
    import clerk_app.services as package

    found: set[str] = set()
    for path in Path(package.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                body = ast.unparse(node)
                if "store.transaction()" in body or "_commit(" in body or "_save_edit(" in body \
                        or "_transition(" in body or "_change(" in body:
                    found.add(f"{path.stem}.{node.name}")
    return found


def test_every_mutating_use_case_reports_its_changes(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    clerk, sup = users["clerk"], users["supervisor"]
    reported: dict[str, Changes] = {}

    def run(use_case: str, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        with collect_changes() as collected:
            result = fn(*args, **kwargs)
        reported[use_case] = collected.changes & SHOWN
        return result

    applicant = run("cases.register_applicant", svc.register_applicant, ctx, clerk, kind=ApplicantKind.PERSON,
                    name="张三丰", id_number="11010519491231002X", phone="13800138000", address="北京市海淀区")
    run("cases.register_intake_people", svc.register_intake_people, ctx, clerk, kind=ApplicantKind.PERSON,
        name="张三丰", id_number="11010519491231002X", delegation=Delegation(
            agent_id="", scope="代为办理", valid_to=clock().date(), liabilities_acknowledged=True),
        agent_name="李代办", agent_id_number="440524188001010014")
    case = run("cases.open_case", svc.open_case, ctx, clerk, matter_code=MATTER, applicant_id=applicant.id)
    for seq in (1, 2, 3, 4):
        run("cases.check_material", svc.check_material, ctx, clerk, case.number, seq,
            MaterialStatus.NOT_APPLICABLE if seq == 4 else MaterialStatus.SUBMITTED)
    run("cases.attach_capture", svc.attach_capture, ctx, clerk, case.number, 1, b"\xff\xd8\xff\xe0 jpeg")
    run("cases.record_tell_commit_offer", svc.record_tell_commit_offer, ctx, clerk, case.number,
        applicant_chose=False)
    run("cases.decide_intake", svc.decide_intake, ctx, clerk, case.number, IntakeDecision.ACCEPT)
    run("forms.save_form", forms.save_form, ctx, clerk, case.number, {
        "operator_name": "张三丰", "operator_id": "11010519491231002X", "operator_phone": "13800138000",
        "composition": "个人经营", "business_scope": "日用百货零售", "premises": "北京市海淀区"})
    run("supervision.urge", supervision.urge, ctx, sup, case.number, "请加快")
    run("cases.recompute_due_dates", svc.recompute_due_dates, ctx, ADMIN)
    run("ledger_deadlines.recompute_ledger_deadlines", ledger_deadlines.recompute_ledger_deadlines, ctx, ADMIN)
    joint = run("bundles.open_bundle", bundles.open_bundle, ctx, clerk, ["000119001000", "000119004000"], applicant.id)
    assert joint
    run("evaluation.record_rating", evaluation.record_rating, ctx, clerk, case.number, 1)
    run("followups.open_missing_followups", followups.open_missing_followups, ctx, sup)
    ticket = run("queue.take_ticket", queue.take_ticket, ctx, clerk, priority=PriorityReason.ELDERLY
                 if hasattr(PriorityReason, "ELDERLY") else None)
    assert ticket is not None
    run("queue.call_next", queue.call_next, ctx, clerk)
    run("ledgers.record_consultation", ledgers.record_consultation, ctx, clerk, channel="现场", question="怎么办？",
        answer="请带身份证原件。")
    run("ledgers.start_pause", ledgers.start_pause, ctx, clerk)
    run("complaints.take_complaint", complaints.take_complaint, ctx, clerk, category="投诉", content="等太久",
        handling=Handling.ON_SPOT, answer="已当场致歉并加开窗口。")
    run("auth.create_user", auth.create_user, ctx, None, username="new", display_name="新", role=Role.CLERK,
        password="new-pass-1")
    run("catalogue_admin.update_matter", catalogue_admin.update_matter, ctx, ADMIN, MATTER, {"name": "改名"})
    run("catalogue_admin.set_authorised", catalogue_admin.set_authorised, ctx, ADMIN, [MATTER])
    run("distribution.apply_item", distribution.apply_item, ctx.store, ctx.paths, "appointments", "2026-03-02", 1,
        {"date": "2026-03-02", "window": "01", "items": []}, datetime(2026, 3, 1), "center", now=clock())

    assert reported == FIRST_EXPECTED


# What each of the three tests above exercises (each asserts exactly its own), so that the check below holds
# in whichever process runs it: xdist may hand the tests of this file to different workers.
FIRST_EXPECTED: dict[str, Changes] = {
    "cases.register_applicant": Changes.APPLICANTS,
    "cases.register_intake_people": Changes.APPLICANTS,
    "cases.open_case": Changes.CASES,
    "cases.check_material": Changes.CASES,
    "cases.attach_capture": Changes.CASES,
    "cases.record_tell_commit_offer": Changes.CASES,
    "cases.decide_intake": Changes.CASES,
    "forms.save_form": Changes.CASES,
    "supervision.urge": Changes.CASES,
    "cases.recompute_due_dates": Changes.NONE,  # nothing provisional to move: nothing reported
    "ledger_deadlines.recompute_ledger_deadlines": Changes.NONE,  # likewise
    "bundles.open_bundle": Changes.CASES,
    "evaluation.record_rating": Changes.LEDGERS,
    "followups.open_missing_followups": Changes.NONE,  # the rating opened its follow-up already
    "queue.take_ticket": Changes.QUEUE,
    "queue.call_next": Changes.QUEUE,
    "ledgers.record_consultation": Changes.LEDGERS,
    "ledgers.start_pause": Changes.PAUSES,
    "complaints.take_complaint": Changes.LEDGERS,
    "auth.create_user": Changes.USERS,
    "catalogue_admin.update_matter": Changes.CATALOGUE,
    "catalogue_admin.set_authorised": Changes.CATALOGUE,
    "distribution.apply_item": Changes.APPOINTMENTS | Changes.DISTRIBUTION,
}
THIRD_EXPECTED: dict[str, Changes] = {"calendar.apply_schedule": Changes.CALENDAR,  # no provisional due date to move
    "catalogue_admin.apply_import": Changes.CATALOGUE,
    "complaints.advance": Changes.LEDGERS,
    "complaints.record_first_call": Changes.LEDGERS,
    "complaints.reveal_complainant": Changes.NONE,  # read and audited: nothing shown changes
    "reauth.verify_password_again": Changes.USERS,  # the failed attempt is counted
    "retention.purge_closed_cases": Changes.NONE,  # not enrolled: nothing confirmed, kept
    "survey.record_survey": Changes.LEDGERS}  # seed 003 App. E: a survey response
SECOND_USE_CASES = frozenset({
    "auth.login",
    "auth.reset_password",
    "auth.set_active",
    "auth.set_role",
    "bundles.attach_shared_capture",
    "bundles.check_shared_material",
    "cases.archive",
    "cases.break_overdue_commitments",
    "cases.deliver",
    "cases.extend_limit",
    "cases.fulfil_commitment",
    "cases.mark_result_ready",
    "cases.mark_undeliverable",
    "cases.record_decision",
    "cases.record_false_commitment",
    "cases.request_supplement",
    "cases.resubmit",
    "cases.resume_clock",
    "cases.return_case",
    "cases.return_to_department",
    "cases.supplement_delivered",
    "cases.suspend_clock",
    "cases.transfer",
    "cases.withdraw",
    "distribution.appointments_today",
    "intakes.park_intake",
    "intakes.resume_intake",
    "intakes.withdraw_intake",
    "ledgers.complete_callback",
    "ledgers.end_pause",
    "ledgers.grant_comp_time",
    "ledgers.mark_priority_served",
    "ledgers.record_assistance",
    "ledgers.register_emergency",
    "ledgers.start_extended",
    "ledgers.stop_extended",
})


def _reporter(reported: dict[str, Changes]):  # type: ignore[no-untyped-def]
    def run(use_case: str, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        with collect_changes() as collected:
            try:
                return fn(*args, **kwargs)
            finally:  # a refused login still counts the failed attempt: reported as well
                reported[use_case] = reported.get(use_case, Changes.NONE) | (collected.changes & SHOWN)
    return run


def test_the_case_life_and_the_ledgers_report_their_changes(ctx, users, new_applicant, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    clerk, sup = users["clerk"], users["supervisor"]
    reported: dict[str, Changes] = {}
    run = _reporter(reported)
    applicant = new_applicant()

    def accepted(decision: IntakeDecision = IntakeDecision.ACCEPT, missing: tuple[int, ...] = ()) -> str:
        case = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=applicant.id)
        for seq in (1, 2, 3, 4):
            svc.check_material(ctx, clerk, case.number, seq, MaterialStatus.NOT_APPLICABLE if seq == 4 else
                               MaterialStatus.MISSING if seq in missing else MaterialStatus.SUBMITTED)
        svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
        svc.decide_intake(ctx, clerk, case.number, decision)
        return case.number

    number = accepted()
    run("cases.transfer", svc.transfer, ctx, clerk, number, department="区市场监督管理局")
    run("cases.request_supplement", svc.request_supplement, ctx, clerk, number, reason="经营范围表述需规范")
    run("cases.supplement_delivered", svc.supplement_delivered, ctx, clerk, number)
    run("cases.record_decision", svc.record_decision, ctx, clerk, number, approved=True)
    run("cases.mark_result_ready", svc.mark_result_ready, ctx, clerk, number)
    run("cases.mark_undeliverable", svc.mark_undeliverable, ctx, clerk, number, reason="地址查无此人")
    run("cases.archive", svc.archive, ctx, sup, number)
    number = accepted()
    svc.transfer(ctx, clerk, number)
    svc.record_decision(ctx, clerk, number, approved=True)
    svc.mark_result_ready(ctx, clerk, number)
    svc.mark_undeliverable(ctx, clerk, number, reason="邮件退回")
    run("cases.return_to_department", svc.return_to_department, ctx, clerk, number, receiver="陈科员",
        reason="无法送达，退回原件")
    number = accepted()
    svc.transfer(ctx, clerk, number, department="区市场监督管理局")
    run("cases.return_case", svc.return_case, ctx, clerk, number, reason="材料不符")
    number = accepted()
    svc.transfer(ctx, clerk, number)
    svc.record_decision(ctx, clerk, number, approved=True)
    svc.mark_result_ready(ctx, clerk, number)
    run("cases.deliver", svc.deliver, ctx, clerk, number, mode=DeliveryMode.ON_SITE,
        receiver_id_number=applicant.id_number)
    pending = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=applicant.id).number
    svc.record_tell_commit_offer(ctx, clerk, pending, applicant_chose=False)
    run("cases.withdraw", svc.withdraw, ctx, clerk, pending, reason="申请人撤回")
    kept, broken = accepted(IntakeDecision.ACCEPT_RONGQUE, (3,)), accepted(IntakeDecision.ACCEPT_RONGQUE, (3,))
    run("cases.fulfil_commitment", svc.fulfil_commitment, ctx, clerk, kept)
    clock.now += timedelta(days=30)
    assert broken in run("cases.break_overdue_commitments", svc.break_overdue_commitments, ctx, clerk)
    clocked = accepted()  # 行政许可法 第45条 stops and 第42条 extensions
    run("cases.suspend_clock", svc.suspend_clock, ctx, clerk, clocked, reason="现场核查")
    run("cases.resume_clock", svc.resume_clock, ctx, clerk, clocked)
    run("cases.extend_limit", svc.extend_limit, ctx, sup, clocked, days=2, reason="需补充核查")
    other = new_applicant("110105194912310011", "李四")  # the first applicant is barred by now (credit bar)
    committed = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=other.id).number
    for seq in (1, 2, 3, 4):
        svc.check_material(ctx, clerk, committed, seq, MaterialStatus.NOT_APPLICABLE if seq == 4 else
                           MaterialStatus.SUBMITTED)
    svc.record_tell_commit_offer(ctx, clerk, committed, applicant_chose=True)
    svc.decide_intake(ctx, clerk, committed, IntakeDecision.ACCEPT_TELL_COMMIT)
    run("cases.record_false_commitment", svc.record_false_commitment, ctx, sup, committed, reason="核查不实")

    run("auth.set_role", auth.set_role, ctx, ADMIN, "clerk", Role.SUPERVISOR)
    auth.create_user(ctx, None, username="left", display_name="离职", role=Role.CLERK, password="left-pass-1")
    run("auth.set_active", auth.set_active, ctx, ADMIN, "left", False)
    run("auth.reset_password", auth.reset_password, ctx, ADMIN, "it", "itit-new-1")
    with pytest.raises(UserError):
        run("auth.login", auth.login, ctx, "it", "wrong-password")  # the failed attempt is counted
    ledgers.start_pause(ctx, clerk)
    run("ledgers.end_pause", ledgers.end_pause, ctx, clerk, "午休")
    run("ledgers.start_extended", ledgers.start_extended, ctx, clerk, "群众未办完")
    clock.now += timedelta(minutes=40)
    run("ledgers.stop_extended", ledgers.stop_extended, ctx, clerk)
    run("ledgers.grant_comp_time", ledgers.grant_comp_time, ctx, sup, clerk.user_id, clock().date(), 30)
    consultation = ledgers.record_consultation(ctx, clerk, channel="电话", question="营业时间？", callback_needed=True,
                                               contact_name="王", contact_phone="13800138000")
    run("ledgers.complete_callback", ledgers.complete_callback, ctx, clerk, consultation, "已回电")
    run("distribution.appointments_today", distribution.appointments_today, ctx, clerk)

    notice = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=applicant.id).number
    svc.record_tell_commit_offer(ctx, clerk, notice, applicant_chose=False)
    for seq in (1, 2, 3, 4):
        svc.check_material(ctx, clerk, notice, seq, MaterialStatus.DEFECTIVE if seq == 1 else MaterialStatus.SUBMITTED,
                           "缺少签字" if seq == 1 else "")
    svc.decide_intake(ctx, clerk, notice, IntakeDecision.ONE_TIME_NOTICE)
    run("cases.resubmit", svc.resubmit, ctx, clerk, notice)
    # An unfinished intake set aside, taken up again, and one withdrawn (issue 15 item 2).
    parked = svc.open_case(ctx, clerk, matter_code=MATTER, applicant_id=applicant.id).number
    run("intakes.park_intake", intakes.park_intake, ctx, clerk, [parked])
    run("intakes.resume_intake", intakes.resume_intake, ctx, clerk, parked)
    run("intakes.withdraw_intake", intakes.withdraw_intake, ctx, clerk, [parked], "申请人改日再来")
    a, _b = bundles.open_bundle(ctx, clerk, ["000119001000", "000119004000"], applicant.id)
    row = next(r for r in bundles.joint_checklist(ctx, clerk, a.bundle_id) if r.shared)
    run("bundles.check_shared_material", bundles.check_shared_material, ctx, clerk, row.lines,
        MaterialStatus.SUBMITTED)
    run("bundles.attach_shared_capture", bundles.attach_shared_capture, ctx, clerk, row.lines,
        b"\xff\xd8\xff\xe0" + b"page" * 100)
    run("ledgers.record_assistance", ledgers.record_assistance, ctx, clerk, kind="代办", group="军人",
        person_name="钱七", matter="优待证申领")
    run("ledgers.register_emergency", ledgers.register_emergency, ctx, clerk, kind="停电", description="全厅停电",
        persons=[("孙八", "13700001111", "个体工商户设立登记")])
    [person] = ledgers.priority_people(ctx, clerk)
    run("ledgers.mark_priority_served", ledgers.mark_priority_served, ctx, clerk, person.id)

    for use_case, kinds in reported.items():
        want = Changes.NONE if use_case in ("distribution.appointments_today",  # audit only
                                            "intakes.park_intake",  # an audit entry: the case is untouched
                                            "intakes.resume_intake") else (  # reads the case back
            Changes.USERS if use_case.startswith("auth.") else
            Changes.PAUSES if use_case == "ledgers.end_pause" else
            Changes.LEDGERS if use_case.startswith("ledgers.") else Changes.CASES)
        assert kinds == want, use_case
    assert set(reported) == SECOND_USE_CASES


HOLIDAYS_2027 = """year = 2027
source = "测试：2027 年节假日安排"
official = true
published = 2026-11-01
makeup_workdays = []

[[holiday]]
name = "元旦"
start = 2027-01-01
end = 2027-01-04
"""


def test_the_manager_and_the_ledger_use_cases_report_their_changes(ctx, users, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clerk_app.domain.complaints import Step
    from clerk_app.paths import RESOURCES
    from clerk_app.services import reauth, retention

    sup = users["supervisor"]
    reported: dict[str, Changes] = {}
    run = _reporter(reported)
    schedule = tmp_path / "2027.toml"
    schedule.write_text(HOLIDAYS_2027, encoding="utf-8")
    run("calendar.apply_schedule", calendar.apply_schedule, ctx, ADMIN,
        calendar.preview_schedule(ctx, ADMIN, schedule))
    file = tmp_path / "catalogue.toml"
    file.write_text((RESOURCES / "catalogue" / "demo.toml").read_text(encoding="utf-8").replace(
        'version = "2026.11"', 'version = "2027.01"', 1), encoding="utf-8")
    run("catalogue_admin.apply_import", catalogue_admin.apply_import, ctx, ADMIN,
        catalogue_admin.preview_import(ctx, ADMIN, file))
    cid = complaints.take_complaint(ctx, users["clerk"], category="投诉", content="窗口材料要求反复变化",
                                    handling=Handling.COMPLEX, complainant_name="李四", complainant_phone="13800001234")
    run("complaints.advance", complaints.advance, ctx, users["clerk"], cid, Step.ANALYSED, "清单版本不一致")
    run("complaints.record_first_call", complaints.record_first_call, ctx, users["clerk"], cid, "已电话核实")
    elevation = reauth.reauthenticate(ctx, sup, "super1234", "complainant.reveal")
    run("complaints.reveal_complainant", complaints.reveal_complainant, ctx, sup, cid, elevation)
    with pytest.raises(UserError):
        run("reauth.verify_password_again", reauth.verify_password_again, ctx, sup, "wrong-pass", action="unlock")
    run("retention.purge_closed_cases", retention.purge_closed_cases, ctx, sup, retention_days=1)
    run("survey.record_survey", survey.record_survey, ctx, users["clerk"], channel="paper", visit="今天",
        departments=["公安"], levels=[1, 2, 3, 4, None, 1, 1], comment="")
    assert reported == THIRD_EXPECTED


def test_no_mutating_use_case_is_left_unchecked() -> None:
    """Every use case found in the source is exercised by one of the three tests above."""
    missing = _mutating_use_cases() - (set(FIRST_EXPECTED) | SECOND_USE_CASES | set(THIRD_EXPECTED))
    assert missing == set(), f"mutating use cases without a changes check: {sorted(missing)}"
