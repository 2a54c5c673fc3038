"""The 领取通知 SMS (seed 001 §5.1.3 提醒申请人领取办件结果), sent by the center through an SMS gateway.

It is the provincial exchange's durable queue with another target (``sms``), not a second queue: a case
pushed by a counter reaching 待出件 (result ready, to be collected at the window) is fed from the change
log into ``exchange_outbox`` under the key ``<办件编号>/collect_sms`` — unique, so a case is texted once
however often it passes 待出件 — and delivered to the gateway with that key as ``Idempotency-Key``,
retried with backoff, dead-lettered for the admin (``clerk-center sms dead|retry``). The text is worded
by the domain's rule (``clerk_app.domain.collection.collection_sms``: no ID number, no address) at
delivery, from the center's SMS settings (``--senders`` file), so a fixed setting applies on retry.

Phone numbers are never logged and never kept in a dead letter's reason: the gateway's own refusal text
is kept with any run of digits masked.
"""

from __future__ import annotations

import asyncio
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Connection, Engine, select

from clerk_app.domain.collection import SMS_KEY, collection_sms, is_mobile
from clerk_app.domain.matters import parse_catalogue
from clerk_app.errors import DomainError
from sync.server.exchange.engine import Exchange, _load, _text_of
from sync.server.exchange.mapping import MappingError
from sync.server.schema import dist_items

TARGET = "sms"
KIND = "sms"
MAX_FILE = 64 * 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_DIGITS = re.compile(r"(?:\d[\s-]?){6,}\d")  # a phone number, however the gateway spaced it
# A result posted or issued electronically is not collected at the window: no 领取通知.
_NOT_COLLECTED_AT_WINDOW = ("post", "electronic")
# Kept as a dead letter so that the admin sees why nothing went; a retry checks again.
NO_LONGER_WAITING = "办件已不在待领取状态（已领取、改为邮寄或退回），短信未发送，无需处理。"


class SendersError(ValueError):
    """The SMS settings file is not usable; one Chinese sentence naming where."""


@dataclass(frozen=True)
class Sender:
    """What a center signs its SMS with and where its results are collected (a matter's own place wins)."""

    name: str
    place: str
    hours: str = ""
    phone: str = ""


def parse_senders(data: dict[str, Any]) -> dict[str, Sender]:
    """``[centers.CODE]`` with ``name``, ``place`` (required), ``hours``, ``phone``; nothing else."""
    if set(data) - {"centers"}:
        raise SendersError(f"短信设置文件只能有 [centers.中心代码] 段，不认识“{sorted(set(data) - {'centers'})[0][:40]}”。")
    centers = data.get("centers")
    if not isinstance(centers, dict) or not centers:
        raise SendersError("短信设置文件缺少 [centers.中心代码] 段。")
    out: dict[str, Sender] = {}
    for code, values in centers.items():
        where = f"[centers.{str(code)[:16]}]"
        if not isinstance(values, dict):
            raise SendersError(f"{where} 应为一段设置。")
        unknown = set(values) - {"name", "place", "hours", "phone"}
        if unknown:
            raise SendersError(f"{where} 不认识“{sorted(unknown)[0][:40]}”：只能有 name、place、hours、phone。")
        for key, value in values.items():
            if not isinstance(value, str) or len(value) > 100 or _CONTROL.search(value):
                raise SendersError(f"{where} 的 {key} 应为不超过 100 字、不含控制字符的文字。")
        if not values.get("name", "").strip() or not values.get("place", "").strip():
            raise SendersError(f"{where} 须有 name（短信署名）和 place（领取地点）。")
        out[str(code)] = Sender(values["name"].strip(), values["place"].strip(), values.get("hours", "").strip(),
                                values.get("phone", "").strip())
    return out


