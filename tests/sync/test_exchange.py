"""The provincial exchange (issue 18 item 6) against the real center (SQLite and PostgreSQL) and a local
stand-in of the provincial interface that fails, times out, loses replies and rejects."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from province_standin import StandIn, stand_ins
from sqlalchemy import text

from sync.server.exchange import engine as ex
from sync.server.exchange.mapping import DEFAULT, MappingError, load, parse

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "catalogue" / "demo.toml"


def _publish_catalogue(center: Any) -> None:
    from sync.server import distribute
    from sync.server.db import writer

    with writer(center.engine) as conn:
        distribute.import_catalogue(conn, CATALOGUE.read_bytes(), "demo.toml", datetime.now())


def _center_with_cases(center: Any, counter_factory: Callable[..., Any], n: int) -> None:
    """Demo cases seeded on a counter of a pilot center and pushed: every one accepted by the center."""
    from sync_helpers import sync_until_quiet

    from clerk_app.services.demo import seed

    client = counter_factory("c1")
    seed(client.ctx, n, seed=3)
    sync_until_quiet([client])
    with center.engine.connect() as conn:
        reasons = conn.execute(text("SELECT reason, count(*) FROM quarantine GROUP BY reason")).all()
    assert client.status().quarantined == 0 and not reasons, reasons


def _expected_keys(center: Any) -> set[str]:
    with center.engine.connect() as conn:
        cases = {r.entity_id: json.loads(r.data) for r in conn.execute(text(
            "SELECT entity_id, data FROM records WHERE entity = 'cases' AND NOT deleted"))}
        ratings = [json.loads(r.data) for r in conn.execute(text(
            "SELECT data FROM records WHERE entity = 'ratings' AND NOT deleted"))]
    keys = {f"{c['number']}/{ex.STAGE_KEY[s]}" for c in cases.values() for s in ex.STAGES_BY_STATE[c["state"]]}
    keys |= {f"{cases[r['case_id']]['number']}/rating" for r in ratings
             if r.get("case_id") in cases and r.get("level") is not None}
    return keys


def _run(exchange: ex.Exchange, rounds: int = 400) -> ex.Totals:
    """Run the exchange until nothing more can go: nothing pending, or only events held behind a dead
    letter (retries are due after a few ms here)."""
    import time

    totals = ex.Totals()
    idle = 0
    for _ in range(rounds):
        got = asyncio.run(exchange.run(once=True))
        totals.queued += got.queued
        for name in ("sent", "delivered", "duplicates", "retried", "dead"):
            setattr(totals.results, name, getattr(totals.results, name) + getattr(got.results, name))
        if exchange.status()["pending"] == 0:
            return totals
        idle = idle + 1 if got.results.sent == 0 else 0
        if idle == 3:
            return totals
        time.sleep(0.02)
    raise AssertionError(f"exchange did not drain: {exchange.status()}")


@pytest.fixture
def standin() -> Any:
    with stand_ins(StandIn) as make:
        yield make


def test_shipped_mapping_is_valid_and_every_refusal_names_its_place(tmp_path: Path) -> None:
    mapping = load(DEFAULT)
    assert {i.item for i in mapping.items["case"]} >= {"办件编号", "事项编码", "办件环节", "申请人证件号码", "行政区划代码"}
    assert {i.item for i in mapping.items["rating"]} >= {"办件编号", "评价渠道", "评价时间", "满意度", "文字评价"}
    import tomllib

    good = tomllib.loads(DEFAULT.read_text(encoding="utf-8"))

    def broken(change: Callable[[dict[str, Any]], None]) -> str:
        data = json.loads(json.dumps(good))
        change(data)
        with pytest.raises(MappingError) as info:
            parse(data)
        return str(info.value)

    assert "来源" in broken(lambda d: d["case"]["items"][1].update(source="case.secret"))
    assert "case.number" in broken(lambda d: d["rating"]["items"].pop(0))
    assert "代码表" in broken(lambda d: d["case"]["items"][4].update(codes="nope"))
    assert "控制字符" in broken(lambda d: d["province"].update(name="示例\x1b[2J省"))
    assert "未知的键" in broken(lambda d: d["case"]["items"][0].update(colour="red"))
    assert "行政区划" in broken(lambda d: d["centers"].update(DEMO="37"))
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (300 * 1024))
    with pytest.raises(MappingError, match="过大"):
        load(big)
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    with pytest.raises(MappingError, match="TOML"):
        load(deep)


def test_every_stage_and_rating_reaches_the_province_once_through_failures(
        center: Any, counter_factory: Callable[..., Any], standin: Any) -> None:
    """20% of calls fail, 5% time out after being recorded, 5% lose their reply: each (case, stage) and each
    rating arrives exactly once by key, a case's stages in order, with the standard's items mapped."""
    _publish_catalogue(center)
    _center_with_cases(center, counter_factory, 40)
    app, url = standin(fail_rate=0.2, timeout_rate=0.05, lost_reply_rate=0.05, hang_s=0.6, seed=5)
    exchange = ex.Exchange(center.engine, load(DEFAULT), url, timeout=0.3, backoff_base=0.001, backoff_cap=0.01,
                           max_attempts=50)
    totals = _run(exchange)
    expected = _expected_keys(center)
    assert len(expected) > 80
    assert set(app.received) == {f"province/{k}" for k in expected}
    assert totals.results.dead == 0 and exchange.status()["delivered"] == len(expected)
    assert exchange.status()["pending"] == 0
    assert app.failures > 0 and app.timeouts > 0 and app.duplicates > 0  # the faults really happened
    # Resends of what the province had already recorded were answered "duplicate" and counted delivered
    # (a duplicate whose own reply was lost again is resent once more, so the province counts more).
    assert 0 < totals.results.duplicates <= app.duplicates
    # A case's stages arrive in the order they happened.
    rank = {s: i for i, s in enumerate(("apply", "accept", "handle", "finish"))}
    by_case: dict[str, list[int]] = {}
    for key in app.order:
        _t, number, stage = key.split("/")
        if stage in rank:
            by_case.setdefault(number, []).append(rank[stage])
    assert all(stages == sorted(stages) for stages in by_case.values())
    # The standard's items, from the center's records.
    with center.engine.connect() as conn:
        case = json.loads(conn.execute(text(
            "SELECT data FROM records WHERE entity = 'cases' AND data LIKE '%\"state\": \"archived\"%'")).first()[0])
        person = json.loads(conn.execute(text("SELECT data FROM records WHERE entity = 'applicants' AND entity_id = :i"),
                                         {"i": case["applicant_id"]}).scalar_one())
    got = app.received[f"province/{case['number']}/finish"]["payload"]
    assert got["projid"] == case["number"] and got["node"] == "04"
    assert got["task_code"] == f"11110108000000000X4{case['matter_code']}"  # from the mapping's [matter_codes]
    assert got["area_code"] == "370102" and got["cert_no"] == person["id_number"]
    assert got["applicant_name"] == person["name"]
    assert got["apply_time"] == datetime.fromisoformat(case["received_at"]).strftime("%Y-%m-%d %H:%M:%S")
    assert app.received[f"province/{case['number']}/apply"]["path"] == "/exchange/v1/case"
    rating_keys = [k for k in app.received if k.endswith("/rating")]
    assert rating_keys and all(app.received[k]["path"] == "/exchange/v1/evaluation" for k in rating_keys)
    assert all(1 <= app.received[k]["payload"]["alternate"] <= 5 for k in rating_keys)


def test_feeding_again_queues_nothing_new(center: Any, counter_factory: Callable[..., Any]) -> None:
    _center_with_cases(center, counter_factory, 10)
    exchange = ex.Exchange(center.engine, load(DEFAULT), "http://127.0.0.1:9")
    first = exchange.feed()
    assert first == len(_expected_keys(center))
    with center.engine.begin() as conn:  # as after a crash between queueing and moving the cursor
        conn.execute(text("UPDATE exchange_cursors SET cursor = 0"))
    exchange.feed()
    assert exchange.status()["pending"] == first


def test_dead_letters_wait_for_the_admin_and_hold_the_case_back(
        center: Any, counter_factory: Callable[..., Any], standin: Any, tmp_path: Path) -> None:
    """No 实施编码 (a mapping without [matter_codes], no catalogue at the center) and a record the province
    rejects: both go to the dead-letter list with a reason free of citizen data; the case's later stages
    wait; after the admin fixes the cause and retries from the CLI, everything is delivered."""
    import tomllib

    _center_with_cases(center, counter_factory, 12)
    data = tomllib.loads(DEFAULT.read_text(encoding="utf-8"))
    data["matter_codes"] = {}
    rejected: set[str] = set()

    def reject(payload: dict[str, Any]) -> str | None:
        return "环节时间格式错误" if payload["projid"] in rejected else None

    app, url = standin(reject_if=reject)
    exchange = ex.Exchange(center.engine, parse(data), url, timeout=2, backoff_base=0.001, backoff_cap=0.01)
    _run(exchange)
    dead = ex.dead_letters(center.engine, "province", 1000)
    assert dead and all("实施编码" in d["last_error"] for d in dead)
    assert not [k for k in app.received if not k.endswith("/rating")]  # no case stage went without its code
    with center.engine.connect() as conn:
        names = [json.loads(d)["name"] for d in conn.execute(text(
            "SELECT data FROM records WHERE entity = 'applicants'")).scalars()]
    listing = json.dumps(dead, ensure_ascii=False)
    assert not any(name in listing for name in names)
    # Only the first stage of each case was tried: the later ones wait behind it.
    assert all(d["key"].endswith(("/apply", "/rating")) for d in dead)

    exchange.mapping = load(DEFAULT)  # IT adds the 实施编码
    number = dead[0]["key"].split("/")[0]
    rejected.add(number)
    db = str(center.engine.url.render_as_string(hide_password=False))
    env_db = db.replace("postgresql+psycopg://", "postgresql://") if db.startswith("postgresql") else db
    out = subprocess.run([sys.executable, "-m", "sync.server", "--db", env_db, "exchange", "retry", "--all"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "已放回队列" in out.stdout
    _run(exchange)
    dead = ex.dead_letters(center.engine, "province", 1000)
    assert [d["key"] for d in dead] == [f"{number}/apply"]
    assert "省平台拒收（HTTP 400）：" in dead[0]["last_error"] and "环节时间格式错误" in dead[0]["last_error"]
    held = exchange.status()["pending"]
    assert held == sum(1 for k in _expected_keys(center) if k.startswith(f"{number}/")) - 1  # its rating too
    assert not [k for k in app.received if k.startswith(f"province/{number}/")]
    rejected.clear()
    ex.retry_dead(center.engine, "province", [d["id"] for d in dead], datetime.now())
    _run(exchange)
    assert ex.dead_letters(center.engine, "province") == [] and exchange.status()["pending"] == 0
    assert set(app.received) == {f"province/{k}" for k in _expected_keys(center)}


def test_a_hanging_province_holds_no_lock_the_counters_wait_for(
        center: Any, counter_factory: Callable[..., Any], standin: Any) -> None:
    """While every call to the province hangs, the exchange holds no transaction: a counter's writer
    lock is free at once (no wait allowed), and the counter's own sync goes through."""
    import threading

    from sync_helpers import sync_until_quiet, write_applicants

    _publish_catalogue(center)
    _center_with_cases(center, counter_factory, 5)
    hold = threading.Event()
    hold.set()
    app, url = standin(hold=hold)
    exchange = ex.Exchange(center.engine, load(DEFAULT), url, timeout=30)
    runner = threading.Thread(target=lambda: asyncio.run(exchange.run(once=True)), daemon=True)
    runner.start()
    for _ in range(500):
        if app.in_flight >= 5:
            break
        threading.Event().wait(0.02)
    assert app.in_flight >= 5
    raw = center.engine.raw_connection()  # no waiting allowed: a held lock fails at once
    try:
        cur = raw.cursor()
        if center.engine.dialect.name == "postgresql":
            cur.execute("SELECT value FROM counters WHERE name = 'change_seq' FOR UPDATE NOWAIT")
            cur.execute("SELECT seq FROM center_feeds FOR UPDATE NOWAIT")  # every center's feed is free
            raw.rollback()
        else:
            cur.execute("PRAGMA busy_timeout = 0")
            cur.execute("BEGIN IMMEDIATE")
            cur.execute("ROLLBACK")
            cur.execute("PRAGMA busy_timeout = 60000")
    finally:
        raw.close()
    client = counter_factory("c2")
    write_applicants(client.store, 2)
    assert sync_until_quiet([client], rounds=20) <= 20
    assert client.status().pending == 0 and app.in_flight >= 5  # the province still hangs meanwhile
    hold.clear()
    runner.join(60)
    assert not runner.is_alive()


def test_the_exchange_refuses_plain_http_to_a_province_off_this_machine(tmp_path: Path) -> None:
    """Citizen data would cross the network in clear: refused before any connection, in one sentence."""
    db = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    out = subprocess.run([sys.executable, "-m", "sync.server", "--db", db, "exchange", "run", "--once",
                          "--url", "http://province.invalid/api"], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert out.returncode == 1 and "https://" in out.stderr and "Traceback" not in out.stderr
