"""schemathesis against the center server's own OpenAPI, served by the real server on 127.0.0.1.

Every operation gets generated inputs twice: as generated (the Authorization header is arbitrary text,
so the refusal path is fuzzed) and with a valid device or admin token (so the handlers behind the
token are reached). For any input: no 5xx, the status code is documented, the body matches its
schema. Separately, every operation that takes a token refuses a request without one.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Bounded so the whole module runs in well under a minute in CI (about 11 operations).
EXAMPLES = 40


@dataclass
class RunningCenter:
    url: str
    device_token: str
    admin_token: str
    device_id: str


@pytest.fixture(scope="module")
def running_center(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCenter]:
    import uvicorn

    from sync.server import auth
    from sync.server.app import create_app
    from sync.server.db import make_engine, migrate, writer

    folder: Path = tmp_path_factory.mktemp("center")
    engine = make_engine(f"sqlite:///{folder / 'center.sqlite3'}")
    migrate(engine)
    server = uvicorn.Server(uvicorn.Config(create_app(engine=engine), host="127.0.0.1", port=0,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "center server did not start"
        time.sleep(0.02)
    url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    with writer(engine) as conn:
        code = auth.new_enrol_code(conn, "DEMO", "01", datetime.now())
        admin = auth.new_admin_token(conn, "fuzz", datetime.now())
    enrolled = httpx.post(f"{url}/v1/enroll", json={"code": code, "device_name": "fuzz"}).json()
    access = httpx.post(f"{url}/v1/token", json={"device_id": enrolled["device_id"],
                                                 "refresh_token": enrolled["refresh_token"]}).json()
    try:
        yield RunningCenter(url, access["access_token"], admin, enrolled["device_id"])
    finally:
        server.should_exit = True
        thread.join(10)
        engine.dispose()


@pytest.fixture(scope="module")
def center_schema(running_center: RunningCenter) -> Any:
    return schemathesis.openapi.from_url(f"{running_center.url}/openapi.json")


def _operation_labels() -> list[str]:
    """Known at collection time from the app's own OpenAPI (no server needed to build it)."""
    from sqlalchemy import create_engine

    from sync.server.app import create_app

    spec = create_app(engine=create_engine("sqlite://"), blob_dir="unused-blobs").openapi()  # nothing is written
    return [f"{m.upper()} {path}" for path, ops in spec["paths"].items() for m in ops]


def _token_for(path: str, center: RunningCenter) -> str:
    return center.admin_token if path in ("/v1/stats", "/v1/conflicts") else center.device_token


def _takes_token(op: Any) -> bool:
    return any(p.name.lower() == "authorization" for p in op.headers)


# schemathesis' own pytest integration (from_fixture) does not run under pytest 9, so its Hypothesis
# strategies are driven directly: same generation, same checks.
@pytest.mark.parametrize("label", _operation_labels())
def test_generated_requests_never_break_the_center(label: str, center_schema: Any,
                                                   running_center: RunningCenter) -> None:
    [op] = [r.ok() for r in center_schema.get_all_operations() if r.ok().label == label]
    token = {"authorization": f"Bearer {_token_for(op.path, running_center)}"}

    @given(case=op.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: Any) -> None:
        case.call_and_validate(checks=CHECKS, base_url=running_center.url)
        if _takes_token(op):
            case.headers = {**(case.headers or {}), **token}
            case.call_and_validate(checks=CHECKS, base_url=running_center.url)

    run()


def test_every_operation_that_takes_a_token_refuses_without_one(center_schema: Any,
                                                               running_center: RunningCenter) -> None:
    guarded = []
    for result in center_schema.get_all_operations():
        op = result.ok()
        if not _takes_token(op):
            continue
        guarded.append(op.path)
        path = op.path.replace("{sha}", "0" * 64)
        for headers in ({}, {"Authorization": "Bearer forged.token"},
                        {"Authorization": f"Bearer {running_center.admin_token}"}
                        if path not in ("/v1/stats", "/v1/conflicts") else {"Authorization": "Bearer adm_forged"}):
            r = httpx.request(op.method.upper(), f"{running_center.url}{path}", headers=headers,
                              params={"offset": 0, "size": 1}, json={})
            assert r.status_code in (401, 403), (op.method, path, headers, r.status_code, r.text)
            assert r.json()["detail"]["code"] in ("token_invalid", "admin_required"), r.text
    assert set(guarded) >= {"/v1/push", "/v1/pull", "/v1/blobs/{sha}", "/v1/stats", "/v1/conflicts"}


json_bodies = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=25)


@pytest.mark.parametrize("path", ["/v1/enroll", "/v1/token", "/v1/push"])
def test_garbage_json_is_a_422_in_chinese_never_a_500(path: str, running_center: RunningCenter) -> None:
    """The protocol models over HTTP: arbitrary JSON (lone surrogates included) -> 4xx with a message."""
    headers = {"Authorization": f"Bearer {running_center.device_token}", "Content-Type": "application/json"}
    with httpx.Client(base_url=running_center.url, headers=headers) as client:

        @given(body=json_bodies | st.fixed_dictionaries({"protocol_version": st.just(1),
                                                        "device_id": st.just(running_center.device_id),
                                                        "mutations": st.lists(json_bodies, max_size=2)}),
               surrogate=st.booleans())
        @settings(max_examples=EXAMPLES, deadline=None, database=None)
        def run(body: Any, surrogate: bool) -> None:
            raw = json.dumps(body)
            if surrogate:
                raw = raw.replace('"', '"\\ud800', 1) if '"' in raw else raw
            r = client.post(path, content=raw.encode())
            assert r.status_code < 500, (raw, r.status_code, r.text)
            if r.status_code == 422:
                assert "请求数据格式不正确" in r.json()["detail"]["message"]

        run()


def test_every_operation_refuses_a_body_above_its_limit_with_a_documented_413(center_schema: Any,
                                                                             running_center: RunningCenter) -> None:
    """The limits middleware, for every operation the OpenAPI lists: a declared body one byte above the
    endpoint's bound is a 413 in the envelope, documented, and answered without reading the body."""
    from sync.server.limits import body_limit

    for result in center_schema.get_all_operations():
        op = result.ok()
        path = op.path.replace("{sha}", "0" * 64)
        limit = body_limit(op.method.upper(), path)
        assert "413" in op.definition.raw["responses"], (op.method, op.path)
        headers = {"Authorization": f"Bearer {_token_for(op.path, running_center)}",
                   "Content-Type": "application/json"}
        r = httpx.request(op.method.upper(), f"{running_center.url}{path}", headers=headers,
                          params={"offset": 0, "size": 1}, content=b" " * (limit + 1))
        assert r.status_code == 413, (op.method, path, r.status_code, r.text)
        assert r.json()["detail"]["code"] == "body_too_large"
        assert r.json()["detail"]["message"].startswith("请求数据过大")