def load_senders(path: Path) -> dict[str, Sender]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SendersError(f"无法读取短信设置文件 {path}（{type(exc).__name__}）。") from None
    if len(raw) > MAX_FILE:
        raise SendersError(f"短信设置文件 {path} 过大（最多 {MAX_FILE // 1024} KB）。")
    try:
        return parse_senders(tomllib.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SendersError(f"短信设置文件 {path} 不是有效的 UTF-8 TOML（{type(exc).__name__}）。") from None


class SmsMapping:
    """What the exchange's delivery asks of a mapping: the endpoint and the body of one queued event."""

    def __init__(self, senders: dict[str, Sender], path: str = "/sms") -> None:
        self.senders = senders
        self.endpoints = {KIND: path}
        self.name = "领取通知短信"

    def build(self, kind: str, facts: dict[str, Any], places: dict[str, str]) -> dict[str, Any]:
        number = str(facts.get("case.number") or "")
        center = self.senders.get(str(facts.get("center.code") or ""))
        if center is None:
            raise MappingError(f"中心 {str(facts.get('center.code'))[:16]} 没有短信设置（--senders 文件的 "
                               "[centers.中心代码]）。")
        phone = str(facts.get("applicant.phone") or "")
        if not is_mobile(phone):
            raise MappingError("申请人的联系电话不是手机号码，不能发送短信：请电话通知领取。")
        try:
            text = collection_sms(center=center.name, matter=str(facts.get("case.matter_name") or ""),
                                  case_number=number, place=places.get(str(facts.get("case.matter_code")), "")
                                  or center.place, hours=center.hours, phone=center.phone)
        except DomainError as exc:
            raise MappingError(str(exc.message)) from None
        return {"phone": phone, "text": text, "ref": SMS_KEY.format(number=number)}


class SmsSender(Exchange):
    """The exchange's feed and delivery, for the 领取通知 SMS (see the module docstring)."""

    PEER = "短信网关"

    def __init__(self, engine: Engine, senders: dict[str, Sender], base_url: str, *, path: str = "/sms",
                 target: str = TARGET, **kw: Any) -> None:
        super().__init__(engine, SmsMapping(senders, path), base_url, target=target, **kw)  # type: ignore[arg-type]

    def _events(self, conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
        now = self.clock()
        seen = [(r.entity_id, json.loads(r.data), r.center_code) for r in rows if r.entity == "cases"]
        ready = [(i, d, c) for i, d, c in seen
                 if d.get("state") == "result_ready" and d.get("delivery_mode") not in _NOT_COLLECTED_AT_WINDOW]
        # The case as it is now: a change log read late (a first run) must not text a result since collected.
        current = _load(conn, "cases", {i for i, _d, _c in ready})
        ready = [(i, d, c) for i, d, c in ready if current.get(i, {}).get("state") == "result_ready"]
        applicants = _load(conn, "applicants", {d.get("applicant_id") for _i, d, _c in ready})
        out: list[dict[str, Any]] = []
        for _id, case, center in ready:
            number = str(case.get("number") or "")
            phone = str(applicants.get(str(case.get("applicant_id")), {}).get("phone") or "")
            if not number or not phone:
                continue  # no phone: the output desk's list of uncollected results reminds another way
            facts = {"case.id": _id, "case.number": number, "case.matter_code": case.get("matter_code"),
                     "case.matter_name": case.get("matter_name"), "center.code": center, "applicant.phone": phone}
            out.append(self._row(KIND, SMS_KEY.format(number=number), number, facts, now))
        return out

    async def _send(self, client: httpx.AsyncClient, row: Any, places: dict[str, str]) -> dict[str, Any]:
        """A result collected (or posted) while its SMS waited in the queue — the gateway was down for
        hours — is not texted any more."""
        case_id = str(json.loads(row.facts).get("case.id") or "")
        state = await asyncio.to_thread(self._state_now, case_id)
        if state is not None and state != "result_ready":
            return {"b_id": row.id, "attempts": row.attempts + 1, "next_at": self.clock(), "delivered_at": None,
                    "_dup": 0, "status": "dead", "last_error": NO_LONGER_WAITING}
        return await super()._send(client, row, places)

    def _state_now(self, case_id: str) -> str | None:
        if not case_id:
            return None
        with self.engine.connect() as conn:
            case = _load(conn, "cases", [case_id]).get(case_id)
        return None if case is None else str(case.get("state"))

    def _task_codes(self) -> dict[str, str]:
        """The pickup place of each matter in the catalogues the center distributes (its own place wins
        over the center's)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(dist_items.c.data).where(dist_items.c.kind == "catalogue")
                                .order_by(dist_items.c.center_code)).scalars().all()
        places: dict[str, str] = {}
        for raw in rows:
            try:
                cat = parse_catalogue(tomllib.loads(json.loads(raw)["toml"]), "中心事项目录")
            except Exception:  # noqa: BLE001 - a distributed catalogue was validated on import; never stop on it
                continue
            places.update({m.code: m.place for m in cat.matters if m.place})
        return places

    def _reason(self, r: httpx.Response) -> str:
        # A gateway may echo the number it refused: kept as *** (phone numbers never in logs or dead letters).
        return _DIGITS.sub("***", _text_of(r))
