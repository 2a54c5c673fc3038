"""Typed settings, each key declared once (type, default, check, description), read in layers:
defaults < machine file (IT) < user file (the profile's ``settings.toml``) < command line.
A bad value is refused with a Chinese message naming the key and the file (or the command line).

Public API: ``Settings``, ``load_settings``, ``resolve_settings``, ``Resolved``,
``machine_config_path``, ``declared_keys``, ``MACHINE_CONFIG_ENV``. Docs: docs/configuration.md.
"""

from __future__ import annotations

import codecs
import os
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from clerk_app.devices.config import DeviceConfig
from clerk_app.domain.complaints import COMPLEX_WORKING_DAYS
from clerk_app.domain.text import visible
from clerk_app.errors import UserError
from clerk_app.fsutil import FileTooLarge, loads_toml, read_capped
from clerk_app.messages import Text
from clerk_app.security.idle import MAX_MINUTES, MIN_MINUTES

MACHINE_CONFIG_ENV = "CLERK_APP_MACHINE_CONFIG"
MAX_SETTINGS_BYTES = 256 * 1024  # a full file is about 2 KB
DEVICES = "devices"
Check = Callable[[Any], str | None]  # returns why the value is refused (a Text), or None


def _range(low: int, high: int) -> Check:
    return lambda v: None if low <= v <= high else Text("settings.why_range", low=low, high=high)


def _code(v: str) -> str | None:
    # Case numbers <center>-<window>-<date>-<seq> are exchanged with the center: ASCII only.
    return None if v and v.isascii() and v.isalnum() else Text("settings.why_code")


def _windows(v: str) -> str | None:
    bad = [w for w in (x.strip() for x in v.split(",")) if w and not w.isalnum()]
    return Text("settings.why_windows", windows=bad) if bad else None


def _not_empty(v: str) -> str | None:
    return None if v.strip() else Text("settings.why_empty")


def _http_url(v: str) -> str | None:
    if not v:
        return None
    parts = urlsplit(v)
    return None if parts.scheme in ("http", "https") and parts.netloc else Text("settings.why_http_url")


def _center_url(v: str) -> str | None:
    """The center carries enrolment codes, tokens and citizen data: plain http only on loopback."""
    from clerk_app.transport import plain_http_refusal

    if why := _http_url(v):
        return why
    if refusal := plain_http_refusal(v):
        return Text("settings.why_insecure", url=refusal.params["url"])
    return None


def _device_url(v: str) -> str | None:
    return None if v.strip() and not any(c.isspace() for c in v) else Text("settings.why_device_url")


def _encoding(v: str) -> str | None:
    try:
        codecs.lookup(v)
    except LookupError:
        return Text("settings.why_encoding")
    return None


def _one_of(*allowed: Any) -> Check:
    return lambda v: None if v in allowed else Text("settings.why_one_of", allowed=[str(a) for a in allowed])


def _sessions(v: str) -> str | None:
    from clerk_app.domain.hours import parse_sessions
    from clerk_app.errors import DomainError

    try:
        parse_sessions(v)
    except DomainError as exc:
        return exc.message
    return None


def _public_key(v: str) -> str | None:
    import base64
    import binascii

    if not v:
        return None
    try:
        ok = len(base64.b64decode(v, validate=True)) == 32
    except (binascii.Error, ValueError):
        ok = False
    return None if ok else Text("settings.why_public_key")


def _key(default: Any, doc: str, check: Check | None = None, *, section: str | None = None,
         machine_only: bool = False) -> Any:
    return field(default=default, metadata={"doc": doc, "check": check, "section": section,
                                            "machine_only": machine_only})


