"""One choice of the base catalogue (``services.context.base_catalogue``), the working copy first:
an authorisation applied by the sync client marks matters on the supervisor's edited catalogue
instead of swapping it for the demo file, both live and at the next start."""

from __future__ import annotations

from datetime import datetime

from clerk_app.domain.roles import Actor, Role
from clerk_app.services import catalogue_admin
from clerk_app.services.bootstrap import open_context
from clerk_app.services.context import base_catalogue_path, working_catalogue_path
from clerk_app.services.distribution import apply_item, refresh_after_distribution

PERMIT, OTHER = "000131127004", "000131127014"
ADMIN = Actor(user_id="u-admin", username="admin", display_name="管理员", role=Role.ADMIN)


def test_an_authorisation_from_the_center_keeps_the_edited_catalogue(ctx, profile) -> None:  # type: ignore[no-untyped-def]
    catalogue_admin.update_matter(ctx, ADMIN, PERMIT, {"name": "改名后的事项"})
    edited = ctx.catalogue.version
    assert base_catalogue_path(ctx.paths, ctx.settings) == working_catalogue_path(ctx.paths)
    applied = apply_item(ctx.store, ctx.paths, "authorisation", "authorisation", 1, {"codes": [PERMIT, OTHER]},
                         datetime(2026, 3, 2, 9), "center", now=datetime(2026, 3, 2, 9, 30))
    assert applied
    refresh_after_distribution(ctx, {"authorisation"})
    assert ctx.catalogue.version == edited
    assert ctx.catalogue.by_code(PERMIT).name == "改名后的事项"
    assert {m.code for m in ctx.catalogue.authorised()} == {PERMIT, OTHER}
    reopened = open_context(profile)
    try:
        assert reopened.catalogue.version == edited and reopened.catalogue.by_code(PERMIT).name == "改名后的事项"
    finally:
        reopened.store.close()
