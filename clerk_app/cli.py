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


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from clerk_app.errors import UserError

    try:
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
        print(f"错误：{exc.message}", file=sys.stderr)
        if exc.detail:
            print(exc.detail, file=sys.stderr)
        return 1
