"""The UI's tables for ID-number, device and sync messages stay in step with the layers that raise them.

A message reworded (or added) in the domain, a device adapter or the sync client would silently
stay Chinese in the English UI; these tests fail instead."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from clerk_app.devices import base as device_base
from clerk_app.devices.id_reader import protocol
from clerk_app.devices.printer import status as printer_status
from clerk_app.devices.printer.status import PrinterCondition
from clerk_app.domain import id_numbers
from clerk_app.domain.id_numbers import IdKind
from clerk_app.ui import labels
from sync.client import distribution

ROOT = Path(__file__).parents[2]
SOURCES = {
    "DeviceMessages": sorted(p for p in (ROOT / "clerk_app/devices").rglob("*.py") if p.name != "cli.py"),
    "SyncMessages": [*sorted((ROOT / "sync/client").glob("*.py")), ROOT / "clerk_app/transport.py"],
}
# The exception and status types whose first argument is a sentence for the clerk.
RAISED_BY = {"DomainError", "UserError", "DeviceError", "DeviceTimeout", "SyncError", "DeviceRevoked", "DeviceStatus"}
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # with the full-width punctuation
HOLE = "{}"


def _text(node: ast.AST) -> str | None:
    """A string literal as written, f-string holes as ``{}`` (adjacent literals already joined by the parser)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else HOLE for v in node.values)
    return None


def _strings(node: ast.AST) -> Iterator[str]:
    """The Chinese string literals under ``node``: an f-string whole (not its pieces), and the
    literals inside its holes (``{result.get('error') or '超时未返回图像'}``) on their own."""
    text = _text(node)
    if text is not None:
        if CJK.search(text):
            yield text
        if isinstance(node, ast.JoinedStr):
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    yield from _strings(value.value)
        return
    for child in ast.iter_child_nodes(node):
        yield from _strings(child)


def _literals(paths: list[Path]) -> Iterator[str]:
    for path in paths:
        yield from _strings(ast.parse(path.read_text("utf-8")))


def _raised(paths: list[Path]) -> Iterator[str]:
    """Every Chinese literal inside the message argument of a RAISED_BY call (an ``a or f"…"`` and a
    ``_message(r, "注册失败")`` included)."""
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name not in RAISED_BY:
                continue
            args = [a for a in node.args if not isinstance(a, ast.Starred)] + [
                k.value for k in node.keywords if k.arg == "message"]
            for arg in args:
                yield from _strings(arg)


def _as_regex(source: str) -> re.Pattern[str]:
    parts = re.split(r"%[1-9]", source)
    return re.compile(re.escape(HOLE).join(re.escape(p) for p in parts))


def test_every_pattern_is_a_message_its_layer_has() -> None:
    for context, sources in labels.FAMILIES[1:]:
        written = set(_literals(SOURCES[context]))
        for source in sources:
            assert any(_as_regex(source).fullmatch(w) for w in written), (context, source)


def test_every_message_raised_has_a_pattern() -> None:
    sources = {s for _context, family in labels.FAMILIES for s in family}
    keyed = set(labels._by_source())
    for context in SOURCES:
        for text in _raised(SOURCES[context]):
            sample = text.replace(HOLE, "7")
            if sample in keyed:
                continue
            assert any(_as_regex(s).fullmatch(text) for s in sources), (context, text)


def test_keyed_tables_are_the_lower_layers_own_texts() -> None:
    assert labels.TABLES[IdKind][1] == id_numbers.KIND_LABELS
    assert labels.TABLES[PrinterCondition][1] == printer_status.MESSAGES
    assert labels.DEVICE_KINDS[1] == device_base.KIND_LABELS
    assert labels.READER_CODES[1] == protocol.SW3_MESSAGES
    assert labels.SYNC_ITEMS[1] == distribution.LABELS


def test_chinese_ui_leaves_device_id_and_sync_messages_untouched(qapp) -> None:  # type: ignore[no-untyped-def]
    for text in ("证件号码第 18 位“Y”不对：最后一位只能是数字或 X。",
                 "无法打开设备端口 COM3：请检查设备电源和数据线是否插好，或在设置中核对端口。",
                 printer_status.MESSAGES[PrinterCondition.PAPER_OUT],
                 "中心拒绝了本机的同步请求（HTTP 403）。"):
        assert labels.message(text) == text
    assert labels.device_kind("camera") == "高拍仪" and labels.device_kind("scanner") == "scanner"
