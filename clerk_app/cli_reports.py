"""``clerk-app reports export --kind monthly --month YYYY-MM --out FILE.xlsx|FILE.pdf``.

Runs as a user with the ``export`` permission (``--user``/``--password`` or the environment variables
CLERK_APP_USER / CLERK_APP_PASSWORD, so the password need not appear in the process list).
Exit codes: 0 written; 1 bad input, bad login or unwritable file (one Chinese line on stderr, no file).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    rep = subparsers.add_parser("reports", help="统计报表")
    sub = rep.add_subparsers(dest="reports_command", required=True)
    p = sub.add_parser("export", help="导出报表为 Excel 或 PDF")
    p.add_argument("--kind", default="monthly", help="报表类型（monthly：月度报表）")
    p.add_argument("--month", required=True, metavar="YYYY-MM", help="月份")
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件（.xlsx 或 .pdf）")
    p.add_argument("--user", default=None, help="导出人账号（默认取环境变量 CLERK_APP_USER）")
    p.add_argument("--password", default=None, help="密码（建议用环境变量 CLERK_APP_PASSWORD）")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from clerk_app.domain.periods import parse_month
    from clerk_app.errors import UserError
    from clerk_app.services.exports import check_target

    out = Path(args.out).expanduser().resolve()
    parse_month(args.month)  # refuse bad input before opening the database, or even importing it
    check_target(out)
    user = args.user or os.environ.get("CLERK_APP_USER", "")
    password = args.password or os.environ.get("CLERK_APP_PASSWORD", "")
    if not user or not password:
        raise UserError("cli.exporter_missing")
    from clerk_app.app import build_context
    from clerk_app.services.auth import login
    from clerk_app.services.reports import export_report

    ctx = build_context(args.data_dir, getattr(args, "set", None))
    try:
        actor = login(ctx, user, password)
        from clerk_app.services.reauth import reauthenticate

        elevation = reauthenticate(ctx, actor, password, "export")  # the password given for this export
        out = export_report(ctx, actor, args.kind, args.month, out, elevation)
    finally:
        ctx.store.close()
    print(f"已导出 {args.month} 月度报表：{out}")
    return 0
