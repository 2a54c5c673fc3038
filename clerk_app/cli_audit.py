"""``clerk-app audit verify``: re-computes the audit hash chain of a profile; exit 0 when intact,
3 when any entry was changed, removed or slipped in (each problem printed with the entry)."""

from __future__ import annotations

import argparse
import sys

TAMPERED = 3


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = sub.add_parser("audit", help="审计日志")
    asub = audit.add_subparsers(dest="audit_command", required=True)
    verify = asub.add_parser("verify", help="校验审计日志的哈希链是否完整")
    verify.set_defaults(func=_verify)


def _verify(args: argparse.Namespace) -> int:
    from clerk_app.errors import UserError
    from clerk_app.paths import ProfilePaths
    from clerk_app.store import audit
    from clerk_app.store.db import Store

    paths = ProfilePaths.resolve(args.data_dir)
    if not paths.database.exists():
        raise UserError("audit.no_database", root=paths.root)
    store = Store(paths.database)
    try:
        with store.read() as s:
            verdict = audit.verify(s)
    finally:
        store.close()
    for chain in verdict.chains:
        # Each chain on its own line: a problem in a pulled device's entries never hides this
        # counter's own verdict, and the reverse.
        who = "本机" if not chain.device else f"设备 {chain.device[:8]}（从中心同步）"
        if not chain.problems:
            what = "审计日志完整" if not chain.device else "审计链完整"
            print(f"{who}{what}：共 {chain.entries} 条记录，哈希链校验通过。")
        for problem in chain.problems:
            print(f"{who}审计日志被篡改：{problem}")
    return 0 if verdict.ok else TAMPERED


def main(argv: list[str] | None = None) -> int:
    """Until ``clerk_app.cli_audit`` is listed in ``cli.SUBCOMMAND_MODULES``: the same CLI with it added."""
    from clerk_app import cli

    if "clerk_app.cli_audit" not in cli.SUBCOMMAND_MODULES:
        cli.SUBCOMMAND_MODULES = (*cli.SUBCOMMAND_MODULES, "clerk_app.cli_audit")
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
