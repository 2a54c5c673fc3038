"""``clerk-center``: run the center server and administer it.

Exit codes: 0 success; 1 a refused request (one Chinese line on stderr); 2 bad arguments.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the web stack is imported by the commands that serve
    from fastapi import FastAPI

DB_ENV = "CLERK_CENTER_DB"
REPLICA_ENV = "CLERK_CENTER_REPLICA_URL"  # a read replica of the database: pulls and statistics (docs/sync.md)


def _db(args: argparse.Namespace) -> str:
    return args.db or os.environ.get(DB_ENV) or "sqlite:///clerk-center.sqlite3"


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from sync.server.db import make_engine, migrate

    engine = getattr(args, "_engine", None)
    if engine is None:
        engine = make_engine(_db(args))
        migrate(engine)
        args._engine = engine  # one engine per command: the audit record reuses it
    return engine


def _audited(fn: Callable[[argparse.Namespace], int | None]) -> Callable[[argparse.Namespace], int]:
    """Record who ran an administration command, what, when and how it ended (sync/server/admin_audit.py)."""
    import functools

    @functools.wraps(fn)
    def run(args: argparse.Namespace) -> int:
        from sync.server import admin_audit

        command, detail = admin_audit.describe(args)
        outcome = "error"
        try:
            code = int(fn(args) or 0)
            outcome = "ok" if code == 0 else "refused"
            return code
        finally:
            admin_audit.record(_engine(args), command, detail, outcome)
    return run


def app_factory():  # type: ignore[no-untyped-def]
    """The app of one worker process (``serve --workers N``): each opens its own engines on the database (and
    its read replica) and runs its own timers for abandoned uploads and retention (harmless side by side:
    both are idempotent)."""
    from sync.server.app import create_app
    from sync.server.blob_limits import start_gc_timer
    from sync.server.blob_store import FileBlobStore, resolve_blob_dir
    from sync.server.db import make_engine
    from sync.server.limits import Limits

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    replica = os.environ.get(REPLICA_ENV, "").strip()
    url = os.environ[DB_ENV]
    engine, store, limits = make_engine(url), FileBlobStore(resolve_blob_dir(url)), Limits()
    start_gc_timer(engine, store, limits)
    return _with_timer(create_app(engine=engine, blob_store=store, limits_=limits,
                                  read_engine=make_engine(replica) if replica else None))


def _with_timer(app: FastAPI) -> FastAPI:
    from sync.server import retention

    app.state.retention_stop = retention.start_timer(app.state.engine)
    return app


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if bool(args.tls_cert) != bool(args.tls_key):
        print("错误：启用 TLS 需要同时提供 --certfile 和 --keyfile。", file=sys.stderr)
        return 2
    ssl = {"ssl_certfile": args.tls_cert, "ssl_keyfile": args.tls_key} if args.tls_cert else {}
    from sync.server import retention
    from sync.server.blob_cli import export_if_needed, open_store
    from sync.server.blob_limits import start_gc_timer
    from sync.server.blob_store import BLOB_DIR_ENV, BlobDirMissing, BlobStoreUnusable
    from sync.server.db import make_engine
    from sync.server.limits import Limits

    try:
        retention.active_days(), retention.every_hours()
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    try:
        store = open_store(_db(args), args.blob_dir)
    except (BlobDirMissing, BlobStoreUnusable) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    engine = _engine(args)
    export_if_needed(engine, store)
    replica = args.replica_url or os.environ.get(REPLICA_ENV, "").strip()
    if args.workers > 1:
        # The server keeps no state of its own: worker processes share only the database and the
        # attachment folder.
        engine.dispose()
        os.environ[DB_ENV] = _db(args)
        os.environ[BLOB_DIR_ENV] = store.describe()
        if replica:
            os.environ[REPLICA_ENV] = replica
        uvicorn.run("sync.server.cli:app_factory", factory=True, workers=args.workers, host=args.host,
                    port=args.port, log_level="warning", **ssl)
        return 0
    limits = Limits()
    start_gc_timer(engine, store, limits)
    app = _with_timer(create_app(engine=engine, blob_store=store, limits_=limits,
                                 read_engine=make_engine(replica) if replica else None))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", **ssl)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from sync.server.blob_cli import export_if_needed, open_store
    from sync.server.blob_store import BlobDirMissing, BlobStoreUnusable

    engine = _engine(args)
    try:
        export_if_needed(engine, open_store(_db(args), args.blob_dir))
    except BlobDirMissing:
        # Nothing can be moved without a folder; `serve` refuses without one and moves them then.
        from sqlalchemy import select

        from sync.server.schema import blob_chunks

        with engine.connect() as conn:
            if conn.execute(select(blob_chunks.c.sha256).limit(1)).first() is not None:
                print("注意：数据库中仍有附件内容，请用 --blob-dir 指定附件文件夹后再执行 migrate（或 blobs migrate）。",
                      file=sys.stderr)
    except BlobStoreUnusable as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print("数据库已是最新结构。")
    return 0


@_audited
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


@_audited
def cmd_new_epoch(args: argparse.Namespace) -> int:
    from sync.server.db import new_epoch

    print(new_epoch(_engine(args)))
    return 0


def _password(args: argparse.Namespace) -> str:
    """The new password from stdin (scripts) or typed twice; only its scrypt hash is kept."""
    import getpass

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("新密码：")
        if getpass.getpass("再输入一次：") != password:
            raise _Refused("两次输入的密码不一致。")
    from clerk_app.domain.passwords import MIN_PASSWORD_LENGTH, hash_password

    if len(password) < MIN_PASSWORD_LENGTH:
        raise _Refused(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。")

    return hash_password(password)


class _Refused(Exception):
    pass


def _read(path: str) -> bytes:
    try:
        return open(path, "rb").read()  # noqa: SIM115 - small file, read at once
    except FileNotFoundError:
        raise _Refused(f"找不到文件 {path}：请核对路径。") from None
    except OSError as exc:
        raise _Refused(f"无法读取文件 {path}：{exc.strerror or exc}。") from None


def _distribute(args: argparse.Namespace, conn) -> None:  # type: ignore[no-untyped-def]
    from sync.server import distribute as d

    now = datetime.now()
    cmd = args.admin_command
    if cmd == "user":
        u = args.user_command
        center = _user_center(conn, args)
        if u == "add":
            d.add_user(conn, username=args.username, display_name=args.name, role=args.role,
                       password_hash=_password(args), now=now, center=center)
            print(f"已创建用户 {args.username}（{args.role}）；各窗口下次同步后可登录。")
        elif u in ("disable", "enable"):
            d.change_user(conn, args.username, now, center=center, active=u == "enable")
            print(f"已{'启用' if u == 'enable' else '停用'}用户 {args.username}；各窗口下次同步后生效"
                  f"{'，该用户在任何窗口都不能再登录' if u == 'disable' else ''}。")
        elif u == "role":
            d.change_user(conn, args.username, now, center=center, role=args.role)
            print(f"已把用户 {args.username} 的角色改为 {args.role}；各窗口下次同步后生效。")
        elif u == "reset-password":
            d.change_user(conn, args.username, now, center=center, password_hash=_password(args))
            print(f"已重设用户 {args.username} 的密码；各窗口下次同步后生效。")
        else:
            for row in d.list_users(conn, center):
                print(json.dumps(row, ensure_ascii=False))
    elif cmd == "catalogue":
        version = d.import_catalogue(conn, _read(args.file), args.file, now, center=args.center or "")
        print(f"已导入事项目录（分发版本 {version}）；各窗口下次同步后使用。")
    elif cmd == "survey":
        version = d.import_survey(conn, _read(args.file), args.file, now, center=args.center or "")
        print(f"已导入满意度调查表（分发版本 {version}）；各窗口下次同步后使用。")
    elif cmd == "authorise":
        codes = list(args.codes)
        if args.file:
            codes += _read(args.file).decode("utf-8-sig", errors="replace").split()
        version = d.set_authorisation(conn, args.center, str(args.window), codes, now)
        print(f"已设置 {args.center} 中心 {args.window} 号窗口的授权事项 {len(set(codes))} 项（分发版本 {version}）。")
    elif cmd == "holidays":
        year, version = d.import_holidays(conn, _read(args.file), args.file, now)
        print(f"已导入 {year} 年节假日安排（分发版本 {version}）；各窗口下次同步后重新计算期限。")
    elif cmd == "appointments":
        counts = d.import_appointments(conn, _read(args.file), args.file, args.center, now)
        for where, n in counts.items():
            print(f"{where}：{n} 条预约")


def _user_center(conn: Any, args: argparse.Namespace) -> str:
    """A user belongs to one center: --center, or the only center this server knows."""
    from sync.server import distribute as d

    if args.center:
        return str(args.center)
    known = d.known_centers(conn)
    if len(known) == 1:
        return known.pop()
    raise _Refused("请用 --center 指明用户所属的中心（本服务器有多个中心或尚无中心）。")


@_audited
def cmd_admin(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from sync.server import auth
    from sync.server.db import writer
    from sync.server.schema import conflicts, devices

    engine = _engine(args)
    if args.admin_command == "retention":
        from sync.server import retention

        try:
            days = args.active_days or retention.active_days()
        except ValueError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 2
        partitions: list[dict[str, object]] = []
        results = retention.prune(engine, datetime.now(), days, dry_run=args.dry_run, report=partitions.append)
        for result in results:
            print(json.dumps(result.as_dict(), ensure_ascii=False))
        for summary in partitions:  # PostgreSQL: the months of the change log dropped and kept
            print(json.dumps({"event": "retention_partitions", **summary}, ensure_ascii=False))
        return 0
    if args.admin_command in ("security-events", "scope", "handover", "output-desk"):
        from sync.server import trust_cli

        return trust_cli.run(engine, args)
    if args.admin_command in ("user", "catalogue", "survey", "authorise", "holidays", "appointments"):
        from sync.server.distribute import AdminError  # here for start-up time: the catalogue machinery

        try:
            with writer(engine) as conn:
                _distribute(args, conn)
        except (AdminError, _Refused) as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 1
        return 0
    with writer(engine) as conn:
        if args.admin_command == "token":
            return _admin_token(conn, args)
        elif args.admin_command == "chains":
            from sync.server import chains

            for alert in chains.alerts(conn, args.limit):
                print(json.dumps(alert, ensure_ascii=False))
        elif args.admin_command == "audit":
            from sync.server import admin_audit

            for entry in admin_audit.entries(engine, args.limit):
                print(json.dumps(entry, ensure_ascii=False))
        elif args.admin_command == "revoke":
            if not auth.revoke_device(conn, args.device):
                print(f"错误：没有编号为 {args.device} 的设备。", file=sys.stderr)
                return 1
            print("已停用。该设备下次同步时将停止同步，本地数据保留。")
        elif args.admin_command == "devices":
            for r in conn.execute(select(devices).order_by(devices.c.created_at)):
                print(json.dumps({"id": r.id, "center": r.center_code, "window": r.window, "revoked": r.revoked,
                                  "scope": r.scope or "(center setting)",
                                  "last_seen": r.last_seen.isoformat() if r.last_seen else None}))
        elif args.admin_command == "conflicts":
            query = select(conflicts).order_by(conflicts.c.id)
            if not args.all:
                query = query.where(conflicts.c.resolved_at.is_(None))
            for r in conn.execute(query):
                print(json.dumps({"id": r.id, "entity": r.entity, "entity_id": r.entity_id, "code": r.code,
                                  "message": r.message, "device": r.device_id,
                                  "created_at": r.created_at.isoformat(timespec="seconds"),
                                  "resolved_at": r.resolved_at.isoformat(timespec="seconds") if r.resolved_at else None,
                                  "resolution": r.resolution}, ensure_ascii=False))
        elif args.admin_command == "conflict":
            return _conflict(conn, args)
    return 0


def _admin_token(conn: Any, args: argparse.Namespace) -> int:
    from sync.server import auth

    if args.token_command == "list":
        for row in auth.list_admin_tokens(conn):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if args.token_command == "revoke":
        if auth.revoke_admin_token(conn, args.id, datetime.now()) == 0:
            print(f"错误：没有编号为 {args.id[:16]} 的有效管理员令牌（编号见 admin token list）。", file=sys.stderr)
            return 1
        print(f"管理员令牌 {args.id[:16]} 已吊销，立即失效。")
        return 0
    if not args.name:
        print("错误：生成管理员令牌需要 --name（令牌的用途或使用人）。", file=sys.stderr)
        return 2
    if not 1 <= args.days <= 365:
        print("错误：--days 须在 1 到 365 之间。", file=sys.stderr)
        return 2
    token = auth.new_admin_token(conn, args.name, datetime.now(), args.days)
    print(token)
    print(f"令牌编号 {auth.admin_token_id(auth._hash(token))}，{args.days} 天后过期；"
          "吊销：clerk-center admin token revoke 编号。", file=sys.stderr)
    return 0


def _conflict(conn: Any, args: argparse.Namespace) -> int:
    """Show one conflict whole, or close it with the supervisor's decision. A conflict is never
    deleted: resolving records who decided what and when, and the losing transaction stays kept."""
    from sqlalchemy import select

    from sync.server.schema import conflicts

    row = conn.execute(select(conflicts).where(conflicts.c.id == args.id)).first()
    if row is None:
        print(f"错误：没有编号为 {args.id} 的冲突。", file=sys.stderr)
        return 1
    if args.conflict_command == "show":
        print(json.dumps({"id": row.id, "device": row.device_id, "tx_id": row.tx_id, "entity": row.entity,
                          "entity_id": row.entity_id, "code": row.code, "message": row.message,
                          "losing_transaction": json.loads(row.mutations),
                          "server_state": json.loads(row.server_state),
                          "created_at": row.created_at.isoformat(timespec="seconds"),
                          "resolved_at": row.resolved_at.isoformat(timespec="seconds") if row.resolved_at else None,
                          "resolution": row.resolution}, ensure_ascii=False, indent=2))
        return 0
    note = " ".join(args.note.split())
    by = " ".join(args.by.split())
    if not note or not by:
        print("错误：请用 --by 写明处理人，用 --note 写明处理结论。", file=sys.stderr)
        return 1
    if row.resolved_at is not None:
        print(f"错误：冲突 {row.id} 已于 {row.resolved_at:%Y-%m-%d %H:%M} 处理（{row.resolution}）。", file=sys.stderr)
        return 1
    now = datetime.now()
    conn.execute(conflicts.update().where(conflicts.c.id == row.id)
                 .values(resolved_at=now, resolution=f"{by}：{note}"[:2000]))
    print(f"冲突 {row.id} 已处理：{by}：{note}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clerk-center", description="一窗受理 中心服务器")
    parser.add_argument("--db", help=f"数据库 URL（默认 sqlite:///clerk-center.sqlite3；环境变量 {DB_ENV}）")
    parser.add_argument("--blob-dir", help="附件文件夹（环境变量 CLERK_CENTER_BLOB_DIR；SQLite 默认在数据库文件旁的 "
                        "<文件名>-blobs，PostgreSQL 上必须指定，各工作进程和服务器共用）")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="启动中心服务器")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--certfile", "--tls-cert", dest="tls_cert", help="TLS 证书文件（PEM，含中间证书）")
    s.add_argument("--keyfile", "--tls-key", dest="tls_key", help="TLS 私钥文件（PEM）")
    s.add_argument("--workers", type=int, default=1, help="工作进程数（默认 1；共用同一数据库）")
    s.add_argument("--replica-url", help=f"只读副本的数据库 URL：同步下载和统计从副本读取，写入仍到主库（环境变量 {REPLICA_ENV}）")
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
    t = asub.add_parser("token", help="管理员令牌：生成（--name）、列出（list）、吊销（revoke 编号）")
    t.add_argument("--name", help="令牌的用途或使用人（生成时必填）")
    t.add_argument("--days", type=int, default=30, help="有效天数（默认 30，最多 365）")
    tsub = t.add_subparsers(dest="token_command")
    tsub.add_parser("list", help="列出管理员令牌（编号、用途、过期与吊销时间；不显示令牌本身）")
    tsub.add_parser("revoke", help="吊销一个管理员令牌").add_argument("id", help="令牌编号（admin token list 所示）")
    asub.add_parser("chains", help="安全事件：各设备审计链的断开或回退（最新的在后）").add_argument(
        "--limit", type=int, default=200, help="显示最近多少条（默认 200）")
    asub.add_parser("audit", help="管理操作审计记录（谁、何时、做了什么）").add_argument(
        "--limit", type=int, default=200, help="显示最近多少条（默认 200）")
    r = asub.add_parser("revoke", help="停用一台设备")
    r.add_argument("--device", required=True)
    asub.add_parser("devices", help="列出设备")
    rt = asub.add_parser("retention", help="清理各中心所有在用设备都已接收的变更记录（每个中心一行结果）")
    rt.add_argument("--active-days", type=int, choices=range(1, 3651), metavar="1-3650",
                    help="多少天内同步过的设备算在用（默认 30；环境变量 CLERK_CENTER_RETENTION_ACTIVE_DAYS）")
    rt.add_argument("--dry-run", action="store_true", help="只显示可清理到的位置，不删除")
    asub.add_parser("conflicts", help="列出未处理的冲突（--all 含已处理）").add_argument("--all", action="store_true")
    c = asub.add_parser("conflict", help="查看或处理一条冲突")
    csub = c.add_subparsers(dest="conflict_command", required=True)
    csub.add_parser("show", help="显示冲突全文（落败的整笔修改与中心当时的状态）").add_argument("id", type=int)
    cr = csub.add_parser("resolve", help="记录处理结论（冲突不删除）")
    cr.add_argument("id", type=int)
    cr.add_argument("--by", required=True, help="处理人")
    cr.add_argument("--note", required=True, help="处理结论")
    u = asub.add_parser("user", help="用户与角色（同步到各窗口）")
    u.add_argument("--center", help="用户所属的中心（服务器只有一个中心时可省略）")
    usub = u.add_subparsers(dest="user_command", required=True)
    roles = ("clerk", "supervisor", "admin", "it")
    ua = usub.add_parser("add", help="新建用户")
    ua.add_argument("username")
    ua.add_argument("--name", required=True, help="姓名")
    ua.add_argument("--role", required=True, choices=roles)
    ua.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")
    for verb, text in (("disable", "停用（各窗口下次同步后不能登录）"), ("enable", "重新启用")):
        usub.add_parser(verb, help=text).add_argument("username")
    ur = usub.add_parser("role", help="修改角色")
    ur.add_argument("username")
    ur.add_argument("role", choices=roles)
    up = usub.add_parser("reset-password", help="重设密码")
    up.add_argument("username")
    up.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")
    usub.add_parser("list", help="列出用户")
    c = asub.add_parser("catalogue", help="事项目录")
    csub = c.add_subparsers(dest="catalogue_command", required=True)
    ci = csub.add_parser("import", help="导入事项目录（格式见 docs/catalogue-format.md）")
    ci.add_argument("file")
    ci.add_argument("--center", help="只分发给该中心（默认所有中心）")
    sv = asub.add_parser("survey", help="满意度调查表（替换默认问题；格式见 docs/rules.md）")
    svsub = sv.add_subparsers(dest="survey_command", required=True)
    si = svsub.add_parser("import", help="导入并分发满意度调查表（TOML）")
    si.add_argument("file")
    si.add_argument("--center", help="只分发给该中心（默认所有中心）")
    au = asub.add_parser("authorise", help="设置一个窗口的授权事项清单")
    au.add_argument("--center", required=True)
    au.add_argument("--window", required=True)
    au.add_argument("--file", help="事项编码文件（空白分隔）")
    au.add_argument("codes", nargs="*", help="事项编码")
    h = asub.add_parser("holidays", help="节假日安排")
    hsub = h.add_subparsers(dest="holidays_command", required=True)
    hsub.add_parser("import", help="导入一年的节假日安排（格式同 clerk-app calendar import）").add_argument("file")
    ap = asub.add_parser("appointments", help="预约")
    apsub = ap.add_subparsers(dest="appointments_command", required=True)
    ai = apsub.add_parser("import", help="导入预约（CSV 或 JSON：date,slot,window,matter_code,name,phone）")
    ai.add_argument("file")
    ai.add_argument("--center", required=True)
    from sync.server import trust_cli

    trust_cli.add_parsers(asub)
    a.set_defaults(func=cmd_admin)
    from sync.server.blob_cli import add_parser as add_blobs

    add_blobs(sub, _engine, _db)
    blobs_parser = sub.choices["blobs"]
    blobs_plain = blobs_parser.get_default("func")
    blobs_audited = _audited(blobs_plain)  # gc and migrate delete and move files: recorded like admin

    def blobs_func(args: argparse.Namespace) -> int:
        return int((blobs_plain if args.blobs_command == "where" else blobs_audited)(args) or 0)

    blobs_parser.set_defaults(func=blobs_func)
    from sync.server.exchange.cli import add_parser as add_exchange

    add_exchange(sub, _engine)
    # Putting dead letters back in the queue changes what the province receives: audited like admin.
    exchange = sub.choices["exchange"]
    plain, audited = exchange.get_default("func"), None

    def exchange_func(args: argparse.Namespace) -> int:
        nonlocal audited
        if args.exchange_command != "retry":
            return int(plain(args) or 0)
        audited = audited or _audited(plain)
        return int(audited(args))

    exchange.set_defaults(func=exchange_func)
    from sync.server.exchange.sms_cli import add_parser as add_sms

    add_sms(sub, _engine)
    # Like the exchange's: a retry changes what the gateway sends to citizens, so it is audited.
    sms_parser = sub.choices["sms"]
    sms_plain, sms_audited = sms_parser.get_default("func"), None

    def sms_func(args: argparse.Namespace) -> int:
        nonlocal sms_audited
        if args.sms_command != "retry":
            return int(sms_plain(args) or 0)
        sms_audited = sms_audited or _audited(sms_plain)
        return int(sms_audited(args))

    sms_parser.set_defaults(func=sms_func)
    return parser


def _center_extra_installed() -> bool:
    """The server stack is the optional "center" extra: counter installs do not carry it. Looked up, not
    imported, for start-up time: FastAPI costs more than an administration command's whole work."""
    import importlib.util

    try:
        return importlib.util.find_spec("fastapi") is not None
    except ImportError:
        return False


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not _center_extra_installed():
        print("clerk-center 需要中心服务器组件：pip install 'clerk-workbench[center]'", file=sys.stderr)
        return 2
    from sync.server.db import UnsupportedDatabase

    try:
        return int(args.func(args) or 0)
    except UnsupportedDatabase as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
