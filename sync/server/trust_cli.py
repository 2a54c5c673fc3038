"""``clerk-center admin security-events``, ``scope``, ``handover`` and ``output-desk``: what the trust boundary
refused, and what each counter receives (need to know), for IT and the center's admin to see and set."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, and_, or_, select

from sync.server import admin_audit, tenancy
from sync.server.db import next_change_seq, writer
from sync.server.schema import center_settings, devices, records, security_events


def add_parsers(asub: Any) -> None:
    se = asub.add_parser("security-events", help="列出安全事件（越权、跨中心、伪造时间戳等被拒绝的修改）")
    se.add_argument("--center", help="只列出该中心的")
    se.add_argument("--limit", type=int, default=200)
    sc = asub.add_parser("scope", help="查看或设置各窗口电脑接收的数据范围（window 本窗口 / center 全中心）")
    sc.add_argument("--center", help="设置该中心的默认范围")
    sc.add_argument("--device", help="设置该设备的范围（覆盖中心的默认）")
    sc.add_argument("value", nargs="?", choices=(*tenancy.SCOPES, "inherit"),
                    help="window、center；inherit 取消设备自己的设置")
    ho = asub.add_parser("handover", help="把一件办件（连同其联办件）移交给另一个窗口；不带 --case 则列出已移交的办件")
    ho.add_argument("--center", required=True)
    ho.add_argument("--case", help="办件编号或记录编号")
    ho.add_argument("--window", help="接收的窗口号")
    od = asub.add_parser("output-desk", help="出件窗口：待出件的办件都移交给它；不带 --window 则列出")
    od.add_argument("--center", required=True)
    od.add_argument("--window", help="窗口号")
    od.add_argument("--remove", action="store_true", help="不再作为出件窗口（已移交的办件保留）")


def run(engine: Engine, args: argparse.Namespace) -> int:
    if args.admin_command == "security-events":
        query = select(security_events).order_by(security_events.c.id.desc()).limit(max(1, args.limit))
        if args.center:  # what its own devices tried, and what others tried on its records
            query = query.where(or_(security_events.c.center_code == args.center,
                                    security_events.c.target_center == args.center))
        with engine.connect() as conn:
            rows = conn.execute(query).all()
        for r in reversed(rows):
            print(json.dumps({"id": r.id, "center": r.center_code, "target_center": r.target_center,
                              "device": r.device_id, "code": r.code,
                              "entity": r.entity, "entity_id": r.entity_id, "actor": r.actor, "detail": r.detail,
                              "at": r.created_at.isoformat(timespec="seconds")}, ensure_ascii=False))
        return 0
    if args.admin_command == "handover":
        return _handover(engine, args)
    if args.admin_command == "output-desk":
        return _output_desk(engine, args)
    if args.value is None:
        return _show(engine)
    if bool(args.center) == bool(args.device):
        print("错误：请用 --center 或 --device 二者之一指明要设置的对象。", file=sys.stderr)
        return 2
    if args.value == "inherit" and not args.device:
        print("错误：inherit 只用于设备（取消设备自己的设置，改用中心的默认）。", file=sys.stderr)
        return 2
    with writer(engine) as conn:
        ok = tenancy.set_scope(conn, "" if args.value == "inherit" else args.value, datetime.now(),
                               center=args.center or "", device=args.device or "")
    if not ok:
        print(f"错误：没有编号为 {args.device} 的设备。", file=sys.stderr)
        return 1
    print(f"已设置：{args.device or args.center} 的数据范围为 {args.value}；该设备下次同步起生效"
          f"（已在本机的数据不会删除，如需清除请重新注册该电脑）。")
    return 0


def _show(engine: Engine) -> int:
    with engine.connect() as conn:
        explicit = dict(conn.execute(select(center_settings.c.center_code, center_settings.c.scope)).all())
        for r in conn.execute(select(devices).order_by(devices.c.center_code, devices.c.window)):
            center_value = explicit.get(r.center_code, tenancy.DEFAULT_SCOPE)
            print(json.dumps({"device": r.id, "name": r.name, "center": r.center_code, "window": r.window,
                              "scope": r.scope or center_value,
                              "from": "device" if r.scope else ("center" if r.center_code in explicit else "default"),
                              "revoked": r.revoked}, ensure_ascii=False))
    for center, value in sorted(explicit.items()):
        print(json.dumps({"center": center, "scope": value}, ensure_ascii=False))
    return 0


def _handover(engine: Engine, args: argparse.Namespace) -> int:
    from sync.server import handover  # here for start-up time: it loads the wire protocol (pydantic)

    if not args.case:
        with engine.connect() as conn:
            for row in handover.listing(conn, args.center):
                print(json.dumps(row, ensure_ascii=False))
        return 0
    if not args.window or not str(args.window).isalnum():
        print("错误：请用 --window 指明接收的窗口号（字母和数字）。", file=sys.stderr)
        return 2
    with writer(engine) as conn:
        case_id = _case_id(conn, args.center, args.case)
        if case_id is None:
            print(f"错误：{args.center} 中心没有编号为 {args.case[:40]} 的办件。", file=sys.stderr)
            return 1
        fed = handover.hand_over(conn, args.center, case_id, str(args.window), "transfer", datetime.now(),
                                 lambda n: next_change_seq(conn, n, args.center), by=admin_audit.who())
    print(f"已移交给 {args.window} 号窗口（{fed} 条记录）；该窗口的电脑下次同步时收到。" if fed else
          f"{args.window} 号窗口已经有这件办件，无需移交。")
    return 0


def _case_id(conn: Any, center: str, case: str) -> str | None:
    mine = and_(records.c.entity == "cases", records.c.center_code == center)
    got = conn.execute(select(records.c.entity_id).where(and_(mine, records.c.entity_id == case))).scalar()
    if got is None and '"' not in case and "%" not in case:
        # By number: a case number is inside the stored record only (rare admin work, a scan is fine).
        for rec_id, raw in conn.execute(select(records.c.entity_id, records.c.data).where(
                and_(mine, records.c.data.like(f'%"number": "{case}"%')))).all():
            if json.loads(raw).get("number") == case:
                return str(rec_id)
    return str(got) if got is not None else None


def _output_desk(engine: Engine, args: argparse.Namespace) -> int:
    from sync.server import handover  # here for start-up time: it loads the wire protocol (pydantic)

    if not args.window:
        with engine.connect() as conn:
            for window in handover.desks(conn, args.center):
                print(json.dumps({"center": args.center, "output_desk": window}, ensure_ascii=False))
        return 0
    if not str(args.window).isalnum():
        print("错误：窗口号只能包含字母和数字。", file=sys.stderr)
        return 2
    with writer(engine) as conn:
        fed = handover.set_desk(conn, args.center, str(args.window), not args.remove, datetime.now(),
                                lambda n: next_change_seq(conn, n, args.center))
    print(f"{args.center} 中心 {args.window} 号窗口已不再是出件窗口（已移交的办件保留）。" if args.remove else
          f"{args.center} 中心 {args.window} 号窗口已设为出件窗口：现有待出件的办件已移交（{fed} 条记录），"
          "以后进入待出件的办件自动移交。")
    return 0
