"""``clerk-app sync enroll|run|status``: enrol this PC at the center, sync, and show the sync state.

Exit codes: 0 success; 1 refused or failed (one Chinese line on stderr, nothing lost locally).
"""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sync = subparsers.add_parser("sync", help="与中心服务器同步：注册本机、同步、查看状态")
    sub = sync.add_subparsers(dest="sync_command", required=True)
    p = sub.add_parser("enroll", help="用一次性注册码把本机注册到中心服务器")
    p.add_argument("--server", required=True, help="中心服务器地址，如 https://center.example:8765")
    p.add_argument("--code", required=True, help="信息技术人员提供的一次性注册码")
    p.add_argument("--ca", help="中心服务器证书的 CA 文件（PEM；默认取配置项 sync_ca_file），注册后记住")
    p.set_defaults(func=cmd_enroll)
    p = sub.add_parser("run", help="同步（默认持续运行，--once 只同步一轮）")
    p.add_argument("--once", action="store_true")
    p.add_argument("--interval", type=float, default=60.0, help="定时同步间隔秒数（默认 60）")
    p.add_argument("--ca", help="中心服务器证书的 CA 文件（默认取配置项 sync_ca_file，否则用注册时的）")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("status", help="待上传数量、最早待上传时长、上次同步、冲突、隔离、错误")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)


def _profile(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The profile's paths, its settings and its opened store."""
    from clerk_app.paths import ProfilePaths
    from clerk_app.settings import load_settings
    from clerk_app.store.db import Store

    paths = ProfilePaths.resolve(args.data_dir).ensure()
    settings = load_settings(paths.root / "settings.toml", overrides=getattr(args, "set", None) or ())
    return paths, settings, Store(paths.database)


def _client(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from sync.client import SyncClient

    paths, settings, store = _profile(args)
    return SyncClient(store, attachments=paths.attachments,
                      ca_file=getattr(args, "ca", None) or settings.sync_ca_file or None)


def cmd_enroll(args: argparse.Namespace) -> int:
    from clerk_app.errors import UserError
    from clerk_app.transport import plain_http_refusal

    # Refused before the store and the sync client are imported and the profile is migrated (~0.5 s of
    # CPU); the client refuses the same address again, for its other callers.
    if refusal := plain_http_refusal(args.server):
        print(f"错误：{UserError(refusal).message}", file=sys.stderr)
        return 1
    from sync.client import SyncError  # here for start-up time: httpx, pydantic, the store

    client = _client(args)
    try:
        reply = client.enroll(args.server, args.code)
    except SyncError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    finally:
        client.store.close()
    print(f"注册成功：中心 {reply.center_code}，窗口 {reply.window}，设备编号 {reply.device_id}。")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from sync.client import SyncError, SyncRunner

    client = _client(args)
    try:
        if args.once:
            try:
                status = client.sync_once()
            except SyncError as exc:
                print(f"错误：{exc.message}", file=sys.stderr)
                return 1
            print(json.dumps(status.as_dict(), ensure_ascii=False))
            return 1 if status.stopped else 0
        runner = SyncRunner(client, interval_s=args.interval,
                            on_status=lambda s: print(json.dumps(s.as_dict(), ensure_ascii=False), flush=True))
        runner.start()
        try:
            while runner._thread is not None and runner._thread.is_alive():
                runner._thread.join(1.0)
        except KeyboardInterrupt:
            pass
        finally:
            runner.stop()
        return 0
    finally:
        client.store.close()


def cmd_status(args: argparse.Namespace) -> int:
    # Read from the profile alone, without the sync client: here for start-up time (httpx, pydantic).
    from sync.client.status import read_status

    _paths, _settings, store = _profile(args)
    try:
        status = read_status(store.engine)
    finally:
        store.close()
    if args.json:
        print(json.dumps(status.as_dict(), ensure_ascii=False))
        return 0
    age = "—" if status.oldest_pending_age_s is None else f"{status.oldest_pending_age_s / 3600:.1f} 小时"
    print(f"待上传：{status.pending} 条（最早 {age}）")
    print(f"上次同步：{status.last_sync or '从未'}")
    print(f"冲突待办：{status.conflicts}　隔离：{status.quarantined}")
    if status.stopped:
        print("同步已停止：本机已被中心停用。")
    if status.alarm:
        print("警告：有记录超过 24 小时未能上传，请联系信息技术人员。")
    if status.last_error:
        print(f"最近错误：{status.last_error}")
    return 0
