"""Need to know inside a center: what a counter receives follows the scope IT set (docs/security.md)."""

from __future__ import annotations

import json
from datetime import datetime

from sync_helpers import local_ids, write_applicants
from test_adversarial_tenancy import PASSWORDS, Rogue, _add_center_users
from test_distribution_users import center_cli

from clerk_app.domain.passwords import hash_password
from clerk_app.services import auth
from sync.server import distribute
from sync.server.db import writer


def test_a_window_scoped_counter_receives_its_windows_records_and_the_users_only(
        center, counter_factory, monkeypatch, capsys) -> None:
    _add_center_users(center)
    with writer(center.engine) as conn:  # the actor sync_helpers.write_applicants writes as
        distribute.add_user(conn, username="clerk", display_name="窗口", role="clerk", center="DEMO",
                            password_hash=hash_password("clerk-pass-1"), now=datetime.now())
    rc, _out, err = center_cli(center, "scope", "--center", "DEMO", "window", monkeypatch=monkeypatch, capsys=capsys)
    assert rc == 0, err
    a, b = counter_factory("a"), counter_factory("b", window="02")
    manager = counter_factory("m", window="09")
    rc, _out, err = center_cli(center, "scope", "--device", manager.device_id, "center", monkeypatch=monkeypatch,
                               capsys=capsys)
    assert rc == 0, err
    for c in (a, b):
        c.sync_once()
    mine_a = write_applicants(a.store, 3, tag="a")
    mine_b = write_applicants(b.store, 2, tag="b")
    for c in (a, b, manager, a, b):
        c.sync_once()
    assert all(c.status().quarantined == 0 for c in (a, b, manager))
    assert set(mine_a) <= local_ids(a.store, "applicants") and not set(mine_b) & local_ids(a.store, "applicants")
    assert set(mine_b) <= local_ids(b.store, "applicants") and not set(mine_a) & local_ids(b.store, "applicants")
    assert set(mine_a) | set(mine_b) <= local_ids(manager.store, "applicants")
    for c in (a, b, manager):  # every counter knows the center's users
        assert auth.login(c.ctx, "zhou", PASSWORDS["zhou"]).username == "zhou"
    # A raw pull by a window-03 device of the same center gets neither window's applicants.
    pulled = Rogue(center, center.enrol_code(center="DEMO", window="03")).pull_all()
    assert {c["entity"] for c in pulled} == {"users"}
    rc, out, _err = center_cli(center, "scope", monkeypatch=monkeypatch, capsys=capsys)
    shown = {r["device"]: (r["scope"], r["from"]) for r in map(json.loads, out.splitlines()) if "device" in r}
    assert shown[a.device_id] == ("window", "center") and shown[manager.device_id] == ("center", "device")
