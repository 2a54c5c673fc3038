"""A counter seeded with the demo data syncs whole into its center, which its demo administrator makes
managed: every seeded change is the administrator's act, none is refused as "system"."""

from __future__ import annotations

from clerk_app.services.demo import seed


def test_a_seeded_counter_pushes_everything_and_its_center_is_managed_after(center, counter_factory) -> None:
    a = counter_factory("a")
    seed(a.ctx, 12, seed=3)
    status = a.sync_once()
    assert status.pending == 0 and status.quarantined == 0 and status.last_error is None
    assert center.scalar("SELECT count(*) FROM records WHERE entity = 'cases'") == 12
    assert center.scalar("SELECT count(*) FROM security_events") == 0
    # Managed now: a user created by a counter's bootstrap (no administrator acting) is refused.
    from clerk_app.domain.roles import Role
    from clerk_app.services.auth import create_user

    create_user(a.ctx, None, username="intruder", display_name="某人", role=Role.ADMIN, password="intruder-1")
    a.sync_once()
    assert center.scalar("SELECT code FROM security_events") == "not_authorised"
    assert center.scalar("SELECT count(*) FROM records WHERE entity = 'users' AND data LIKE '%intruder%'") == 0
