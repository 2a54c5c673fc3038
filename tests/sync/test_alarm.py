"""The 24-hour alarm: something has waited over a day although the center was reachable. Driven by
the real client against the real center, with the counter's clock moved forward; the status bar's
indicator shows it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sync_helpers import write_applicants

from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.roles import Role
from clerk_app.services import cases
from clerk_app.services.auth import create_user
from clerk_app.ui.sync_panel import SyncIndicator
from sync.client import SyncError


class MovableClock:
    def __init__(self) -> None:
        self.at = datetime.now()

    def __call__(self) -> datetime:
        return self.at


def test_alarm_only_when_records_waited_a_day_while_the_center_answered(center, counter_factory, qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = MovableClock()
    client = counter_factory("a", clock=clock)
    ctx = client.ctx
    clerk = create_user(ctx, None, username="c", display_name="窗口", role=Role.CLERK, password="clerk1234")
    applicant = cases.register_applicant(ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰",
                                         id_number="11010519491231002X")
    case = cases.open_case(ctx, clerk, matter_code="000131127004", applicant_id=applicant.id)
    sha = cases.attach_capture(ctx, clerk, case.number, 1, b"%PDF-1.4 scan of an ID card")
    (ctx.paths.attachments / sha[:2] / sha).unlink()  # the capture is lost on this PC: its material cannot go
    write_applicants(client.store, 2)
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)

    status = client.sync_once()  # the center answers; the material's transaction and what follows wait
    assert status.pending > 0 and "附件" in (status.last_error or "") and not status.alarm
    waiting = status.pending

    # A day and more with the center unreachable (network down): waiting is expected, no alarm.
    client._set(server="http://127.0.0.1:9")
    client.close()
    clock.at += timedelta(hours=25)
    with pytest.raises(SyncError):
        client.sync_once()
    status = client.status()
    assert status.oldest_pending_age_s is not None and status.oldest_pending_age_s > 24 * 3600
    assert not status.alarm and status.pending == waiting
    indicator.show_status(status)
    assert not indicator.text().startswith("⚠")

    # Something answers at the center's address but refuses every request (a proxy, a wrong path):
    # the center is reachable, the records wait: an alarm even though the round failed.
    client._set(server=f"{center.url}/wrong-path")
    client.close()
    with pytest.raises(SyncError):
        client.sync_once()
    assert client.status().alarm

    # The center answers properly again, the records still cannot go: still an alarm, in the status bar.
    client._set(server=center.url)
    client.close()
    clock.at += timedelta(minutes=5)
    status = client.sync_once()
    assert status.alarm and status.pending == waiting and "附件" in (status.last_error or "")
    indicator.show_status(status)
    assert indicator.text().startswith("⚠ 有数据超过 24 小时未上传") and "b00020" in indicator.styleSheet()
    assert f"待上传 {waiting} 条" in indicator.text()