@dataclass(frozen=True)
class Settings:
    center_code: str = _key("DEMO", "中心编码（办件编号前缀）", _code)
    center_name: str = _key("演示区政务服务中心", "中心名称（窗口标题、报表抬头）", _not_empty)
    window: str = _key("01", "窗口号", _code)
    center_windows: str = _key("01,02,03,04,05,06", "本中心的窗口号（逗号分隔）：转窗口时从中选择", _windows)
    server_url: str = _key("", "中心服务器地址（同步、更新清单）；留空则仅本地使用；http:// 只允许本机回环地址",
                           _center_url)
    sync_ca_file: str = _key("", "校验中心服务器证书的 CA 文件（PEM）；留空则使用系统信任的证书")
    due_soon_working_days: int = _key(2, "距承诺期限不足多少个工作日算“即将到期”", _range(0, 30))
    catalogue_file: str = _key("", "事项目录文件；留空使用内置演示目录")
    language: str = _key("zh_CN", "界面语言", _one_of("zh_CN", "en"))
    idle_lock_minutes: int = _key(5, "无操作自动锁屏（分钟）", _range(MIN_MINUTES, MAX_MINUTES))
    offline_login_days: int = _key(7, "已注册到中心的本机超过多少天未同步成功即拒绝登录（信息技术人员除外）",
                                   _range(1, 90))
    retention_days: int = _key(90, "已办结且已上报的办件在本机保留的天数", _range(1, 3650))
    followup_contact_working_days: int = _key(1, "差评后回访联系时限（工作日）", _range(1, 30))
    followup_rectify_working_days: int = _key(5, "差评整改时限（工作日）", _range(1, 60))
    credit_bar_days: int = _key(365, "容缺承诺逾期未履行（失信）后多少天内不适用告知承诺和容缺受理；填 0 则不启用此限制",
                                _range(0, 3650))
    complaint_resolve_working_days: int = _key(COMPLEX_WORKING_DAYS, "复杂问题（办不成事、投诉）办结时限（工作日）", _range(1, 30))
    # seed 000 §3 工作时间 / §18 延时服务: "HH:MM-HH:MM" sessions, comma-separated (domain.hours)
    opening_hours: str = _key("09:00-12:00,13:00-17:00", "工作日对外服务时间", _sessions)
    extended_hours: str = _key("08:30-09:00,12:00-13:30,17:00-17:30", "工作日延时服务时间", _sessions)
    saturday_hours: str = _key("09:00-12:00,13:30-15:30", "周六对外服务时间（法定节假日除外；留空则周六不开放）",
                               _sessions)
    pickup_reminder_working_days: int = _key(5, "结果待领取超过多少个工作日列入出件台“超期未领取”", _range(1, 60))
    complaint_first_call_working_days: int = _key(1, "投诉首次回访核实时限（工作日，0 为当日）", _range(0, 5))
    update_manifest_url: str = _key("", "更新清单地址；留空则为 server_url 下的 /updates/manifest.json",
                                    _http_url, machine_only=True)
    update_public_key: str = _key("", "更新清单签名公钥（Ed25519，Base64）", _public_key, machine_only=True)
    id_reader: str = _key("sim:", "身份证阅读器地址", _device_url, section=DEVICES)
    printer: str = _key("sim:", "小票打印机地址", _device_url, section=DEVICES)
    camera: str = _key("sim:", "高拍仪地址", _device_url, section=DEVICES)
    evaluator: str = _key("sim:", "评价器地址", _device_url, section=DEVICES)
    printer_width_mm: int = _key(80, "小票纸宽（毫米）", _one_of(58, 80), section=DEVICES)
    printer_encoding: str = _key("gb18030", "小票打印机字符编码", _encoding, section=DEVICES)
    id_reader_baud: int = _key(115200, "身份证阅读器串口波特率", _one_of(9600, 19200, 38400, 57600, 115200),
                               section=DEVICES)
    evaluator_baud: int = _key(9600, "评价器串口波特率", _one_of(9600, 19200, 38400, 57600, 115200),
                               section=DEVICES)

    @property
    def devices(self) -> DeviceConfig:
        return DeviceConfig(**{f.name: getattr(self, f.name) for f in fields(DeviceConfig)})


@dataclass(frozen=True)
class Declared:
    key: str  # as written in the file: "window" or "devices.printer"
    name: str  # the Settings field
    type: type
    default: Any
    doc: str
    check: Check | None
    machine_only: bool


def declared_keys() -> dict[str, Declared]:
    out = {}
    for f in fields(Settings):
        section = f.metadata["section"]
        key = f"{section}.{f.name}" if section else f.name
        out[key] = Declared(key, f.name, type(f.default), f.default, f.metadata["doc"], f.metadata["check"],
                            f.metadata["machine_only"])
    return out


