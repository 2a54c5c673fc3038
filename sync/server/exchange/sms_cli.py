"""``clerk-center sms …``: the 领取通知 SMS (seed 001 §5.1.3) through the SMS gateway — run the sender, read
its progress, list and retry the dead letters. Prints case numbers, keys and reasons; never a phone number
or a text (docs/exchange.md, "The collection SMS")."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sync.server.exchange.cli import dead_letter_command, plain_http_refused

TOKEN_ENV = "CLERK_SMS_TOKEN"  # the gateway's access token: from the environment, never argv or logs


def add_parser(sub: Any, engine_of: Callable[[argparse.Namespace], Any]) -> None:
    x = sub.add_parser("sms", help="领取通知短信：经短信网关发送、失败重试、死信")
    xsub = x.add_subparsers(dest="sms_command", required=True)
    ck = xsub.add_parser("check", help="校验短信设置文件")
    run = xsub.add_parser("run", help="运行短信发送：从变更日志取待领取的办件、发送、失败重试")
    run.add_argument("--url", required=True, help="短信网关的基础地址（https://…）")
    run.add_argument("--path", default="/sms", help="发送接口的路径（默认 /sms）")
    run.add_argument("--ca", help="短信网关证书的 CA 文件（PEM）")
    run.add_argument("--once", action="store_true", help="发完当前到期的短信即退出")
    run.add_argument("--concurrency", type=int, default=8)
    run.add_argument("--timeout", type=float, default=10.0, help="每次调用的超时秒数")
    run.add_argument("--max-attempts", type=int, default=10, help="超过后转入死信列表")
    for p in (ck, run):
        p.add_argument("--senders", required=True, help="短信设置文件（TOML：[centers.中心代码] name、place、hours、phone）")
    xsub.add_parser("status", help="待发、已发、死信数量与进度")
    dead = xsub.add_parser("dead", help="列出死信（未能发出的短信及原因）")
    dead.add_argument("--limit", type=int, default=100)
    retry = xsub.add_parser("retry", help="把死信放回队列重发")
    retry.add_argument("ids", nargs="*", type=int)
    retry.add_argument("--all", action="store_true")
    x.set_defaults(func=lambda args: _main(args, engine_of))


def _main(args: argparse.Namespace, engine_of: Callable[[argparse.Namespace], Any]) -> int:
    from sync.server.exchange import sms

    cmd = args.sms_command
    senders: dict[str, sms.Sender] = {}
    if cmd in ("check", "run"):
        try:
            senders = sms.load_senders(Path(args.senders))
        except sms.SendersError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 1
    if cmd == "check":
        print(f"短信设置有效：{len(senders)} 个中心（{'、'.join(sorted(senders))}）。")
        return 0
    engine = engine_of(args)
    if cmd == "status":
        print(json.dumps(sms.SmsSender(engine, senders, "http://unused").status(), ensure_ascii=False))
        return 0
    if (done := dead_letter_command(cmd, engine, sms.TARGET, args, sender="短信发送进程")) is not None:
        return done
    if plain_http_refused(args.url, "错误：短信网关必须用 https:// 访问（本机测试地址除外），否则手机号码会明文传输。"):
        return 1
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sender = sms.SmsSender(engine, senders, args.url, path=args.path, concurrency=args.concurrency,
                           timeout=args.timeout, max_attempts=args.max_attempts, verify=args.ca or True,
                           token=os.environ.get(TOKEN_ENV))
    totals = asyncio.run(sender.run(once=args.once))
    r = totals.results
    print(f"已发出 {r.delivered} 条（其中网关已有 {r.duplicates} 条），待重试 {r.retried} 条，转入死信 {r.dead} 条。")
    return 0
