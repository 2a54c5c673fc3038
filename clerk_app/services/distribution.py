"""What the center distributes, on the counter: validating and applying each item, the catalogue the
counter uses (the center's, with the window's authorised list), where it came from and as of when, and
the day's appointments.

Public API:
    apply_item(store, paths, kind, key, version, data, as_of, source) -> None   (raises DomainError)
    effective_catalogue(store, base) -> Catalogue
    catalogue_source(ctx, actor) -> CatalogueSource
    appointments_today(ctx, actor) -> list[Appointment]
    offline_login_check(ctx, role) -> None   (raises UserError)

Each item is validated whole before anything is written; DB-only items (catalogue, authorisation,
appointments) apply in one local transaction together with the version record. A holiday schedule is
applied exactly like ``clerk-app calendar import`` (the year file, then the due dates); each step is
idempotent, and the version is recorded last, so an interrupted apply is simply done again.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from clerk_app.domain.matters import Catalogue, parse_catalogue
from clerk_app.domain.roles import Actor, Role
from clerk_app.domain.survey import SurveyForm, parse_form
from clerk_app.domain.workdays import parse_year_schedule
from clerk_app.errors import DomainError, UserError
from clerk_app.fsutil import loads_toml
from clerk_app.messages import Text
from clerk_app.paths import ProfilePaths
from clerk_app.security.masking import mask_name, mask_phone
from clerk_app.services.changes import Changes, record
from clerk_app.services.context import ServiceContext, base_catalogue
from clerk_app.store import audit
from clerk_app.store.db import Store
from clerk_app.store.distribution_tables import AppointmentRow, CenterItemRow

KINDS = ("catalogue", "authorisation", "holidays", "appointments", "survey")
# Past appointments are citizen data with no further use on the counter (PIPL data minimisation).
APPOINTMENTS_KEPT = timedelta(days=7)
# Who may still log in on a counter that has not reached the center for too long: IT, who must be able
# to sign in to repair the network or the enrolment. Everyone else is refused (docs/security.md).
OFFLINE_EXEMPT: frozenset[Role] = frozenset({Role.IT})


def _toml(text: Any, what: str) -> dict[str, Any]:
    if not isinstance(text, str):
        raise DomainError("distribution.no_content", what=what)
    try:
        return loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise DomainError("distribution.bad_toml", what=what, reason=exc) from None


def _catalogue(data: dict[str, Any]) -> Catalogue:
    return parse_catalogue(_toml(data.get("toml"), Text("distribution.what_catalogue")), Text("distribution.center_catalogue"))


def survey_form_of(data: dict[str, Any]) -> SurveyForm:
    return parse_form(_toml(data.get("toml"), Text("distribution.what_survey")))


def _codes(data: dict[str, Any]) -> list[str]:
    codes = data.get("codes")
    if not isinstance(codes, list) or not all(isinstance(c, str) and 0 < len(c) <= 64 for c in codes):
        raise DomainError("distribution.bad_authorisation")
    return codes


def _appointments(key: str, data: dict[str, Any]) -> tuple[date, list[dict[str, str]]]:
    try:
        day = date.fromisoformat(str(data.get("date")))
    except ValueError:
        raise DomainError("distribution.bad_appointment_date", key=key) from None
    items = data.get("items")
    if not isinstance(items, list):
        raise DomainError("distribution.appointments_missing", key=key)
    out = []
    limits = {"slot": 16, "window": 8, "matter_code": 64, "name": 100, "phone": 20}
    for i, it in enumerate(items, start=1):
        if not isinstance(it, dict) or any(not isinstance(it.get(k), str) or len(it[k]) > n
                                           for k, n in limits.items()):
            raise DomainError("distribution.bad_appointment", key=key, position=i)
        out.append({k: it[k] for k in limits})
    return day, out


def validate_item(kind: str, key: str, data: dict[str, Any]) -> None:
    """Every check a kind needs, before anything is written; raises DomainError naming what is wrong."""
    if kind == "catalogue":
        _catalogue(data)
    elif kind == "authorisation":
        _codes(data)
    elif kind == "holidays":
        schedule = parse_year_schedule(_toml(data.get("toml"), Text("distribution.what_holidays")),
                                       Text("distribution.center_holidays"))
        if str(schedule.year) != key:
            raise DomainError("distribution.holiday_year_mismatch", year=schedule.year, key=key)
    elif kind == "appointments":
        _appointments(key, data)
    elif kind == "survey":  # the center's 满意度调查表 (seed 003 §7.2.3.4.2), in place of the default
        survey_form_of(data)
    else:
        raise DomainError("distribution.unknown_kind", kind=kind[:16])


def _record(s: Session, kind: str, key: str, version: int, data: dict[str, Any], as_of: datetime, source: str,
            now: datetime) -> None:
    row = s.get(CenterItemRow, (kind, key))
    if row is None:
        row = CenterItemRow(kind=kind, key=key)
        s.add(row)
    row.version, row.data, row.source, row.as_of, row.applied_at = (
        version, json.dumps(data, ensure_ascii=False), source[:200], as_of, now)


def held_version(store: Store, kind: str, key: str) -> int:
    with store.read() as s:
        row = s.get(CenterItemRow, (kind, key))
        return row.version if row else 0


def apply_item(store: Store, paths: ProfilePaths, kind: str, key: str, version: int, data: dict[str, Any],
               as_of: datetime, source: str, *, now: datetime, extra: Any = None) -> bool:
    """Apply one validated item if it is newer than the one held; returns whether it was applied.
    ``extra(session)`` runs in the same transaction (the sync client records its cursor there)."""
    validate_item(kind, key, data)
    if version <= held_version(store, kind, key):
        with store.transaction() as s:
            if extra:
                extra(s)
        return False
    if kind == "holidays":
        _apply_holidays(store, paths, data, now)
    kept = data
    with store.transaction() as s:
        if kind == "appointments":
            day, items = _appointments(key, data)
            # The citizens' names and phones live in the appointments table only, and only while useful.
            kept = {"date": day.isoformat(), "window": data.get("window", ""), "count": len(items)}
            cutoff = now.date() - APPOINTMENTS_KEPT
            s.execute(delete(AppointmentRow).where(AppointmentRow.day < cutoff))
            s.execute(delete(CenterItemRow).where(CenterItemRow.kind == "appointments",
                                                  CenterItemRow.key < cutoff.isoformat()))
            windows = {it["window"] for it in items} | {str(data.get("window", ""))}
            # A re-import replaces the window's whole day: appointments dropped at the center disappear.
            s.execute(delete(AppointmentRow).where(AppointmentRow.day == day, AppointmentRow.window.in_(windows)))
            for n, it in enumerate(items, start=1):
                s.add(AppointmentRow(id=f"{day.isoformat()}-{it['window']}-{n:04d}", day=day, slot=it["slot"],
                                     window=it["window"], matter_code=it["matter_code"], name=it["name"],
                                     phone=it["phone"], version=version))
        _record(s, kind, key, version, kept, as_of, source, now)
        audit.append(s, at=now, actor="center", action=f"center.{kind}", entity="center_item",
                     entity_id=f"{kind}:{key}", detail=f"version {version}")
        if extra:
            extra(s)
    # What the running app swaps in (refresh_after_distribution) besides the rows written above.
    record({"catalogue": Changes.CATALOGUE, "authorisation": Changes.CATALOGUE, "holidays": Changes.CALENDAR}.get(
        kind, Changes.NONE))
    return True


def _apply_holidays(store: Store, paths: ProfilePaths, data: dict[str, Any], now: datetime) -> None:
    """As ``clerk-app calendar import`` does: the year file in the profile, then the provisional due dates."""
    from clerk_app.domain.roles import SYSTEM
    from clerk_app.fsutil import atomic_write
    from clerk_app.services.calendar import load_calendar
    from clerk_app.services.cases import recompute_due_dates
    from clerk_app.settings import load_settings

    schedule = parse_year_schedule(loads_toml(data["toml"]), "中心节假日安排")
    paths.calendar_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(paths.calendar_dir / f"{schedule.year}.toml", data["toml"].encode("utf-8"))
    settings = load_settings(paths.root / "settings.toml")
    ctx = ServiceContext(paths=paths, store=store, settings=settings,
                         catalogue=effective_catalogue(store, base_catalogue(paths, settings)),
                         calendar=load_calendar(paths), clock=lambda: now)
    recompute_due_dates(ctx, SYSTEM)


def effective_catalogue(store: Store, base: Catalogue) -> Catalogue:
    """The center's catalogue if one was received (else ``base``), with the window's authorised list."""
    with store.read() as s:
        rows = {r.kind: r for r in s.scalars(select(CenterItemRow).where(
            CenterItemRow.kind.in_(("catalogue", "authorisation"))))}
    catalogue = base
    if (row := rows.get("catalogue")) is not None:
        catalogue = _catalogue(json.loads(row.data))
    if (row := rows.get("authorisation")) is not None:
        codes = set(_codes(json.loads(row.data)))
        catalogue = replace(catalogue, matters=tuple(replace(m, window_authorised=m.code in codes)
                                                     for m in catalogue.matters))
    return catalogue


@dataclass(frozen=True)
class CatalogueSource:
    """Where the counter's catalogue and authorised list come from, for the manager's catalogue page."""

    source: str  # "center" or "local"
    center: str  # the center server's address when source is "center"
    as_of: datetime | None  # when the center published the catalogue
    received_at: datetime | None
    catalogue_version: str
    authorisation_source: str  # "center" or "local"
    authorisation_as_of: datetime | None
    authorised: int


def catalogue_source(ctx: ServiceContext, actor: Actor) -> CatalogueSource:
    actor.require("manager.view")
    with ctx.store.read() as s:
        rows = {r.kind: r for r in s.scalars(select(CenterItemRow).where(
            CenterItemRow.kind.in_(("catalogue", "authorisation"))))}
    cat, auth = rows.get("catalogue"), rows.get("authorisation")
    return CatalogueSource(
        source="center" if cat else "local", center=cat.source if cat else "",
        as_of=cat.as_of if cat else None, received_at=cat.applied_at if cat else None,
        catalogue_version=ctx.catalogue.version, authorisation_source="center" if auth else "local",
        authorisation_as_of=auth.as_of if auth else None, authorised=len(ctx.catalogue.authorised()))


@dataclass(frozen=True)
class CenterItem:
    kind: str  # catalogue, authorisation, holidays, appointments
    key: str  # "catalogue", "authorisation", a year, a day
    version: int
    source: str  # the center server's address
    as_of: datetime  # when the center published it
    received_at: datetime


def center_items(ctx: ServiceContext, actor: Actor) -> list[CenterItem]:
    """Everything this counter holds from the center, with source and "as of" (for the manager's pages)."""
    actor.require("manager.view")
    with ctx.store.read() as s:
        return [CenterItem(r.kind, r.key, r.version, r.source, r.as_of, r.applied_at)
                for r in s.scalars(select(CenterItemRow).order_by(CenterItemRow.kind, CenterItemRow.key))]


@dataclass(frozen=True)
class Appointment:
    slot: str
    window: str
    matter_code: str
    matter_name: str
    name_masked: str
    phone_masked: str


def appointments_today(ctx: ServiceContext, actor: Actor) -> list[Appointment]:
    """This window's appointments for today, masked; the listing is audited (it shows citizen data)."""
    actor.require("case.intake")
    now = ctx.now()
    with ctx.store.transaction() as s:
        rows = list(s.scalars(select(AppointmentRow).where(AppointmentRow.day == now.date(),
                                                           AppointmentRow.window == ctx.settings.window)
                              .order_by(AppointmentRow.slot, AppointmentRow.id)))
        audit.append(s, at=now, actor=actor.username, action="appointments.list", entity="appointments",
                     entity_id=f"{now.date().isoformat()}-{ctx.settings.window}", detail=f"{len(rows)}")
        out = []
        for r in rows:
            try:
                matter = ctx.catalogue.by_code(r.matter_code).name
            except DomainError:
                matter = r.matter_code
            out.append(Appointment(r.slot, r.window, r.matter_code, matter, mask_name(r.name), mask_phone(r.phone)))
    return out


def appointment_count(ctx: ServiceContext, actor: Actor) -> int:
    """How many appointments this window has today: a number only, so not audited (the bar polls it)."""
    from sqlalchemy import func

    actor.require("case.intake")
    with ctx.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(AppointmentRow).where(
            AppointmentRow.day == ctx.now().date(), AppointmentRow.window == ctx.settings.window)) or 0)


