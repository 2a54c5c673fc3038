"""Joint cases (联办件, "一件事一次办"): several matters of one applicant received in one intake.

Each matter becomes its own case (its own number, department, time limit and decision), linked to
the others by a bundle id. A material that several matters ask for is checked and captured once
and recorded on each case. Opening a bundle, checking a shared material and attaching a shared
capture are each one transaction over every case of the bundle, with an audit entry per case.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from clerk_app.domain.applicants import Delegation
from clerk_app.domain.cases import (
    Case,
    MaterialStatus,
    SharedMaterial,
    check_bundle,
    require_same_bundle,
    shared_materials,
)
from clerk_app.domain.ids import uuid7
from clerk_app.domain.roles import Actor
from clerk_app.errors import DomainError
from clerk_app.services.cases import receive_in
from clerk_app.services.context import ServiceContext
from clerk_app.store import audit
from clerk_app.store.cases_repo import load_case, save_case
from clerk_app.store.tables import ApplicantRow, CaseMaterialRow, CaseRow

Line = tuple[str, int]  # (case number, material seq)


def open_bundle(ctx: ServiceContext, actor: Actor, matter_codes: Sequence[str], applicant_id: str, *,
                agent_id: str | None = None, delegation: Delegation | None = None) -> list[Case]:
    """接件 of a joint application: one case per matter, numbered in turn, all or none."""
    actor.require("case.intake")
    matters = [ctx.catalogue.by_code(code) for code in matter_codes]
    check_bundle(matters)
    now = ctx.now()
    if agent_id is not None:
        if delegation is None:
            raise DomainError("delegation.missing")
        delegation.check(now.date())
    bundle_id = uuid7()
    cases: list[Case] = []
    with ctx.store.transaction() as s:
        if s.get(ApplicantRow, applicant_id) is None:
            raise DomainError("applicant.not_found_read_card")
        for matter in matters:
            cases.append(receive_in(s, ctx, actor, matter, applicant_id, now=now, agent_id=agent_id,
                                    delegation=delegation, bundle_id=bundle_id))
        audit.append(s, at=now, actor=actor.username, action="bundle.open", entity="bundle", entity_id=bundle_id,
                     detail=",".join(c.number for c in cases))
    return cases


def bundle_cases(ctx: ServiceContext, actor: Actor, bundle_id: str) -> list[Case]:
    """The cases of one joint application, in the order they were numbered."""
    actor.require("case.read")
    with ctx.store.read() as s:
        ids = list(s.scalars(select(CaseRow.id).where(CaseRow.bundle_id == bundle_id).order_by(CaseRow.number)))
        return [load_case(s, case_id=i, with_history=False) for i in ids]


def joint_checklist(ctx: ServiceContext, actor: Actor, bundle_id: str) -> list[SharedMaterial]:
    """The materials of a bundle with each shared one listed once."""
    return shared_materials(bundle_cases(ctx, actor, bundle_id))


def check_shared_material(ctx: ServiceContext, actor: Actor, lines: Sequence[Line], status: MaterialStatus,
                          note: str = "") -> list[Case]:
    """One check of a shared material, recorded on every case that asks for it, in one transaction."""
    actor.require("case.intake")
    if not lines:
        raise DomainError("case.no_material_selected")
    now = ctx.now()
    by_number: dict[str, Case] = {}
    with ctx.store.transaction() as s:
        for number, _seq in lines:
            if number not in by_number:
                by_number[number] = load_case(s, number=number, with_history=False)
        require_same_bundle([c.bundle_id for c in by_number.values()])
        for number, seq in lines:
            by_number[number].check_material(seq, status, note)
        for case in by_number.values():
            save_case(s, case, now=now)
        for number, seq in lines:
            audit.append(s, at=now, actor=actor.username, action="case.check_material", entity="case",
                         entity_id=by_number[number].id, detail=f"{seq}:{status.value}")
    return list(by_number.values())


def attach_shared_capture(ctx: ServiceContext, actor: Actor, lines: Sequence[Line], data: bytes) -> str:
    """A capture taken once and attached to every line that asks for the material; returns its SHA-256.

    The file is written (encrypted) before the transaction that links it, as for a single case."""
    from clerk_app.store import attachments

    actor.require("case.intake")
    if not lines:
        raise DomainError("case.no_material_to_capture")
    digest = attachments.put(ctx.paths.attachments, data)
    now = ctx.now()
    with ctx.store.transaction() as s:
        cases = {number: s.scalars(select(CaseRow).where(CaseRow.number == number)).first() for number, _ in lines}
        if any(row is None for row in cases.values()):
            raise DomainError("case.capture_case_missing")
        require_same_bundle([row.bundle_id for row in cases.values() if row is not None])
        for number, seq in lines:
            case_row = cases[number]
            assert case_row is not None
            row = s.scalars(select(CaseMaterialRow).where(CaseMaterialRow.case_id == case_row.id,
                                                          CaseMaterialRow.seq == seq)).first()
            if row is None:
                raise DomainError("case.no_material", number=number, seq=seq)
            row.attachment_sha256 = digest
            audit.append(s, at=now, actor=actor.username, action="case.attach", entity="case", entity_id=case_row.id,
                         detail=f"{seq}:{digest[:16]}")
    return digest