def machine_config_path() -> Path:
    """Where IT puts the machine-wide file; the installers write it there."""
    if env := os.environ.get(MACHINE_CONFIG_ENV):
        return Path(env)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "ClerkWorkbench" / "config.toml"
    return Path("/etc/clerk-workbench/config.toml")


MACHINE, USER, COMMAND_LINE, DEFAULT = "本机配置", "用户配置", "命令行", "默认值"


@dataclass(frozen=True)
class Resolved:
    settings: Settings
    origins: dict[str, str]  # declared key -> the layer that set it (with its file)
    files: tuple[tuple[str, Path], ...]  # (layer, path) in precedence order, present or not


def _bad(where: str, key: str, why: str) -> UserError:
    return UserError("settings.bad", where=where, key=key, why=why)


def _checked(decl: Declared, value: Any, where: str) -> Any:
    expected = decl.type
    if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
        kind = {str: Text("settings.type_text"), int: Text("settings.type_integer"),
                bool: Text("settings.type_bool")}.get(expected, expected.__name__)
        raise _bad(where, decl.key, Text("settings.why_type", kind=kind, value=repr(value)))
    if decl.check and (why := decl.check(value)):
        raise _bad(where, decl.key, Text("settings.why_value", value=repr(value), why=why))
    return value


def _read_file(path: Path, layer: str, decls: Mapping[str, Declared]) -> dict[str, Any]:
    try:
        data = loads_toml(read_capped(path, MAX_SETTINGS_BYTES).decode("utf-8"))
    except FileTooLarge:
        raise UserError("settings.file_too_large", path=path, limit_kb=MAX_SETTINGS_BYTES // 1024) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError("settings.bad_toml", path=path, reason=visible(str(exc))) from None
    except OSError as exc:
        raise UserError("settings.unreadable", path=path, reason=exc.strerror or exc) from None
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict) and key == DEVICES:
            flat.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    where = Text("settings.where_file", layer=layer, path=path)
    out = {}
    for key, value in flat.items():
        decl = decls.get(key)
        if decl is None:
            raise _bad(where, key, Text("settings.why_unknown"))
        if decl.machine_only and layer != MACHINE:
            raise _bad(where, key, Text("settings.why_machine_only", path=machine_config_path()))
        out[decl.name] = _checked(decl, value, where)
    return out


def _parse_override(text: str, decls: Mapping[str, Declared]) -> tuple[str, Any]:
    where = Text("settings.where_override", layer=COMMAND_LINE, text=text)
    key, sep, raw = text.partition("=")
    key = key.strip()
    decl = decls.get(key)
    if not sep or decl is None:
        raise _bad(where, key or text, Text("settings.why_bad_override"))
    value: Any = raw
    if decl.type is int:
        try:
            value = int(raw)
        except ValueError:
            value = raw
    elif decl.type is bool:
        value = {"true": True, "false": False}.get(raw.lower(), raw)
    return decl.name, _checked(decl, value, where)


def resolve_settings(user_file: Path | None, *, machine_file: Path | None = None,
                     overrides: Sequence[str] = ()) -> Resolved:
    decls = declared_keys()
    by_name = {d.name: d.key for d in decls.values()}
    machine = machine_file if machine_file is not None else machine_config_path()
    origins = {key: DEFAULT for key in decls}
    values: dict[str, Any] = {}
    for layer, path in ((MACHINE, machine), (USER, user_file)):
        if path is not None and path.is_file():
            layer_values = _read_file(path, layer, decls)
            values.update(layer_values)
            origins.update({by_name[n]: f"{layer} {path}" for n in layer_values})
    for text in overrides:
        name, value = _parse_override(text, decls)
        values[name] = value
        origins[by_name[name]] = COMMAND_LINE
    files = ((MACHINE, machine),) + (((USER, user_file),) if user_file is not None else ())
    return Resolved(replace(Settings(), **values), origins, files)


def load_settings(path: Path | None, *, machine_file: Path | None = None, overrides: Sequence[str] = ()) -> Settings:
    """``path`` is the user file (the profile's settings.toml); the machine file is found by itself."""
    return resolve_settings(path, machine_file=machine_file, overrides=overrides).settings