def offline_login_check(ctx: ServiceContext, role: Role) -> None:
    """On an enrolled counter, refuse a login when the last successful sync is older than the limit."""
    from sqlalchemy import text

    if role in OFFLINE_EXEMPT:
        return
    with ctx.store.engine.connect() as conn:
        state: dict[str, str] = dict(conn.execute(text("SELECT key, value FROM sync_state WHERE key IN "
                                                       "('device_id', 'last_sync', 'enrolled_at')")).all())
    if "device_id" not in state:
        return  # never enrolled: a demo or standalone counter has no center to reach
    days = ctx.settings.offline_login_days
    last = state.get("last_sync") or state.get("enrolled_at")
    if last is None:
        return  # enrolled by a version that did not record the time: the first sync sets it
    since = datetime.fromisoformat(last)
    if ctx.now() - since > timedelta(days=days):
        raise UserError("auth.offline_too_long", days=days, since=since)


def refresh_after_distribution(ctx: ServiceContext, kinds: set[str]) -> None:
    """Called by the sync client (on its thread) after it applied center items: the running app takes the
    new catalogue, authorised list and holiday schedules without a restart. Attribute swaps only, so a
    use case running meanwhile sees either the old or the new object, never a mix."""
    from clerk_app.services.calendar import load_calendar

    if kinds & {"catalogue", "authorisation"}:
        ctx.catalogue = effective_catalogue(ctx.store, base_catalogue(ctx.paths, ctx.settings))
    if "holidays" in kinds:
        ctx.calendar = load_calendar(ctx.paths)
