"""A formal notice is issued once: its number (文号) is allocated the first time, and every later
print of the same kind for the same case is a reprint of that document — same 文号, same date —
marked with the center's ``reprint_mark`` (center.toml ``[document] reprint_mark``, e.g. "补打")
when it sets one. No reprint spends a number.

Each issue is recorded in the audit log (``document.issued``, detail ``kind|number|date``), which is
how a reprint finds the number and date; a document issued before this record existed is found
in the case's file and reprinted byte for byte.

Public API: ``IssuedDocument``, ``issue_once``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select

from clerk_app.documents.from_case import (
    case_file_path,
    context_for_case,
    issue_for_case,
    read_from_case_file,
)


@dataclass(frozen=True)
class IssuedDocument:
    kind: str
    number: str  # 文号
    pdf: bytes
    reprint: bool


def _case_id(ctx: Any, case_number: str) -> str:
    from clerk_app.store.tables import CaseRow

    with ctx.store.read() as s:
        return s.scalars(select(CaseRow.id).where(CaseRow.number == case_number)).one()


def _recorded(ctx: Any, case_id: str, kind: str) -> tuple[str, date] | None:
    from clerk_app.store.tables import AuditRow

    with ctx.store.read() as s:
        details = s.scalars(select(AuditRow.detail).where(AuditRow.action == "document.issued",
                                                          AuditRow.entity_id == case_id)
                            .order_by(AuditRow.at, AuditRow.id)).all()
    for detail in details:
        k, number, issued = (detail.split("|") + ["", ""])[:3]
        if k == kind and number and issued:
            return number, date.fromisoformat(issued)
    return None


def _audit(ctx: Any, actor: Any, case_id: str, action: str, detail: str) -> None:
    from clerk_app.store import audit

    with ctx.store.transaction() as s:
        audit.append(s, at=ctx.now(), actor=actor.username, action=action, entity="case", entity_id=case_id,
                     detail=detail)


def issue_once(ctx: Any, actor: Any, case_number: str, kind: str) -> IssuedDocument:
    """The notice ``kind`` of a case: issued (numbered, kept in the case file) the first time, reprinted after."""
    from clerk_app.documents.pdf import render_notice
    from clerk_app.documents.templates import load_center, load_template

    case_id = _case_id(ctx, case_number)
    recorded = _recorded(ctx, case_id, kind)
    if recorded is None:
        legacy = sorted((ctx.paths.documents / case_number).glob(f"{kind}-*.pdf"), key=lambda p: p.stat().st_mtime)
        if legacy:  # issued before issues were recorded: the kept copy is the document
            _audit(ctx, actor, case_id, "document.reprinted", f"{kind}|{legacy[0].name}")
            return IssuedDocument(kind, legacy[0].stem.split("-", 1)[-1], read_from_case_file(ctx.paths.root, legacy[0]),
                                  reprint=True)
        notice, pdf, _path = issue_for_case(ctx, actor, case_number, kind)
        _audit(ctx, actor, case_id, "document.issued", f"{kind}|{notice.document_number}|{notice.issued_on.isoformat()}")
        return IssuedDocument(kind, notice.document_number, pdf, reprint=False)
    number, issued_on = recorded
    center = load_center()
    _audit(ctx, actor, case_id, "document.reprinted", f"{kind}|{number}")
    if not center.reprint_mark:
        path = case_file_path(ctx.paths.documents, case_number, kind, number)
        return IssuedDocument(kind, number, read_from_case_file(ctx.paths.root, path), reprint=True)
    notice = replace(context_for_case(ctx, actor, case_number, kind), issued_on=issued_on).with_number(number)
    copies = [f"{c}（{center.reprint_mark}）" for c in center.copies]
    return IssuedDocument(kind, number, render_notice(load_template(kind), notice, copies), reprint=True)
