"""``clerk-app update check``: is a newer release published by the center (signature verified)?"""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    update = sub.add_parser("update", help="检查更新（验证中心签名）")
    usub = update.add_subparsers(dest="update_command", required=True)
    check = usub.add_parser("check", help="检查是否有新版本；退出码 0 已是最新，10 有新版本")
    check.add_argument("--url", help="更新清单地址（默认取配置 update_manifest_url）")
    check.set_defaults(func=_check)


def _check(args: argparse.Namespace) -> int:
    from clerk_app import __version__
    from clerk_app.errors import UserError
    from clerk_app.paths import ProfilePaths
    from clerk_app.settings import load_settings
    from clerk_app.updates import check_for_update

    paths = ProfilePaths.resolve(args.data_dir)
    settings = load_settings(paths.root / "settings.toml", overrides=getattr(args, "set", None) or ())
    url = args.url or settings.update_manifest_url or (
        settings.server_url.rstrip("/") + "/updates/manifest.json" if settings.server_url else "")
    if not url:
        raise UserError("update.no_manifest_url")
    newer = check_for_update(__version__, url, settings.update_public_key)
    if newer is None:
        print(f"已是最新版本（{__version__}）。")
        return 0
    print(f"有新版本 {newer.version} 可更新（当前 {__version__}）：{newer.notes}".rstrip("："))
    return 10
