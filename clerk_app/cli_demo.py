"""``clerk-app demo``: synthetic data for demos and benchmarks."""

from __future__ import annotations

import argparse
from datetime import date


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    demo = sub.add_parser("demo", help="演示数据")
    dsub = demo.add_subparsers(dest="demo_command", required=True)
    seed = dsub.add_parser("seed", help="生成演示办件（同一 --seed 结果相同）")
    seed.add_argument("--cases", type=int, required=True)
    seed.add_argument("--seed", type=int, default=1)
    seed.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD（默认今天）")
    seed.add_argument("--lean", action="store_true", help="只生成办件和申请人（用于性能测试）")
    seed.add_argument("--applicant", default=None, metavar="ID,NAME,PHONE",
                      help="再加一位指定身份的申请人（身份证号,姓名,手机号），并给其若干办件")
    seed.set_defaults(func=_seed)
    ensure = dsub.add_parser("ensure", help="首次运行时创建演示用户并生成 200 件演示办件")
    ensure.set_defaults(func=_ensure)


def _seed(args: argparse.Namespace) -> int:
    from clerk_app.errors import UserError

    if not 0 < args.cases <= 5_000_000:
        raise UserError("cli.bad_case_count")
    applicant = None
    if args.applicant is not None:
        parts = [p.strip() for p in args.applicant.replace("，", ",").split(",")]
        if len(parts) != 3 or not all(parts):
            raise UserError("cli.bad_applicant")
        applicant = (parts[0], parts[1], parts[2])
    from clerk_app.app import build_context  # after the input checks: SQLAlchemy, the store
    from clerk_app.services.demo import seed

    ctx = build_context(args.data_dir, getattr(args, "set", None))
    counts = seed(ctx, args.cases, seed=args.seed, today=args.today, lean=args.lean, applicant=applicant)
    print(f"已生成演示数据：办件 {counts['cases']} 件，申请人 {counts['applicants']} 人，"
          f"评价 {counts['ratings']} 条，投诉建议 {counts['complaints']} 条。")
    return 0


def _ensure(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from clerk_app.app import build_context
    from clerk_app.services.demo import ensure_demo_users, iter_demo_credentials, seed
    from clerk_app.store.tables import CaseRow

    ctx = build_context(args.data_dir, getattr(args, "set", None))
    ensure_demo_users(ctx)
    with ctx.store.read() as s:
        empty = not s.scalar(select(func.count()).select_from(CaseRow))
    if empty:
        seed(ctx, 200, seed=1)
        print(f"已在 {ctx.paths.root} 创建演示档案（200 件演示办件）。")
    print("演示账号（仅供演示）：" + "；".join(f"{u} / {p}（{r}）" for u, p, r in iter_demo_credentials()))
    return 0
