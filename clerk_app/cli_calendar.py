"""``clerk-app calendar import|due|show``: year schedules and the deadline rule, for IT and tests.

Exit codes: 0 success; 1 a bad file or bad input (one Chinese line on stderr, nothing imported).
``due`` runs exactly what the app runs when a case is accepted: ``compute_due`` on the profile's calendar.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

WEEKDAYS = "一二三四五六日"


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cal = subparsers.add_parser("calendar", help="工作日历：导入年度节假日安排、推算办结期限")
    sub = cal.add_subparsers(dest="calendar_command", required=True)

    p = sub.add_parser("import", help="导入一年的节假日安排（格式见 docs/calendar.md）")
    p.add_argument("file", metavar="FILE", help="年度安排文件（TOML）")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("due", help="按受理日期和时限推算办结期限")
    p.add_argument("--accepted", required=True, metavar="YYYY-MM-DD", help="受理日期（当天为第 0 天）")
    p.add_argument("--days", required=True, metavar="N", help="时限天数")
    p.add_argument("--unit", default="工作日", choices=("工作日", "自然日"), help="时限单位（默认 工作日）")
    p.add_argument("--json", action="store_true", help='输出 {"due": "YYYY-MM-DD", "provisional": true|false}')
    p.set_defaults(func=cmd_due)

    p = sub.add_parser("show", help="列出某年的放假和调休上班日")
    p.add_argument("--year", required=True, metavar="YYYY")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)


def _day(d: dt.date) -> str:
    return f"{d.isoformat()}（周{WEEKDAYS[d.weekday()]}）"


def _parse_date(text: str, label: str) -> dt.date:
    from clerk_app.errors import DomainError

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise DomainError("cli.bad_date", option=label, text=text) from None


def _parse_int(text: str, label: str, lo: int, hi: int) -> int:
    from clerk_app.errors import DomainError

    try:
        value = int(text.strip())
    except ValueError:
        value = None
    if value is None or not lo <= value <= hi:
        raise DomainError("cli.bad_integer", option=label, text=text, low=lo, high=hi)
    return value


def cmd_import(args: argparse.Namespace) -> int:
    from clerk_app.paths import ProfilePaths
    from clerk_app.services.calendar import import_schedule

    paths = ProfilePaths.resolve(args.data_dir)
    s = import_schedule(paths, Path(args.file))
    # The store, SQLAlchemy: only for a file that passed (a refused one is refused without them).
    from clerk_app.domain.roles import SYSTEM
    from clerk_app.services.bootstrap import open_context
    from clerk_app.services.cases import recompute_due_dates

    state = "正式" if s.official else "暂定"
    print(f"已导入 {s.year} 年节假日安排（{state}；来源：{s.source}）：放假 {len(s.holidays)} 天，"
          f"调休上班 {len(s.makeup_workdays)} 天；已保存到 {paths.calendar_dir / f'{s.year}.toml'}。")
    changed = recompute_due_dates(open_context(paths), SYSTEM)
    print(f"已重新计算暂定期限：{changed} 件办件的承诺办结日期已更新。")
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    from clerk_app.domain.deadlines import compute_due
    from clerk_app.domain.matters import LimitUnit, TimeLimit
    from clerk_app.paths import ProfilePaths
    from clerk_app.services.calendar import load_calendar

    accepted = _parse_date(args.accepted, "受理日期")
    days = _parse_int(args.days, "时限天数", 0, 3650)
    calendar = load_calendar(ProfilePaths.resolve(args.data_dir))
    due = compute_due(calendar, accepted, TimeLimit(days, LimitUnit(args.unit)))
    assert due is not None  # 工作日 and 自然日 limits always have a date
    if args.json:
        print(json.dumps({"due": due.date.isoformat(), "provisional": due.provisional}, ensure_ascii=False))
    else:
        note = "暂定：期间有年份尚无节假日安排，只按周末计算" if due.provisional else "正式"
        print(f"受理日期 {_day(accepted)}，时限 {days} 个{args.unit} → 办结期限 {_day(due.date)}（{note}）")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from clerk_app.paths import ProfilePaths
    from clerk_app.services.calendar import load_calendar

    year = _parse_int(args.year, "年份", 2000, 2100)
    calendar = load_calendar(ProfilePaths.resolve(args.data_dir))
    s = calendar.schedule(year)
    if s is None:
        if args.json:
            print(json.dumps({"year": year, "known": False, "official": False}, ensure_ascii=False))
        else:
            print(f"{year} 年尚无节假日安排：期限只按周末计算，并标为暂定。"
                  "国务院办公厅公布后，请用 clerk-app calendar import FILE 导入。")
        return 0
    periods = s.holiday_periods()
    if args.json:
        print(json.dumps({
            "year": year, "known": True, "official": s.official, "source": s.source,
            "holidays": [{"name": p.name, "start": p.start.isoformat(), "end": p.end.isoformat()} for p in periods],
            "makeup_workdays": [d.isoformat() for d in sorted(s.makeup_workdays)],
        }, ensure_ascii=False))
        return 0
    print(f"{year} 年节假日安排（{'正式' if s.official else '暂定'}）；来源：{s.source}")
    print("放假：")
    for p in periods:
        print(f"  {p.name}：{_day(p.start)} 至 {_day(p.end)}，共 {(p.end - p.start).days + 1} 天")
    print("调休上班：" + ("无" if not s.makeup_workdays else ""))
    for d in sorted(s.makeup_workdays):
        print(f"  {_day(d)}")
    return 0
