"""The ``clerk-app`` command: no arguments starts the GUI; subcommands serve IT, demos and tests.

Each subcommand lives in a module named in ``SUBCOMMAND_MODULES`` that exposes
``add_parser(subparsers) -> None``; the parser it adds sets ``func(args) -> int``. Such modules
import their heavy dependencies inside the handler, so that start-up stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from clerk_app import __version__

SUBCOMMAND_MODULES = (
    "clerk_app.cli_calendar",
    "clerk_app.cli_demo",
    "clerk_app.cli_devices",
    "clerk_app.documents.cli",
    "clerk_app.cli_sync",
    "clerk_app.cli_ops",
    "clerk_app.cli_reports",
    "clerk_app.cli_audit",
    "clerk_app.cli_update",
    "clerk_app.cli_clock",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clerk-app", description="一窗受理工作台 Clerk Workbench")
    parser.add_argument("--version", action="version", version=f"clerk-app {__version__}")
    parser.add_argument("--data-dir", help="profile folder (default: the platform's user data dir; env CLERK_APP_DATA_DIR)")
    parser.add_argument("--self-test", action="store_true", help="check database, catalogue, calendar and main window, then exit")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override one setting for this run (the strongest layer; see docs/configuration.md)")
    sub = parser.add_subparsers(dest="command")
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.add_parser(sub)
    return parser


def _setup_logging(data_dir: str | None) -> None:
    """Rotating, PII-masked log files in the profile; a profile that cannot be created yet (a
    read-only folder) leaves logging to stderr rather than stopping the command."""
    from clerk_app.logs import setup_logging
    from clerk_app.paths import ProfilePaths

    try:
        setup_logging(ProfilePaths.resolve(data_dir))
    except OSError:
        logging.basicConfig(level=logging.WARNING)


def check_data_dir(data_dir: str | None) -> None:
    """Refuse a ``--data-dir`` that cannot hold a profile before anything is created or opened: an empty
    value (which would silently mean the default profile), a file or device, a folder that cannot be
    written. Raises UserError with one sentence."""
    import os
    from pathlib import Path

    from clerk_app.errors import UserError

    if data_dir is None:
        data_dir = os.environ.get("CLERK_APP_DATA_DIR") or None  # the same checks for the variable
        if data_dir is None:
            return
    if not data_dir.strip():
        raise UserError("cli.data_dir_empty")
    path = Path(data_dir)
    if path.exists() and not path.is_dir():
        raise UserError("cli.data_dir_not_folder", data_dir=data_dir)
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UserError("cli.data_dir_parent_not_folder", parent=existing)
    probe = existing / f".clerk-write-test-{os.getpid()}"
    try:
        probe.mkdir()
        probe.rmdir()
    except OSError as exc:
        raise UserError("cli.data_dir_not_writable", folder=existing, reason=_os_reason(exc)) from None


def _os_reason(exc: OSError) -> str:
    import errno

    return {errno.ENOSPC: "磁盘空间已满", errno.EROFS: "只读文件系统", errno.EACCES: "没有权限",
            errno.EPERM: "没有权限", errno.ENOTDIR: "路径中有一段不是文件夹", errno.EEXIST: "已存在同名文件",
            errno.ENOENT: "找不到文件或文件夹", errno.EIO: "磁盘读写错误"}.get(exc.errno or 0, "系统错误")


def _say(text: str) -> None:
    """One line on stderr; control characters from the input (ESC, RLO, NUL) are shown escaped."""
    from clerk_app.domain.text import visible

    print(visible(text), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from clerk_app.errors import UserError

    try:
        check_data_dir(args.data_dir)
        _setup_logging(args.data_dir)
        if args.self_test:
            from clerk_app.selftest import run_self_test

            return run_self_test(args)
        if getattr(args, "func", None) is not None:
            return int(args.func(args) or 0)
        from clerk_app.app import run_gui

        return run_gui(args)
    except UserError as exc:
        logging.getLogger("clerk").info("command failed: %s", exc.detail or exc.message)  # file only: stderr gets one line
        _say(f"错误：{exc.message}")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the edge: one sentence and a masked report, never a traceback
        return _unexpected(args.data_dir, exc)


def _unexpected(data_dir: str | None, exc: Exception) -> int:
    from clerk_app.paths import ProfilePaths
    from clerk_app.store.errors import classify

    fault = classify(exc, ProfilePaths.resolve(data_dir).database if data_dir != "" else None)
    if fault is not None:
        _say(f"错误：{fault.message}")
        return 1
    if isinstance(exc, OSError):
        # A file the command needed: the reason, not the path (a document's name may carry a citizen's).
        _say(f"错误：读写文件失败（{_os_reason(exc)}），本次操作未完成，已有数据未改动。")
        return 1
    from clerk_app import crash

    report = crash.write_report(ProfilePaths.resolve(data_dir).logs, exc) if (data_dir is None or data_dir) else None
    logging.getLogger("clerk").error("command crashed (%s); report %s", type(exc).__name__, report)
    where = f"错误报告已保存到 {report}" if report else "错误报告未能保存"
    _say(f"错误：程序内部错误（{type(exc).__name__}），本次操作未完成；{where}（不含群众信息），请联系信息技术人员。")
    return 2
