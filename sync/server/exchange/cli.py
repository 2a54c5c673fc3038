"""``clerk-center exchange …``: check the mapping, run the exchange, and read or retry the dead letters.

Every command prints ids, case numbers and the province's or our own one-line reasons; never a payload
(it holds the applicant's name and ID number)."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from clerk_app.domain.hosts import is_loopback_host

TOKEN_ENV = "CLERK_EXCHANGE_TOKEN"  # the province's access token: from the environment, never argv or logs


def add_parser(sub: Any, engine_of: Callable[[argparse.Namespace], Any]) -> None:
    x = sub.add_parser("exchange", help="与省级平台的数据交换（统一受理、好差评）")
    xsub = x.add_subparsers(dest="exchange_command", required=True)
    ck = xsub.add_parser("check", help="校验映射文件，列出中心事项目录中缺实施编码的事项")
    run = xsub.add_parser("run", help="运行交换：从变更日志取数、发送、失败重试")
    run.add_argument("--url", required=True, help="省平台接口的基础地址（https://…）")
    run.add_argument("--ca", help="省平台证书的 CA 文件（PEM）")
    run.add_argument("--once", action="store_true", help="发完当前到期的记录即退出")
    run.add_argument("--concurrency", type=int, default=32)
    run.add_argument("--timeout", type=float, default=10.0, help="每次调用的超时秒数")
    run.add_argument("--max-attempts", type=int, default=10, help="超过后转入死信列表")
    xsub.add_parser("status", help="待发、已发、死信数量与进度")
    dead = xsub.add_parser("dead", help="列出死信（不能送达的记录及原因）")
    dead.add_argument("--limit", type=int, default=100)
    retry = xsub.add_parser("retry", help="把死信放回队列重发")
    retry.add_argument("ids", nargs="*", type=int)
    retry.add_argument("--all", action="store_true")
    for p in (ck, run):
        p.add_argument("--mapping", help="映射文件（默认演示省的映射）")
    for p in (run, xsub.choices["status"], dead, retry):
        p.add_argument("--target", default="province", help="交换目标名（默认 province）")
    x.set_defaults(func=lambda args: _main(args, engine_of))


def _main(args: argparse.Namespace, engine_of: Callable[[argparse.Namespace], Any]) -> int:
    from sync.server.exchange import engine as ex
    from sync.server.exchange.mapping import DEFAULT, MappingError, load

    cmd = args.exchange_command
    try:
        mapping = load(Path(args.mapping) if getattr(args, "mapping", None) else DEFAULT)
    except MappingError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    engine = engine_of(args)
    if cmd == "check":
        exchange = ex.Exchange(engine, mapping, "http://unused")
        codes = exchange._task_codes()
        print(f"映射文件有效：{mapping.name}；案件数据项 {len(mapping.items['case'])} 个，"
              f"评价数据项 {len(mapping.items['rating'])} 个；中心事项目录中有实施编码的事项 {len(codes)} 个。")
        return 0
    if cmd == "status":
        print(json.dumps(ex.Exchange(engine, mapping, "http://unused", target=args.target).status(),
                         ensure_ascii=False))
        return 0
    if (done := dead_letter_command(cmd, engine, args.target, args, sender="交换进程")) is not None:
        return done
    if plain_http_refused(args.url, "错误：省平台接口必须用 https:// 访问（本机测试地址除外），否则公民数据会明文传输。"):
        return 1
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    exchange = ex.Exchange(engine, mapping, args.url, target=args.target, concurrency=args.concurrency,
                           timeout=args.timeout, max_attempts=args.max_attempts,
                           verify=args.ca or True, token=os.environ.get(TOKEN_ENV))
    totals = asyncio.run(exchange.run(once=args.once))
    r = totals.results
    print(f"已送达 {r.delivered} 条（其中省平台已有 {r.duplicates} 条），待重试 {r.retried} 条，转入死信 {r.dead} 条。")
    return 0



def dead_letter_command(cmd: str, engine: Any, target: str, args: argparse.Namespace, *, sender: str) -> int | None:
    """``dead`` and ``retry`` of any target of the durable queue (the province, the SMS gateway); None for
    another command. ``sender`` names the process that sends what is put back."""
    from sync.server.exchange import engine as ex  # in the function: start-up time of the other commands

    if cmd == "dead":
        for row in ex.dead_letters(engine, target, args.limit):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if cmd == "retry":
        if not args.ids and not args.all:
            print("错误：请给出死信编号，或用 --all 重发全部死信。", file=sys.stderr)
            return 2
        n = ex.retry_dead(engine, target, None if args.all else args.ids, datetime.now())
        print(f"已放回队列 {n} 条；{sender}下一轮发送。")
        return 0
    return None


def plain_http_refused(url: str, refusal: str) -> bool:
    """A peer reached over plain http off this machine would receive citizen data in clear: say ``refusal``."""
    if url.startswith("https://") or is_loopback_host(urlsplit(url).hostname):
        return False
    print(refusal, file=sys.stderr)
    return True
