"""Deadlines of the counter's ledgers (差评回访, 办不成事 and complaints) that follow the working calendar.

Its own module: the case service calls it after recomputing case due dates, and the calendar service
calls the case service, so it cannot live in either without a cycle.
"""

from __future__ import annotations

from clerk_app.domain.roles import Actor
from clerk_app.services.context import ServiceContext


def recompute_ledger_deadlines(ctx: ServiceContext, actor: Actor) -> int:
    """The 差评回访 and 办不成事 deadlines counted into a year without an official schedule follow the
    schedule once it arrives, as the case due dates do (domain-rules §2.5); returns how many moved."""
    actor.require("calendar.manage")
    from sqlalchemy import select  # inside: imported on use, as the rest of this service layer

    from clerk_app.domain import complaints as complaint_rules
    from clerk_app.domain import followups as followup_rules
    from clerk_app.services.followups import policy
    from clerk_app.store.ledger_tables import ComplaintTrackRow, RatingFollowupRow
    from clerk_app.store.tables import ComplaintRow, RatingRow

    changed = 0
    with ctx.store.transaction() as s:
        rows = s.execute(select(RatingFollowupRow, RatingRow.at).join(RatingRow, RatingRow.id == RatingFollowupRow.rating_id)
                         .where(RatingFollowupRow.provisional.is_(True), RatingFollowupRow.closed_at.is_(None))).all()
        for f, rated_at in rows:
            due = followup_rules.followup_due(ctx.calendar, rated_at.date(), policy(ctx.settings))
            if (due.contact_due, due.rectify_due, due.provisional) != (f.contact_due, f.rectify_due, f.provisional):
                f.contact_due, f.rectify_due, f.provisional = due.contact_due, due.rectify_due, due.provisional
                changed += 1
        tracks = s.scalars(select(ComplaintTrackRow).where(ComplaintTrackRow.provisional.is_(True),
                                                           ComplaintTrackRow.closed_at.is_(None))).all()
        for t in tracks:
            d = complaint_rules.deadlines(ctx.calendar, complaint_rules.Handling(t.handling), t.received_on,
                                          ctx.settings.complaint_resolve_working_days)
            if (d.transfer_due, d.resolve_due, d.provisional) != (t.transfer_due, t.resolve_due, t.provisional):
                t.transfer_due, t.resolve_due, t.provisional = d.transfer_due, d.resolve_due, d.provisional
                row = s.get(ComplaintRow, t.complaint_id)
                if row is not None:
                    row.due_date = d.resolve_due
                changed += 1
    return changed
