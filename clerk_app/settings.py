"""Typed settings with defaults; a profile's ``settings.toml`` overrides them. Each key is declared
once here; a bad value is refused with a message naming the key and the file.
(The machine-wide file and command-line layers belong to the deployment work.)"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from clerk_app.errors import UserError


@dataclass(frozen=True)
class Settings:
    center_code: str = "DEMO"
    center_name: str = "演示区政务服务中心"
    window: str = "01"
    due_soon_working_days: int = 2
    catalogue_file: str = ""  # empty: the demo catalogue shipped in resources/
    language: str = "zh_CN"
    idle_lock_minutes: int = 5


def load_settings(path: Path) -> Settings:
    settings = Settings()
    if not path.exists():
        return settings
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"配置文件 {path} 格式错误：{exc}。") from exc
    known = {f.name: f for f in fields(Settings)}
    values = {}
    for key, value in data.items():
        if key not in known:
            raise UserError(f"配置文件 {path} 中的配置项“{key}”不存在。")
        expected = type(getattr(settings, key))
        if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
            raise UserError(f"配置文件 {path} 中的配置项“{key}”类型不对：应为 {expected.__name__}。")
        values[key] = value
    settings = replace(settings, **values)
    if not settings.window.isalnum() or not settings.center_code.isalnum():
        raise UserError(f"配置文件 {path} 中的 center_code / window 只能包含字母和数字。")
    return settings
