"""IT operations: ``clerk-app config show|check`` and ``clerk-app diagnostics --out FILE.zip``.

The bundle holds logs (scrubbed again), the configuration with secrets removed, versions, the
device list and the profile's file sizes; never the database, attachments or documents.
Public API: ``add_parser``, ``build_bundle``, ``redact_url``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

PACKAGES = ("clerk-workbench", "PySide6-Essentials", "SQLAlchemy", "alembic", "cryptography", "sqlcipher3-wheels",
            "reportlab", "pyserial", "keyring", "httpx", "platformdirs", "chinesecalendar",
            "lunardate")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    config = subparsers.add_parser("config", help="配置：show 显示生效值及来源，check 校验配置文件")
    sub = config.add_subparsers(dest="config_command", required=True)
    for name, func, text in (("show", cmd_config_show, "每个配置项的生效值和来源"),
                             ("check", cmd_config_check, "校验本机配置和用户配置，出错时退出码 1")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                       help="命令行层的配置项（可重复）")
        p.set_defaults(func=func)
    p = sub.add_parser("set-machine", help="写入本机配置文件（MSI 安装时调用；值先经校验）")
    p.add_argument("assignments", nargs="*", metavar="KEY=VALUE", help="空值（KEY=）跳过")
    p.set_defaults(func=cmd_config_set_machine)
    diag = subparsers.add_parser("diagnostics", help="生成发给运维的诊断包（不含群众数据）")
    diag.add_argument("--out", required=True, type=Path, metavar="FILE.zip")
    diag.set_defaults(func=cmd_diagnostics)


def _resolve(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from clerk_app.paths import ProfilePaths
    from clerk_app.settings import resolve_settings

    paths = ProfilePaths.resolve(getattr(args, "data_dir", None))
    return paths, resolve_settings(paths.root / "settings.toml", overrides=getattr(args, "overrides", []))


def redact_url(value: str) -> str:
    """Keeps scheme, host and path; drops user:password and the query, where tokens travel."""
    parts = urlsplit(value)
    if not parts.netloc:
        return value
    host = parts.hostname or ""
    netloc = ("***@" if parts.username or parts.password else "") + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _settings_view(resolved) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from clerk_app.settings import declared_keys

    out = {}
    for key, decl in declared_keys().items():
        value = getattr(resolved.settings, decl.name)
        out[key] = {"value": redact_url(value) if isinstance(value, str) else value,
                    "origin": resolved.origins[key]}
    return out


def cmd_config_show(args: argparse.Namespace) -> int:
    _, resolved = _resolve(args)
    for layer, path in resolved.files:
        print(f"# {layer}：{path}{'' if path.is_file() else '（不存在）'}")
    for key, item in _settings_view(resolved).items():
        print(f"{key} = {json.dumps(item['value'], ensure_ascii=False)}    # {item['origin']}")
    return 0


def cmd_config_check(args: argparse.Namespace) -> int:
    _, resolved = _resolve(args)  # a bad file raises UserError: cli.main prints it and exits 1
    present = [f"{layer} {path}" for layer, path in resolved.files if path.is_file()]
    print("配置正确：" + ("；".join(present) if present else "未找到配置文件，全部使用默认值"))
    return 0


def _toml_value(value: Any) -> str:
    # JSON string escapes are valid TOML basic-string escapes; ints and bools print the same.
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, bool) else str(value).lower()


def cmd_config_set_machine(args: argparse.Namespace) -> int:
    import tomllib

    from clerk_app.settings import declared_keys, machine_config_path, resolve_settings

    path = machine_config_path()
    wanted = [a for a in args.assignments if a.partition("=")[2].strip()]
    resolve_settings(None, machine_file=path, overrides=wanted)  # refuses bad keys/values before writing
    current = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    decls = declared_keys()
    for text in wanted:
        key, _, raw = text.partition("=")
        decl = decls[key.strip()]
        value = resolve_settings(None, machine_file=path, overrides=[text]).settings
        section, _, name = decl.key.rpartition(".")
        (current.setdefault(section, {}) if section else current)[name] = getattr(value, decl.name)
    lines = [f"{k} = {_toml_value(v)}" for k, v in current.items() if not isinstance(v, dict)]
    for section, table in ((k, v) for k, v in current.items() if isinstance(v, dict)):
        lines += ["", f"[{section}]", *(f"{k} = {_toml_value(v)}" for k, v in table.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# 一窗受理工作台本机配置（docs/configuration.md）\n" + "\n".join(lines) + "\n", encoding="utf-8")
    resolve_settings(None, machine_file=path)
    print(f"已写入本机配置 {path}")
    return 0


def cmd_diagnostics(args: argparse.Namespace) -> int:
    from clerk_app.paths import ProfilePaths

    out = build_bundle(ProfilePaths.resolve(args.data_dir), args.out)
    print(f"诊断包已生成：{out}（不含数据库、附件和群众个人信息）")
    return 0


def _versions() -> dict[str, Any]:
    import platform  # here for start-up time: every clerk-app command imports this module for its parser
    import sqlite3
    from importlib import metadata

    from clerk_app import __version__

    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {"clerk_app": __version__, "python": sys.version, "platform": platform.platform(),
            "machine": platform.machine(), "frozen": bool(getattr(sys, "frozen", False)),
            "sqlite": sqlite3.sqlite_version, "packages": packages}


def _devices(settings) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    configured = {k: redact_url(v) if isinstance(v, str) else v for k, v in vars(settings.devices).items()}
    try:
        from serial.tools import list_ports

        ports = [{"device": p.device, "description": p.description, "hwid": p.hwid} for p in list_ports.comports()]
    except Exception as exc:  # noqa: BLE001 - the bundle reports what it could not read, it never fails on it
        ports = [{"error": f"{type(exc).__name__}: {exc}"}]
    return {"configured": configured, "serial_ports": ports}


def _profile_sizes(paths) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    # Sizes per top-level entry only: file names below attachments/ or documents/ may carry citizen names.
    if not paths.root.is_dir():
        return {"exists": False}
    sizes = {}
    for entry in sorted(paths.root.iterdir()):
        files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
        sizes[entry.name] = {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}
    return {"exists": True, "root": str(paths.root), "entries": sizes}


def build_bundle(paths, out: Path) -> Path:  # type: ignore[no-untyped-def]
    import zipfile  # here for start-up time: every clerk-app command imports this module for its parser

    from clerk_app.errors import UserError
    from clerk_app.logs import log_files
    from clerk_app.security.masking import scrub
    from clerk_app.settings import Settings, resolve_settings

    try:
        resolved = resolve_settings(paths.root / "settings.toml")
        config: dict[str, Any] = {"files": [{"layer": layer, "path": str(p), "exists": p.is_file()}
                                            for layer, p in resolved.files],
                                  "settings": _settings_view(resolved)}
        settings = resolved.settings
    except UserError as exc:  # a broken configuration is exactly what IT needs to see
        config, settings = {"error": exc.message}, Settings()
    out.parent.mkdir(parents=True, exist_ok=True)
    dump = lambda data: json.dumps(data, ensure_ascii=False, indent=2)  # noqa: E731
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("README.txt", f"一窗受理工作台诊断包 {datetime.now():%Y-%m-%d %H:%M:%S}\n"
                        "versions.json 版本；config.json 生效配置（已去除口令）；devices.json 设备；"
                        "profile.json 数据目录大小；logs/ 日志（身份证号、手机号已遮蔽）。\n")
        bundle.writestr("versions.json", dump(_versions()))
        bundle.writestr("config.json", dump(config))
        bundle.writestr("devices.json", dump(_devices(settings)))
        bundle.writestr("profile.json", dump(_profile_sizes(paths)))
        for log in log_files(paths):
            # The handlers already mask; scrubbing again covers lines written before the filter existed.
            text = log.read_bytes().decode("utf-8", errors="replace")
            bundle.writestr(f"logs/{log.name}", scrub(text))
    return out
