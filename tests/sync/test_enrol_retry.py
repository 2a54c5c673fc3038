"""Enrolment through a link that loses the reply: the one-time code is spent when the center commits,
so the counter's retry (same nonce) must get that device back, and nobody else may use the code."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from sync.client import SyncError


class LoseEnrolReplies(httpx.HTTPTransport):
    """A real HTTP transport whose first ``lose`` enrolment replies vanish after the center answered."""

    def __init__(self, lose: int) -> None:
        super().__init__()
        self.lose = lose
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.path == "/v1/enroll":
            self.sent += 1
            if self.lose > 0:
                self.lose -= 1
                response.read()
                raise httpx.ReadError("connection reset after the center committed", request=request)
        return response


def _devices(center: Any) -> int:
    return int(center.scalar("SELECT count(*) FROM devices"))


def test_a_lost_enrolment_reply_is_retried_and_gets_the_same_device(center: Any, counter_factory: Any) -> None:
    lossy = LoseEnrolReplies(lose=1)
    a = counter_factory("a", transport=lossy, enrol=False)
    code = center.enrol_code(window="01")
    reply = a.enroll(center.url, code, device_name="a")
    assert lossy.sent == 2 and _devices(center) == 1
    assert center.scalar("SELECT id FROM devices") == reply.device_id == a.device_id
    assert a._get("enrol_nonce") is None  # forgotten once enrolled
    a.sync_once()  # the token it kept is the one the center holds
    assert a.status().last_error is None


def test_a_failed_enrolment_can_be_rerun_with_the_same_code_but_no_other_pc_can(center: Any,
                                                                               counter_factory: Any) -> None:
    a = counter_factory("a", transport=LoseEnrolReplies(lose=10), enrol=False)
    code = center.enrol_code(window="02")
    with pytest.raises(SyncError, match="注册码仍可使用"):
        a.enroll(center.url, code, device_name="a")
    assert _devices(center) == 1  # the center did enrol it; only the replies were lost
    b = counter_factory("b", enrol=False)
    with pytest.raises(SyncError, match="注册码无效、已使用或已过期"):
        b.enroll(center.url, code, device_name="b")
    a._transport = None  # IT fixes the network and runs `clerk-app sync enroll` again with the same code
    reply = a.enroll(center.url, code, device_name="a")
    assert _devices(center) == 1 and reply.device_id == center.scalar("SELECT id FROM devices")
    assert reply.window == "02"
    a.sync_once()
    assert a.status().last_error is None
