"""Upgrades of mutation payloads written by older clients; what cannot be upgraded is quarantined.

Each step takes a payload of version v and returns version v+1. Schema version 0 is the pre-release
counter build, whose ratings carried ``score`` where version 1 has ``level``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sync.protocol import MIN_SCHEMA_VERSION, SCHEMA_VERSION


class CannotUpgrade(Exception):
    pass


def _v0_to_v1(entity: str, data: dict[str, Any]) -> dict[str, Any]:
    if entity == "ratings" and "score" in data:
        data = dict(data)
        data["level"] = data.pop("score")
    return data


STEPS: dict[int, Callable[[str, dict[str, Any]], dict[str, Any]]] = {0: _v0_to_v1}


def upgrade(entity: str, data: dict[str, Any], version: int) -> dict[str, Any]:
    if version > SCHEMA_VERSION:
        raise CannotUpgrade(f"数据版本 {version} 比中心服务器支持的版本 {SCHEMA_VERSION} 新，请先升级中心服务器。")
    if version < MIN_SCHEMA_VERSION:
        raise CannotUpgrade(f"数据版本 {version} 过旧，中心服务器已无法自动转换，已隔离待人工处理。")
    while version < SCHEMA_VERSION:
        data = STEPS[version](entity, data)
        version += 1
    return data
