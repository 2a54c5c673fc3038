"""The application form of a case: definition from forms/intake/<matter code>.toml, values
validated by the domain and kept with the case in one transaction."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from clerk_app.domain.forms import FormDefinition, FormError, parse_form, validate
from clerk_app.domain.roles import Actor
from clerk_app.errors import DomainError
from clerk_app.paths import FORMS

if TYPE_CHECKING:
    from clerk_app.services.context import ServiceContext


@cache
def _definition(path: Path, mtime_ns: int) -> FormDefinition:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FormError("form.bad_toml", path=path, reason=exc) from exc
    return parse_form(data, str(path))


def form_for_matter(matter_code: str, folder: Path = FORMS / "intake") -> FormDefinition | None:
    """The matter's form, or None when the matter has no declared form (its paper form is used)."""
    path = folder / f"{matter_code}.toml"
    if not path.exists():
        return None
    form = _definition(path, path.stat().st_mtime_ns)
    if form.matter_code != matter_code:
        raise FormError("form.matter_mismatch", path=path, form_matter=form.matter_code, file_matter=matter_code)
    return form


def save_form(ctx: ServiceContext, actor: Actor, case_number: str, values: dict[str, str]) -> dict[str, str]:
    # The store here, not at the top: a blank form (clerk-app documents form) needs none of it.
    from clerk_app.store import audit
    from clerk_app.store.cases_repo import load_case
    from clerk_app.store.form_tables import CaseFormRow

    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        case = load_case(s, number=case_number, with_history=False)
        form = form_for_matter(case.matter_code)
        if form is None:
            raise DomainError("form.no_form", matter=case.matter_name)
        cleaned = validate(form, values, today=now.date())
        row = s.get(CaseFormRow, case.id)
        payload = json.dumps(cleaned, ensure_ascii=False)
        if row is None:
            s.add(CaseFormRow(case_id=case.id, title=form.title, values=payload, updated_at=now))
        else:
            row.values, row.updated_at = payload, now
        audit.append(s, at=now, actor=actor.username, action="case.form", entity="case", entity_id=case.id,
                     detail=form.title)
    return cleaned


def form_values(ctx: ServiceContext, actor: Actor, case_number: str) -> dict[str, str]:
    from clerk_app.store.cases_repo import load_case
    from clerk_app.store.form_tables import CaseFormRow

    actor.require("case.read")
    with ctx.store.read() as s:
        case = load_case(s, number=case_number, with_history=False)
        row = s.get(CaseFormRow, case.id)
        return json.loads(row.values) if row else {}
