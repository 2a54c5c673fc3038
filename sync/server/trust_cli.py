"""``clerk-center admin security-events`` and ``clerk-center admin scope``: what the trust boundary refused,
and what each counter receives (need to know), both for IT and the center's admin to see."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, or_, select

from sync.server import tenancy
from sync.server.db import writer
from sync.server.schema import center_settings, devices, security_events


def add_parsers(asub: Any) -> None:
    se = asub.add_parser("security-events", help="列出安全事件（越权、跨中心、伪造时间戳等被拒绝的修改）")
    se.add_argument("--center", help="只列出该中心的")
    se.add_argument("--limit", type=int, default=200)
    sc = asub.add_parser("scope", help="查看或设置各窗口电脑接收的数据范围（window 本窗口 / center 全中心）")
    sc.add_argument("--center", help="设置该中心的默认范围")
    sc.add_argument("--device", help="设置该设备的范围（覆盖中心的默认）")
    sc.add_argument("value", nargs="?", choices=(*tenancy.SCOPES, "inherit"),
                    help="window、center；inherit 取消设备自己的设置")


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
