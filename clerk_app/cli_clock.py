"""``clerk-app clock list|suspend|resume|extend``: a case's clock stops and extensions from the shell.

行政许可法 第45条 (time of 听证, 检验检测, 鉴定, 专家评审, 现场核查 … is not counted) and 第42条 (an
extension with its reason, approved by the supervisor who records it). The commands run the same use
cases as the case detail's buttons (``services/cases.py``), so the due date moves on the case row —
case list, 催办, dashboard and notices follow — and each change is audited and synced with the case.

Runs as a user (``--user``/``--password`` or CLERK_APP_USER / CLERK_APP_PASSWORD, so the password need
not appear in the process list): a clerk may stop and restart the clock; only a supervisor may extend,
and is recorded as the approver.
Exit codes: 0 done; 1 bad input, bad login or a refused change (one Chinese line on stderr, nothing changed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clerk_app.domain.cases import Case


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    clk = subparsers.add_parser("clock", help="办理时限：暂停计时、恢复计时、延长期限（行政许可法第四十五条、第四十二条）")
    sub = clk.add_subparsers(dest="clock_command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--case", required=True, metavar="NUMBER", help="办件编号")
        p.add_argument("--user", default=None, help="操作人账号（默认取环境变量 CLERK_APP_USER）")
        p.add_argument("--password", default=None, help="密码（建议用环境变量 CLERK_APP_PASSWORD）")

    p = sub.add_parser("list", help="列出办件的暂停计时、延长期限和当前办结期限")
    common(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("suspend", help="暂停计时（听证、检验、检测、鉴定、专家评审、现场核查等不计入时限）")
    common(p)
    p.add_argument("--reason", required=True, help="暂停原因，例如 现场核查")
    p.add_argument("--start", default=None, metavar="YYYY-MM-DD", help="开始日期（默认今天）")
    p.add_argument("--end", default=None, metavar="YYYY-MM-DD", help="结束日期（不填则到恢复计时为止）")
    p.set_defaults(func=cmd_suspend)

    p = sub.add_parser("resume", help="恢复计时（结束正在进行的暂停）")
    common(p)
    p.add_argument("--end", default=None, metavar="YYYY-MM-DD", help="暂停的最后一天（默认昨天）")
    p.set_defaults(func=cmd_resume)

    p = sub.add_parser("extend", help="延长期限（须写明理由，由带班负责人批准并记录）")
    common(p)
    p.add_argument("--days", required=True, metavar="N", help="延长的工作日数")
    p.add_argument("--reason", required=True, help="延长理由")
    p.set_defaults(func=cmd_extend)


def _date(text: str | None, label: str) -> dt.date | None:
    from clerk_app.errors import UserError

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError("cli.bad_date", option=label, text=text) from None


def _days(text: str) -> int:
    from clerk_app.domain.deadlines import MAX_EXTENSION_DAYS
    from clerk_app.errors import UserError

    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_EXTENSION_DAYS:
        raise UserError("cli.bad_extension_days", text=text, limit=MAX_EXTENSION_DAYS)
    return value


def _run(args: argparse.Namespace, use_case) -> Case:  # type: ignore[no-untyped-def]
    """Logs in, runs ``use_case(ctx, actor)`` and closes the profile."""
    from clerk_app.errors import UserError

    user = args.user or os.environ.get("CLERK_APP_USER", "")
    password = args.password or os.environ.get("CLERK_APP_PASSWORD", "")
    if not user or not password:
        raise UserError("cli.operator_missing")
    from clerk_app.paths import ProfilePaths
    from clerk_app.services.auth import login
    from clerk_app.services.bootstrap import open_context

    ctx = open_context(ProfilePaths.resolve(args.data_dir), overrides=getattr(args, "set", None) or ())
    try:
        case: Case = use_case(ctx, login(ctx, user, password))
    finally:
        ctx.store.close()
    return case


def _due(case: Case) -> str:
    if case.due_date is None:
        return "无"
    return case.due_date.isoformat() + ("（暂定）" if case.due_provisional else "")


def clock_data(case: Case) -> dict[str, object]:
    return {
        "case": case.number, "state": case.state.label,
        "due": case.due_date.isoformat() if case.due_date else None, "provisional": case.due_provisional,
        "paused": case.clock_paused,
        "suspensions": [{"start": s.start.isoformat(), "end": s.end.isoformat() if s.end else None,
                         "reason": s.reason} for s in case.suspensions],
        "extensions": [{"days": e.days, "reason": e.reason, "approver": e.approver,
                        "on": e.on.isoformat() if e.on else None} for e in case.extensions],
    }


def cmd_list(args: argparse.Namespace) -> int:
    from clerk_app.services.cases import get_case

    case = _run(args, lambda ctx, actor: get_case(ctx, actor, args.case))
    if args.json:
        print(json.dumps(clock_data(case), ensure_ascii=False))
        return 0
    print(f"办件 {case.number}（{case.state.label}）办结期限：{_due(case)}"
          + ("；计时暂停中" if case.clock_paused else ""))
    for s in case.suspensions:
        print(f"暂停计时 {s.start.isoformat()} 至 {s.end.isoformat() if s.end else '恢复计时'}：{s.reason}")
    for e in case.extensions:
        print(f"延长期限 {e.days} 个工作日：{e.reason}（批准：{e.approver or '未记录'}"
              f"{'，' + e.on.isoformat() if e.on else ''}）")
    if not case.suspensions and not case.extensions:
        print("没有暂停计时或延长期限。")
    return 0


def cmd_suspend(args: argparse.Namespace) -> int:
    start, end = _date(args.start, "开始日期"), _date(args.end, "结束日期")
    from clerk_app.services.cases import suspend_clock  # after the input checks: SQLAlchemy, the store

    case = _run(args, lambda ctx, actor: suspend_clock(ctx, actor, args.case, reason=args.reason,
                                                       start=start, end=end))
    print(f"已暂停计时：办件 {case.number}，原因 {args.reason.strip()}；办结期限 {_due(case)}。")
    return 0


def cmd_resume(args: argparse.Namespace) -> int:
    end = _date(args.end, "结束日期")
    from clerk_app.services.cases import resume_clock  # after the input checks: SQLAlchemy, the store

    case = _run(args, lambda ctx, actor: resume_clock(ctx, actor, args.case, end=end))
    print(f"已恢复计时：办件 {case.number}；办结期限 {_due(case)}。")
    return 0


def cmd_extend(args: argparse.Namespace) -> int:
    days = _days(args.days)
    from clerk_app.services.cases import extend_limit  # after the input checks: SQLAlchemy, the store

    case = _run(args, lambda ctx, actor: extend_limit(ctx, actor, args.case, days=days, reason=args.reason))
    approver = case.extensions[-1].approver
    print(f"已延长期限 {days} 个工作日：办件 {case.number}，批准人 {approver}；办结期限 {_due(case)}。")
    return 0
