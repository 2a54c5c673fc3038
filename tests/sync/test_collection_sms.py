"""The 领取通知 SMS (seed 001 §5.1.3 提醒申请人领取办件结果) sent by the real center (SQLite and PostgreSQL)
through the exchange's durable queue to a local stand-in SMS gateway that fails, times out and refuses:
each waiting result is texted once per case, dead letters wait for the admin, and no phone number reaches
a log, a dead letter or the admin's listing."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from province_standin import stand_ins
from sms_gateway_standin import SmsGateway
from sqlalchemy import select, text

from clerk_app.domain.collection import is_mobile
from sync.server.exchange import engine as ex
from sync.server.exchange import sms
from sync.server.exchange.tables import exchange_outbox

SENDERS = {"DEMO": sms.Sender("海淀政务服务中心", "一楼综合出件窗口", "工作日 9:00-17:00", "010-12345")}


@pytest.fixture
def gateway() -> Any:
    with stand_ins(SmsGateway) as make:
        yield make


def _center_with_results(center: Any, counter_factory: Callable[..., Any], n: int) -> None:
    from sync_helpers import sync_until_quiet

    from clerk_app.services.demo import seed

    client = counter_factory("c1")
    seed(client.ctx, n, seed=3)
    sync_until_quiet([client])
    assert client.status().quarantined == 0


def _waiting(center: Any) -> dict[str, str]:
    """Case number → applicant phone of every result the center holds waiting at the window."""
    with center.engine.connect() as conn:
        cases = [json.loads(d) for d in conn.execute(text(
            "SELECT data FROM records WHERE entity = 'cases' AND NOT deleted")).scalars()]
        people = {r.entity_id: json.loads(r.data) for r in conn.execute(text(
            "SELECT entity_id, data FROM records WHERE entity = 'applicants'"))}
    return {c["number"]: people[c["applicant_id"]].get("phone", "") for c in cases
            if c["state"] == "result_ready" and c.get("delivery_mode") not in ("post", "electronic")
            and people[c["applicant_id"]].get("phone")}


def _run(sender: sms.SmsSender, rounds: int = 400) -> ex.Totals:
    totals = ex.Totals()
    idle = 0
    for _ in range(rounds):
        got = asyncio.run(sender.run(once=True))
        for name in ("sent", "delivered", "duplicates", "retried", "dead"):
            setattr(totals.results, name, getattr(totals.results, name) + getattr(got.results, name))
        if sender.status()["pending"] == 0:
            return totals
        idle = idle + 1 if got.results.sent == 0 else 0
        if idle == 3:
            return totals
        time.sleep(0.02)
    raise AssertionError(f"sms did not drain: {sender.status()}")


def test_seed_001_5_1_3_each_waiting_result_is_texted_once_through_failures(
        center: Any, counter_factory: Callable[..., Any], gateway: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    _center_with_results(center, counter_factory, 60)
    waiting = _waiting(center)
    mobile = {n: p for n, p in waiting.items() if is_mobile(p)}
    assert len(mobile) >= 3, waiting
    app, url = gateway(fail_rate=0.2, timeout_rate=0.1, hang_s=0.6, seed=4, plan=["timeout", "fail", "timeout"])
    sender = sms.SmsSender(center.engine, SENDERS, url, timeout=0.3, backoff_base=0.001, backoff_cap=0.01,
                           max_attempts=60, token="gateway-token")
    totals = _run(sender)
    assert set(app.received) == {f"sms/{n}/collect_sms" for n in mobile}
    assert app.failures > 0 and app.timeouts > 0 and app.duplicates > 0  # the faults really happened
    for number, phone in mobile.items():
        got = app.received[f"sms/{number}/collect_sms"]
        assert got["path"] == "/sms" and got["auth"] == "Bearer gateway-token"
        assert got["payload"]["phone"] == phone and got["payload"]["ref"] == f"{number}/collect_sms"
        message = got["payload"]["text"]
        assert message.startswith("【海淀政务服务中心】") and number in message and "领取" in message
    assert totals.results.dead == len(waiting) - len(mobile)  # a landline cannot be texted: for the admin
    assert sender.status()["pending"] == 0
    # Fed again from the start of the change log (as after a crash before the cursor moved): nothing new.
    with center.engine.begin() as conn:
        conn.execute(text("UPDATE exchange_cursors SET cursor = 0 WHERE target = 'sms'"))
    queue = ("pending", "delivered", "dead")
    before = [sender.status()[k] for k in queue]
    sender.feed()
    assert [sender.status()[k] for k in queue] == before  # the unique key: nothing queued twice
    _run(sender)
    assert len(app.received) == len(mobile)
    # The provincial exchange's own queue is untouched by the SMS target.
    assert ex.dead_letters(center.engine, "province") == []
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert logged and not [p for p in waiting.values() if p in logged]


def test_dead_letters_carry_no_phone_and_go_out_after_the_admins_retry(
        center: Any, counter_factory: Callable[..., Any], gateway: Any, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from sync.server import cli

    _center_with_results(center, counter_factory, 60)
    mobile = {n: p for n, p in _waiting(center).items() if is_mobile(p)}
    assert mobile
    app, url = gateway()
    sender = sms.SmsSender(center.engine, {}, url, timeout=2, backoff_base=0.001, backoff_cap=0.01)
    _run(sender)  # the center's SMS settings are missing: every message is a dead letter, nothing is sent
    dead = ex.dead_letters(center.engine, sms.TARGET, 1000)
    assert len(dead) >= len(mobile) and all("没有短信设置" in d["last_error"] for d in dead)
    assert app.calls == 0
    url_db = center.engine.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert cli.main(["--db", url_db, "sms", "dead"]) == 0
    listing = capsys.readouterr().out
    assert listing.count("collect_sms") == len(dead)
    assert not [p for p in mobile.values() if p in listing]

    refused = sorted(mobile)[0]
    app.refuse.add(mobile[refused])
    sender.mapping = sms.SmsMapping(SENDERS)  # IT adds the settings
    assert cli.main(["--db", url_db, "sms", "retry", "--all"]) == 0
    assert "已放回队列" in capsys.readouterr().out
    _run(sender)
    dead = ex.dead_letters(center.engine, sms.TARGET, 1000)
    same_phone = {n for n, p in mobile.items() if p == mobile[refused]}  # one applicant, several results
    assert {d["key"] for d in dead} == {f"{n}/collect_sms" for n in same_phone}
    assert {d["last_error"] for d in dead} == {"短信网关拒收（HTTP 400）：{\"message\": \"号码 *** 已停机\"}"}
    assert mobile[refused] not in json.dumps(dead, ensure_ascii=False)
    assert set(app.received) == {f"sms/{n}/collect_sms" for n in mobile if n not in same_phone}
    app.refuse.clear()  # the applicant's number works again
    ex.retry_dead(center.engine, sms.TARGET, [d["id"] for d in dead], datetime.now())
    _run(sender)
    assert {f"sms/{n}/collect_sms" for n in mobile} == set(app.received)
    with center.engine.connect() as conn:
        audited = conn.execute(text("SELECT command FROM admin_audit ORDER BY id")).scalars().all()
    assert "sms retry" in audited


def _collect(center: Any, number: str) -> None:
    """The result is handed over (as a later push of the case would record it at the center)."""
    with center.engine.begin() as conn:
        row = conn.execute(text("SELECT entity_id, data FROM records WHERE entity = 'cases' AND data LIKE :n"),
                           {"n": f"%\"{number}\"%"}).one()
        data = {**json.loads(row.data), "state": "delivered"}
        conn.execute(text("UPDATE records SET data = :d WHERE entity = 'cases' AND entity_id = :i"),
                     {"d": json.dumps(data, ensure_ascii=False), "i": row.entity_id})


def test_only_a_result_still_waiting_is_texted(center: Any, counter_factory: Callable[..., Any], gateway: Any) -> None:
    """A change log read late (a first run) must not text a result collected since, nor may a message that
    waited in the queue while the result was collected: the case as it is now counts. The queue rows take
    the sender's (fixed) clock."""
    _center_with_results(center, counter_factory, 60)
    waiting = {n: p for n, p in _waiting(center).items() if is_mobile(p)}
    assert len(waiting) >= 2
    first, second = sorted(waiting)[:2]
    _collect(center, first)
    fixed = datetime(2026, 3, 20, 9, 30)
    app, url = gateway()
    sender = sms.SmsSender(center.engine, SENDERS, url, clock=lambda: fixed)
    assert sender.feed() == len(_waiting(center))
    with center.engine.connect() as conn:
        o = exchange_outbox
        rows = conn.execute(select(o.c.key, o.c.created_at, o.c.next_at).where(o.c.target == "sms")).all()
    assert f"{first}/collect_sms" not in {r.key for r in rows}
    assert {(r.created_at, r.next_at) for r in rows} == {(fixed, fixed)}
    _collect(center, second)  # collected while its SMS waited (the gateway was down)
    asyncio.run(sender.run(once=True))
    assert f"sms/{second}/collect_sms" not in app.received and f"sms/{first}/collect_sms" not in app.received
    dead = {d["key"]: d["last_error"] for d in ex.dead_letters(center.engine, sms.TARGET)}
    assert dead[f"{second}/collect_sms"] == sms.NO_LONGER_WAITING
    assert {f"sms/{n}/collect_sms" for n in waiting if n not in (first, second)} <= set(app.received)


def test_senders_file_refusals_name_the_place_and_plain_http_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sync.server import cli

    good = tmp_path / "sms.toml"
    good.write_text('[centers.DEMO]\nname = "海淀政务服务中心"\nplace = "一楼出件窗口"\nhours = "9:00-17:00"\n',
                    encoding="utf-8")
    assert sms.load_senders(good)["DEMO"].place == "一楼出件窗口"
    for body, words in [('[centers.DEMO]\nname = "x"\n', "须有 name"), ('[centers.DEMO]\nname="x"\nplace="y"\nurl="z"\n',
                        "不认识“url”"), ('[other]\n', "不认识“other”"), ('[centers.DEMO]\nname="a\\u0007"\nplace="y"\n',
                        "控制字符"), ("name = ", "TOML")]:
        bad = tmp_path / "bad.toml"
        bad.write_text(body, encoding="utf-8")
        with pytest.raises(sms.SendersError, match=words):
            sms.load_senders(bad)
    capsys.readouterr()
    rc = cli.main(["--db", f"sqlite:///{tmp_path / 'c.sqlite3'}", "sms", "run", "--url", "http://gateway.example",
                   "--senders", str(good), "--once"])
    assert rc == 1 and "https://" in capsys.readouterr().err
