"""A 满意度调查表 response (seed 003 §7.2.3.4.2, App. E) travels like a rating: pushed to the real center
(SQLite and PostgreSQL), stored under the counter's center and window, served to the manager's counter,
and refused from a user whose role lacks ``survey.record``."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import text
from test_adversarial_tenancy import PASSWORDS, Rogue, _add_center_users

from clerk_app.domain.ids import uuid7
from clerk_app.services import auth, survey


def test_seed_003_app_e_survey_response_reaches_the_center_and_the_other_counter(center, counter_factory) -> None:
    _add_center_users(center)
    a, m = counter_factory("a"), counter_factory("m", window="09")
    a.sync_once()
    wang = auth.login(a.ctx, "wang", PASSWORDS["wang"])
    rid = survey.record_survey(a.ctx, wang, channel="paper", visit="一周内", departments=["税务分局"],
                               levels=[1, 2, 2, 1, None, 1, 3], comment="指引清楚")
    a.sync_once()
    m.sync_once()
    assert a.status().pending == 0 and a.status().quarantined == 0 and m.status().quarantined == 0
    with center.engine.connect() as conn:
        stored = conn.execute(text("SELECT center_code, \"window\", data FROM records WHERE entity = 'survey_responses' "
                                   "AND entity_id = :i"), {"i": rid}).one()
    assert (stored.center_code, stored.window) == ("DEMO", "01")
    assert json.loads(stored.data)["levels"] == "1221013"
    with m.store.engine.connect() as conn:  # the supervisor's counter sees it for the monthly report
        assert conn.execute(text("SELECT levels FROM survey_responses WHERE id = :i"), {"i": rid}).scalar() == "1221013"


def test_a_survey_response_breaking_the_schema_or_from_a_role_without_the_right_is_refused(center) -> None:
    _add_center_users(center)
    rogue = Rogue(center, center.enrol_code(center="DEMO", window="01"))
    good = {"form": "003-E.1", "channel": "paper", "window": "01", "clerk_id": "x",
            "at": datetime(2026, 3, 10, 10).isoformat(), "visit": "今天", "departments": "", "comment": ""}
    blank, ok = uuid7(), uuid7()
    results = rogue.push(rogue.mutation("survey_responses", blank, "insert", {**good, "id": blank, "levels": "0000000"},
                                        actor="wang"))
    assert results[0]["outcome"] == "quarantined"
    results = rogue.push(rogue.mutation("survey_responses", ok, "insert", {**good, "id": ok, "levels": "1111111"},
                                        actor="wang"))
    assert results[0]["outcome"] == "applied"
    assert center.scalar("SELECT count(*) FROM records WHERE entity = 'survey_responses'") == 1
