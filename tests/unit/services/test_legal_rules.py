"""Issue 14's legal rules through the services on a real SQLite file with a fixed clock (03-02 09:30),
notices read back from the real PDF with pdftotext."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from clerk_app.domain.cases import CaseState, CommitmentStatus, IntakeDecision, MaterialStatus
from clerk_app.domain.periods import Period
from clerk_app.errors import DomainError, PermissionDenied
from clerk_app.services import cases as svc
from clerk_app.services.search import CaseFilter, reminder_counts, search_cases
from clerk_app.services.supervision import due_cases
from clerk_app.store.tables import AuditRow, SequenceRow
from tests.documents.pdftools import flat_text

FOOD = "000132015000"  # 食品经营许可（新办）: 5 working days; 1-4 required, 5-6 容缺后补, 7 optional; 告知承诺
SHOP = "000131127004"  # 个体工商户设立登记: 1 working day; 1-2 required, 3 容缺后补, 4 optional; 告知承诺
D = date.fromisoformat


def _open(ctx, clerk, applicant_id, matter=FOOD, *, missing=(), chose=False):  # type: ignore[no-untyped-def]
    case = svc.open_case(ctx, clerk, matter_code=matter, applicant_id=applicant_id)
    for m in case.materials:
        status = (MaterialStatus.MISSING if m.seq in missing else MaterialStatus.NOT_APPLICABLE
                  if m.necessity.value == "非必要" else MaterialStatus.SUBMITTED)
        svc.check_material(ctx, clerk, case.number, m.seq, status, "请补交" if m.seq in missing else "")
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=chose)
    return case.number


def _numbers_spent(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return int(s.scalar(select(func.coalesce(func.sum(SequenceRow.value), 0))
                            .where(SequenceRow.key.not_like("case:%"))) or 0)


# -- item 1 ----------------------------------------------------------------------------------------------
def test_law_32_received_0302_accepted_0312_is_due_0309(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    """行政许可法 第32条: no 一次性告知 within 5 working days → the limit counts from receipt."""
    clerk = users["clerk"]
    number = _open(ctx, clerk, new_applicant().id)
    assert svc.get_case(ctx, clerk, number).notice_due == D("2026-03-09")
    clock.now = datetime(2026, 3, 5, 10)  # the 5th working day is 2 working days away: 催办 shows it
    assert reminder_counts(ctx, clerk) == {CaseFilter.DUE_SOON: 1, CaseFilter.OVERDUE: 0}
    assert [c.number for c in search_cases(ctx, clerk, flt=CaseFilter.DUE_SOON)] == [number]
    listed, overdue, soon = due_cases(ctx, users["supervisor"], clock.now.date())
    assert (overdue, soon, [c.number for c in listed]) == (0, 1, [number])
    clock.now = datetime(2026, 3, 12, 10)
    case = svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT)
    assert (case.counted_from, case.due_date) == (D("2026-03-02"), D("2026-03-09"))  # not 03-19
    assert case.history[-1].data["counted_from"] == "2026-03-02"
    # accepted in time, the limit counts from the acceptance
    clock.now = datetime(2026, 3, 12, 11)
    on_time = svc.decide_intake(ctx, clerk, _open(ctx, clerk, new_applicant("110105194912310011", "李四").id),
                                IntakeDecision.ACCEPT)
    assert (on_time.counted_from, on_time.due_date) == (D("2026-03-12"), D("2026-03-19"))


# -- the one deadline policy -----------------------------------------------------------------------------
def test_status_bar_dashboard_and_ranking_count_the_same(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    """issue 16 item 3: one policy; a decided case (待出件) is never 即将到期 or 已超期."""
    from clerk_app.services.performance import ranking
    from clerk_app.services.statistics import dashboard

    clerk = users["clerk"]
    ids = ["11010519491231002X", "110105194912310011", "110101199003070011", "110101199003070038"]
    people = [new_applicant(i, f"申请人{n}").id for n, i in enumerate(ids)]
    late = svc.decide_intake(ctx, clerk, _open(ctx, clerk, people[0], SHOP), IntakeDecision.ACCEPT)  # due 03-03
    done = svc.decide_intake(ctx, clerk, _open(ctx, clerk, people[1], SHOP), IntakeDecision.ACCEPT)
    svc.record_decision(ctx, clerk, done.number, approved=True)
    svc.mark_result_ready(ctx, clerk, done.number)  # 待出件, past its due day below: not counted
    waiting = _open(ctx, clerk, people[2])  # at intake: 一次性告知 due 03-09
    soon = svc.decide_intake(ctx, clerk, _open(ctx, clerk, people[3]), IntakeDecision.ACCEPT)  # due 03-09
    clock.now = datetime(2026, 3, 5, 10)
    bar = reminder_counts(ctx, clerk)
    listed, overdue, due_soon = due_cases(ctx, users["supervisor"], clock.now.date())
    board = dashboard(ctx, users["supervisor"], Period.MONTH, today=clock.now.date())
    ranked = ranking(ctx, users["supervisor"], D("2026-03-01"), D("2026-04-01"), today=clock.now.date())
    assert bar == {CaseFilter.OVERDUE: 1, CaseFilter.DUE_SOON: 2}
    assert (overdue, due_soon) == (board.overdue_total, board.due_soon_total) == (1, 2)
    assert sum(r.figures.overdue for r in ranked) == 1
    assert {c.number for c in listed} == {late.number, waiting, soon.number}
    assert [c.number for c in search_cases(ctx, clerk, flt=CaseFilter.OVERDUE)] == [late.number]
    assert done.number not in {c.number for c in search_cases(ctx, clerk, flt=CaseFilter.DUE_SOON)}


# -- item 4 ----------------------------------------------------------------------------------------------
def test_seed_001_app_e_refused_notice_spends_no_number(ctx, users, new_applicant, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """seed 001 App. E/F: no 受理通知书 for a rejected case (nor the reverse); a refusal spends no 文号."""
    from clerk_app.documents.from_case import issue_for_case

    clerk = users["clerk"]
    rejected = _open(ctx, clerk, new_applicant().id)
    svc.decide_intake(ctx, clerk, rejected, IntakeDecision.REJECT, reason="不属于本机关职权",
                      legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项")
    before = _numbers_spent(ctx)
    with pytest.raises(DomainError, match="未作受理决定.*不能出具受理通知书"):
        issue_for_case(ctx, clerk, rejected, "acceptance")
    assert _numbers_spent(ctx) == before
    _, pdf, _ = issue_for_case(ctx, clerk, rejected, "rejection")
    flat = flat_text(pdf, tmp_path)
    assert "不予受理" in flat and "决定予以受理" not in flat
    accepted = svc.decide_intake(ctx, clerk, _open(ctx, clerk, new_applicant("110105194912310011", "李四").id),
                                 IntakeDecision.ACCEPT)
    spent = _numbers_spent(ctx)
    with pytest.raises(DomainError, match="不能出具不予受理通知书"):
        issue_for_case(ctx, clerk, accepted.number, "rejection")
    assert _numbers_spent(ctx) == spent


def test_cli_render_refuses_an_acceptance_notice_for_a_rejected_case(ctx, users, new_applicant, profile,  # type: ignore[no-untyped-def]
                                                                     tmp_path: Path, capsys) -> None:
    """seed 001 App. E: `clerk-app documents render` asks the same rule: one Chinese sentence, no PDF."""
    from clerk_app.cli import main

    clerk = users["clerk"]
    number = _open(ctx, clerk, new_applicant().id)
    svc.decide_intake(ctx, clerk, number, IntakeDecision.REJECT, reason="不属于本机关职权", legal_basis="第三十二条")
    out = tmp_path / "a.pdf"
    code = main(["--data-dir", str(profile.root), "documents", "render", "--kind", "acceptance", "--case", number,
                 "--out", str(out)])
    err = capsys.readouterr().err
    assert code != 0 and "不能出具受理通知书" in err and "Traceback" not in err and not out.exists()


# -- item 5 ----------------------------------------------------------------------------------------------
def test_seed_001_5_3_5_rongque_notice_names_missing_date_and_consequence(ctx, users, new_applicant,  # type: ignore[no-untyped-def]
                                                                          tmp_path: Path) -> None:
    """seed 001 §5.3.5 and seed 003 App. C.7: a 容缺 受理通知书 does not say the materials are complete."""
    from clerk_app.documents.from_case import issue_for_case

    clerk = users["clerk"]
    number = _open(ctx, clerk, new_applicant().id, missing=(5,))
    case = svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT_RONGQUE)
    assert case.rongque_due == D("2026-03-16")  # 10 working days from Mon 03-02
    flat = flat_text(issue_for_case(ctx, clerk, number, "acceptance")[1], tmp_path)
    assert "申请材料齐全、符合法定形式" not in flat
    missing = next(m.name for m in case.materials if m.seq == 5)
    for words in ("决定予以容缺受理", "".join(missing.split()), "2026年3月16日前", "不再适用容缺办理", "失信名单"):
        assert words in flat, words
    normal = svc.decide_intake(ctx, clerk, _open(ctx, clerk, new_applicant("110105194912310011", "李四").id),
                               IntakeDecision.ACCEPT)
    assert "申请材料齐全、符合法定形式" in flat_text(issue_for_case(ctx, clerk, normal.number, "acceptance")[1], tmp_path)


# -- item 2 ----------------------------------------------------------------------------------------------
def test_seed_001_5_3_5_rongque_lapses_by_itself_and_shows_on_the_dashboard(ctx, users, new_applicant,  # type: ignore[no-untyped-def]
                                                                            clock) -> None:
    """seed 001 §5.3.5 / seed 003 App. C.7: after the date, late materials do not fulfil it; it breaks unasked."""
    from clerk_app.services.commitments import CommitmentScheduler
    from clerk_app.services.statistics import dashboard

    clerk = users["clerk"]
    number = _open(ctx, clerk, new_applicant().id, missing=(5,))
    svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT_RONGQUE, rongque_due=D("2026-03-09"))
    clock.now = datetime(2026, 3, 10, 9)
    with pytest.raises(DomainError, match="已过"):
        svc.fulfil_commitment(ctx, clerk, number)
    scheduler = CommitmentScheduler(ctx)
    assert scheduler.run_once() == [number]
    assert svc.get_case(ctx, clerk, number).commitment is CommitmentStatus.BROKEN
    assert scheduler.run_once() == []  # idempotent: the next day's run finds nothing more
    assert dashboard(ctx, users["supervisor"], Period.MONTH, today=clock.now.date()).broken_commitments == 1
    scheduler.start()  # runs at start-up on its own thread
    scheduler.stop()
    assert scheduler.runs[-1] == []


def test_rongque_date_must_be_a_working_day_and_defaults_from_the_calendar(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    """domain-rules §2.1: the proposed 容缺 date counts working days (the wizard shows this one)."""
    clerk = users["clerk"]
    clock.now = datetime(2026, 9, 24, 10)
    # Thu 09-24: 09-25..27 中秋 off, 09-28..30 (1-3), 10-01..07 国庆 off, 10-08 (4), 10-09 (5),
    # Sat 10-10 make-up (6), 10-12..15 (7-10) — calendar days would have proposed 10-04, a holiday
    assert svc.default_rongque_due(ctx, FOOD) == (D("2026-10-15"), False)
    number = _open(ctx, clerk, new_applicant().id, missing=(5,))
    with pytest.raises(DomainError, match="不是工作日"):
        svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT_RONGQUE, rongque_due=D("2026-10-02"))


# -- items 3 and 6 ---------------------------------------------------------------------------------------
def test_seed_001_5_3_6_declined_tell_commit_is_refused_and_printed_choice(ctx, users, new_applicant,  # type: ignore[no-untyped-def]
                                                                         tmp_path: Path) -> None:
    """seed 001 §5.3.6: the answer is stored; after "no" the service refuses 告知承诺受理; the 告知承诺书
    states the choice only once it was made."""
    from clerk_app.documents.from_case import issue_for_case

    clerk = users["clerk"]
    number = _open(ctx, clerk, new_applicant().id, chose=False)
    assert svc.get_case(ctx, clerk, number).tell_commit_choice is False
    assert "一般程序" in (svc.intake_options(ctx, clerk, number)[IntakeDecision.ACCEPT_TELL_COMMIT] or "")
    with pytest.raises(DomainError, match="不采用告知承诺"):
        svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT_TELL_COMMIT)
    with pytest.raises(DomainError, match="不能出具告知承诺书"):
        issue_for_case(ctx, clerk, number, "tell_commit")
    other = svc.open_case(ctx, clerk, matter_code=FOOD, applicant_id=new_applicant("110105194912310011", "李四").id)
    blank = flat_text(issue_for_case(ctx, clerk, other.number, "tell_commit")[1], tmp_path)
    assert "请勾选" in blank and "自愿选择告知承诺方式办理本事项" not in blank
    chosen = _open(ctx, clerk, new_applicant("110101199003070011", "王五").id, chose=True)
    svc.decide_intake(ctx, clerk, chosen, IntakeDecision.ACCEPT_TELL_COMMIT)
    signed = flat_text(issue_for_case(ctx, clerk, chosen, "tell_commit")[1], tmp_path)
    assert "自愿选择告知承诺方式办理本事项" in signed and "请勾选" not in signed


def test_seed_003_c7_broken_commitment_bars_rongque_and_tell_commit(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    """requirements §1.4, seed 003 App. C.7: for the period the center sets, with the reason shown."""
    clerk = users["clerk"]
    applicant = new_applicant().id
    number = _open(ctx, clerk, applicant, missing=(5,))
    svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT_RONGQUE, rongque_due=D("2026-03-09"))
    clock.now = datetime(2026, 3, 10, 9)
    svc.break_overdue_commitments(ctx, users["supervisor"])
    again = _open(ctx, clerk, applicant, missing=(5,), chose=True)
    options = svc.intake_options(ctx, clerk, again)
    for d in (IntakeDecision.ACCEPT_RONGQUE, IntakeDecision.ACCEPT_TELL_COMMIT):
        assert "2026-03-10" in (options[d] or "") and "失信" in (options[d] or "")
    with pytest.raises(DomainError, match="失信"):
        svc.decide_intake(ctx, clerk, again, IntakeDecision.ACCEPT_RONGQUE)
    ctx.settings = replace(ctx.settings, credit_bar_days=30)  # the center's setting
    clock.now = datetime(2026, 4, 10, 9)
    assert svc.intake_options(ctx, clerk, again)[IntakeDecision.ACCEPT_RONGQUE] is None


# -- item 12 ---------------------------------------------------------------------------------------------
def test_seed_001_5_3_2_second_notice_for_a_material_present_at_the_first_is_refused(ctx, users,  # type: ignore[no-untyped-def]
                                                                                     new_applicant) -> None:
    """seed 001 §5.3.2, 行政许可法 第32条: everything at once, after every line is checked."""
    clerk = users["clerk"]
    case = svc.open_case(ctx, clerk, matter_code=SHOP, applicant_id=new_applicant().id)
    svc.record_tell_commit_offer(ctx, clerk, case.number, applicant_chose=False)
    for seq, status in ((1, MaterialStatus.SUBMITTED), (2, MaterialStatus.SUBMITTED), (3, MaterialStatus.MISSING)):
        svc.check_material(ctx, clerk, case.number, seq, status)
    with pytest.raises(DomainError, match="全部材料核验后"):
        svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ONE_TIME_NOTICE)
    svc.check_material(ctx, clerk, case.number, 4, MaterialStatus.NOT_APPLICABLE)
    svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ONE_TIME_NOTICE)
    svc.resubmit(ctx, clerk, case.number)
    svc.check_material(ctx, clerk, case.number, 3, MaterialStatus.SUBMITTED)
    svc.check_material(ctx, clerk, case.number, 2, MaterialStatus.DEFECTIVE, "复印件不清晰")
    with pytest.raises(DomainError, match="一次讲清"):
        svc.decide_intake(ctx, clerk, case.number, IntakeDecision.ONE_TIME_NOTICE)
    assert svc.get_case(ctx, clerk, case.number).state is CaseState.RECEIVED


# -- item 7 ----------------------------------------------------------------------------------------------
def test_law_45_42_clock_stop_and_extension_move_the_due_date_everywhere(ctx, users, new_applicant, clock,  # type: ignore[no-untyped-def]
                                                                         tmp_path: Path) -> None:
    """行政许可法 第45条 (time of 现场核查 … not counted) and 第42条 (extension with reason, approved)."""
    from clerk_app.documents.from_case import issue_for_case

    clerk, sup = users["clerk"], users["supervisor"]
    number = _open(ctx, clerk, new_applicant().id)
    assert svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT).due_date == D("2026-03-09")
    clock.now = datetime(2026, 3, 3, 9)
    paused = svc.suspend_clock(ctx, clerk, number, reason="现场核查")
    assert paused.clock_paused and reminder_counts(ctx, clerk)[CaseFilter.DUE_SOON] == 0  # a stopped clock is not due
    clock.now = datetime(2026, 3, 6, 9)
    resumed = svc.resume_clock(ctx, clerk, number)  # 03-03..03-05 not counted
    assert (resumed.clock_paused, resumed.due_date) == (False, D("2026-03-12"))
    with pytest.raises(PermissionDenied):
        svc.extend_limit(ctx, clerk, number, days=2, reason="需补充现场核查")
    extended = svc.extend_limit(ctx, sup, number, days=2, reason="需补充现场核查")
    assert extended.due_date == D("2026-03-16") and extended.extensions[0].approver == "李带班"
    with pytest.raises(DomainError, match="不能超过"):
        svc.extend_limit(ctx, sup, number, days=9, reason="再延")
    assert [c.due_date for c in search_cases(ctx, clerk, number)] == [D("2026-03-16")]
    listed, _, _ = due_cases(ctx, sup, D("2026-03-13"))
    assert [(c.number, c.due) for c in listed] == [(number, D("2026-03-16"))]
    assert "2026年3月16日" in flat_text(issue_for_case(ctx, clerk, number, "acceptance")[1], tmp_path)
    with ctx.store.read() as s:
        actions = list(s.scalars(select(AuditRow.action).where(AuditRow.entity_id == extended.id)))
        synced = s.execute(text("SELECT data FROM sync_outbox WHERE entity = 'cases' ORDER BY seq DESC LIMIT 1")).scalar()
    assert {"case.suspend", "case.resume", "case.extend"} <= set(actions)
    payload = json.loads(synced)
    assert payload["due_date"] == "2026-03-16" and "需补充现场核查" in payload["clock"]


def test_provisional_rongque_date_follows_the_imported_schedule(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    """domain-rules §2.5: the 容缺 date proposed from the calendar is recomputed with the due date."""
    from clerk_app.domain.workdays import parse_year_schedule

    clerk = users["clerk"]
    clock.now = datetime(2026, 12, 24, 10)
    number = _open(ctx, clerk, new_applicant().id, missing=(5,))
    case = svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT_RONGQUE)
    assert case.history[-1].data["rongque_provisional"] is True  # 10 working days reach into 2027
    y2027 = parse_year_schedule({"year": 2027, "source": "测试", "official": True, "holiday": [
        {"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"},
        {"name": "假设的补假", "start": "2027-01-04", "end": "2027-01-06"}]}, "t")
    ctx.calendar = ctx.calendar.with_schedule(y2027)
    assert svc.recompute_due_dates(ctx, users["it"]) == 1
    after = svc.get_case(ctx, clerk, number)
    # 12-25, 12-28..31 (5), then 2027: 01-01..06 off, 01-07, 01-08, 01-11..13 (10)
    assert after.rongque_due == D("2027-01-13") != case.rongque_due


def test_complaint_and_followup_deadlines_follow_the_imported_schedule(ctx, users, clock) -> None:  # type: ignore[no-untyped-def]
    """domain-rules §2.5; seed 001 §5.1.5 (5 working days) and §7.2 (回访): provisional dates are recomputed."""
    from clerk_app.domain.complaints import Handling
    from clerk_app.domain.workdays import parse_year_schedule
    from clerk_app.services.complaints import take_complaint
    from clerk_app.store.ledger_tables import ComplaintTrackRow

    clock.now = datetime(2026, 12, 29, 10)
    take_complaint(ctx, users["clerk"], category="投诉", content="办事等候时间过长", handling=Handling.COMPLEX)
    with ctx.store.read() as s:
        track = s.scalars(select(ComplaintTrackRow)).one()
        assert (track.resolve_due, track.provisional) == (D("2027-01-06"), True)  # 12-30, 12-31, 01-04..06
    y2027 = parse_year_schedule({"year": 2027, "source": "测试", "official": True, "holiday": [
        {"name": "元旦", "start": "2027-01-01", "end": "2027-01-05"}]}, "t")
    ctx.calendar = ctx.calendar.with_schedule(y2027)
    svc.recompute_due_dates(ctx, users["it"])
    with ctx.store.read() as s:
        track = s.scalars(select(ComplaintTrackRow)).one()
        assert (track.resolve_due, track.provisional) == (D("2027-01-08"), False)  # 12-30, 12-31, 01-06..08


def test_seed_001_5_3_6_false_commitment_bars_the_applicant(ctx, users, new_applicant, clock) -> None:  # type: ignore[no-untyped-def]
    """seed 001 §5.3.6 d; requirements §1.4: a false 告知承诺, recorded by a supervisor, bars 告知承诺 and 容缺."""
    clerk, sup = users["clerk"], users["supervisor"]
    applicant = new_applicant().id
    number = _open(ctx, clerk, applicant, chose=True)
    svc.decide_intake(ctx, clerk, number, IntakeDecision.ACCEPT_TELL_COMMIT)
    with pytest.raises(PermissionDenied):
        svc.record_false_commitment(ctx, clerk, number, reason="现场核查经营场所不存在")
    with pytest.raises(DomainError, match="写明"):
        svc.record_false_commitment(ctx, sup, number, reason=" ")
    case = svc.record_false_commitment(ctx, sup, number, reason="现场核查经营场所不存在")
    assert case.commitment is CommitmentStatus.BROKEN and "虚假承诺" in case.history[-1].reason
    normal = svc.decide_intake(ctx, clerk, _open(ctx, clerk, new_applicant("110105194912310011", "李四").id),
                               IntakeDecision.ACCEPT)
    with pytest.raises(DomainError):
        svc.record_false_commitment(ctx, sup, normal.number, reason="x")
    again = _open(ctx, clerk, applicant, missing=(5,), chose=True)
    why = svc.intake_options(ctx, clerk, again)[IntakeDecision.ACCEPT_TELL_COMMIT] or ""
    assert "虚假承诺" in why and "2026-03-02" in why
