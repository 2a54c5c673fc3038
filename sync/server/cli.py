"""``clerk-center``: run the center server and administer it.

Exit codes: 0 success; 1 a refused request (one Chinese line on stderr); 2 bad arguments.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import datetime

DB_ENV = "CLERK_CENTER_DB"


def _db(args: argparse.Namespace) -> str:
    return args.db or os.environ.get(DB_ENV) or "sqlite:///clerk-center.sqlite3"


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from sync.server.db import make_engine, migrate

    engine = make_engine(_db(args))
    migrate(engine)
    return engine


def app_factory():  # type: ignore[no-untyped-def]
    """The app of one worker process (``serve --workers N``): each opens its own engine on the database."""
    from sync.server.app import create_app
    from sync.server.db import make_engine

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    return create_app(engine=make_engine(os.environ[DB_ENV]))


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if bool(args.tls_cert) != bool(args.tls_key):
        print("错误：启用 TLS 需要同时提供 --certfile 和 --keyfile。", file=sys.stderr)
        return 2
    ssl = {"ssl_certfile": args.tls_cert, "ssl_keyfile": args.tls_key} if args.tls_cert else {}
    engine = _engine(args)
    if args.workers > 1:
        # The server keeps no state of its own: worker processes share only the database.
        engine.dispose()
        os.environ[DB_ENV] = _db(args)
        uvicorn.run("sync.server.cli:app_factory", factory=True, workers=args.workers, host=args.host,
                    port=args.port, log_level="warning", **ssl)
        return 0
    uvicorn.run(create_app(engine=engine), host=args.host, port=args.port, log_level="warning", **ssl)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    _engine(args)
    print("数据库已是最新结构。")
    return 0


def cmd_enroll_code(args: argparse.Namespace) -> int:
    from sync.server import auth
    from sync.server.db import writer

    if not args.center.isalnum() or not str(args.window).isalnum():
        print("错误：中心代码和窗口号只能包含字母和数字。", file=sys.stderr)
        return 1
    with writer(_engine(args)) as conn:
        code = auth.new_enrol_code(conn, args.center, str(args.window), datetime.now(), args.hours)
    print(code)
    return 0


def cmd_new_epoch(args: argparse.Namespace) -> int:
    from sync.server.db import new_epoch

    print(new_epoch(_engine(args)))
    return 0


def cmd_admin(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from sync.server import auth
    from sync.server.db import writer
    from sync.server.schema import conflicts, devices

    engine = _engine(args)
    with writer(engine) as conn:
        if args.admin_command == "token":
            print(auth.new_admin_token(conn, args.name, datetime.now()))
        elif args.admin_command == "revoke":
            if not auth.revoke_device(conn, args.device):
                print(f"错误：没有编号为 {args.device} 的设备。", file=sys.stderr)
                return 1
            print("已停用。该设备下次同步时将停止同步，本地数据保留。")
        elif args.admin_command == "devices":
            for r in conn.execute(select(devices).order_by(devices.c.created_at)):
                print(json.dumps({"id": r.id, "center": r.center_code, "window": r.window, "revoked": r.revoked,
                                  "last_seen": r.last_seen.isoformat() if r.last_seen else None}))
        elif args.admin_command == "conflicts":
            for r in conn.execute(select(conflicts).where(conflicts.c.resolved_at.is_(None))):
                print(json.dumps({"id": r.id, "entity": r.entity, "entity_id": r.entity_id, "code": r.code,
                                  "message": r.message}, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clerk-center", description="一窗受理 中心服务器")
    parser.add_argument("--db", help=f"数据库 URL（默认 sqlite:///clerk-center.sqlite3；环境变量 {DB_ENV}）")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="启动中心服务器")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--certfile", "--tls-cert", dest="tls_cert", help="TLS 证书文件（PEM，含中间证书）")
    s.add_argument("--keyfile", "--tls-key", dest="tls_key", help="TLS 私钥文件（PEM）")
    s.add_argument("--workers", type=int, default=1, help="工作进程数（默认 1；共用同一数据库）")
    s.set_defaults(func=cmd_serve)
    sub.add_parser("migrate", help="升级数据库结构").set_defaults(func=cmd_migrate)
    e = sub.add_parser("enroll-code", help="生成一次性注册码（一台电脑一个）")
    e.add_argument("--center", required=True)
    e.add_argument("--window", required=True)
    e.add_argument("--hours", type=int, default=24, help="有效小时数（默认 24）")
    e.set_defaults(func=cmd_enroll_code)
    sub.add_parser("new-epoch", help="从备份恢复后执行：通知各窗口重新上传").set_defaults(func=cmd_new_epoch)
    a = sub.add_parser("admin", help="管理：令牌、设备、冲突")
    asub = a.add_subparsers(dest="admin_command", required=True)
    t = asub.add_parser("token", help="生成管理员令牌（用于 /v1/stats）")
    t.add_argument("--name", required=True)
    r = asub.add_parser("revoke", help="停用一台设备")
    r.add_argument("--device", required=True)
    asub.add_parser("devices", help="列出设备")
    asub.add_parser("conflicts", help="列出未处理的冲突")
    a.set_defaults(func=cmd_admin)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
