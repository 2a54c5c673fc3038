"""A ``NoticeContext`` built from a stored case, its matter and the center settings.

Only the masked ID number is read (``case_detail``): printing a notice is no reason to reveal
the full number, which needs the clerk's password again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from clerk_app.documents.context import (
    Delegation,
    Delivery,
    Handover,
    MaterialLine,
    MatterInfo,
    NoticeContext,
    Person,
    Rejection,
    Window,
)
from clerk_app.documents.templates import KINDS, load_center
from clerk_app.domain.cases import Action, Case, notice_refusal
from clerk_app.domain.matters import Matter
from clerk_app.errors import DomainError, UserError

RETURN_DAYS = 14  # returned materials are kept this long before they go back to the department


def matter_info(matter: Matter) -> MatterInfo:
    return MatterInfo(code=matter.code, name=matter.name, department=matter.department, type=matter.type.value,
                      legal_basis=matter.legal_basis, legal_limit=str(matter.legal_limit),
                      promise_limit=str(matter.promise_limit), conditions=matter.accept_conditions, fee=matter.fee,
                      place=matter.place, phone=matter.phone, special_procedures=matter.special_procedures)


def material_lines(case: Case, matter: Matter) -> tuple[MaterialLine, ...]:
    by_seq = {m.seq: m for m in matter.materials}
    lines = []
    for check in case.materials:
        spec = by_seq.get(check.seq)
        fix = check.note or (spec.notes if spec else "")
        lines.append(MaterialLine(name=check.name, form=spec.form.value if spec else "",
                                  copies=spec.copies if spec else 1, necessity=check.necessity.value,
                                  status=check.status.label, fix=fix))
    return tuple(lines)


def _last(case: Case, action: Action) -> Any:
    return next((t for t in reversed(case.history) if t.action is action), None)


def context_for_case(ctx: Any, actor: Any, case_number: str, kind: str) -> NoticeContext:
    """``ctx`` is a ``clerk_app.services.context.ServiceContext``; ``actor`` must may read cases."""
    from clerk_app.services.cases import case_detail

    if kind not in KINDS:
        raise UserError("document.unknown_kind", kind=kind, kinds=KINDS)
    detail = case_detail(ctx, actor, case_number)
    case: Case = detail.case
    matter = ctx.catalogue.by_code(case.matter_code)
    refusal = notice_refusal(case, kind, matter)  # the one rule: the wizard, the CLI and reprints all ask it
    if refusal is not None:
        raise DomainError(refusal)
    center = load_center().center
    center = replace(center, name=ctx.settings.center_name, code=ctx.settings.center_code)
    now = ctx.now()
    rejection = Rejection()
    rejected = _last(case, Action.REJECT)
    if rejected is not None:
        rejection = Rejection(reason=rejected.reason, legal_basis=str(rejected.data.get("legal_basis", "")),
                              return_place=f"{center.name}{case.window}号窗口",
                              return_deadline=rejected.at.date() + timedelta(days=RETURN_DAYS))
    delivered = _last(case, Action.DELIVER)
    delivery = Delivery(mode=case.delivery_mode.label if case.delivery_mode else "窗口领取",
                        place=matter.place or center.address, recipient=detail.applicant_name,
                        phone=detail.applicant_phone_masked)
    ready = _last(case, Action.RESULT_READY)
    if ready is not None:
        delivery = replace(delivery, ready_at=ready.at)
    if delivered is not None:
        delivery = replace(delivery, address=str(delivered.data.get("address", "")),
                           tracking_number=str(delivered.data.get("tracking", "")), collected_at=delivered.at)
    handover = Handover()
    moved = _last(case, Action.TRANSFER)
    if moved is not None:  # the 交接单 of a real case names who received it and when (seed 001 §5.1.4)
        handover = Handover(receiving_department=str(moved.data.get("department") or case.department),
                            receiver=str(moved.data.get("receiver", "")), handed_at=moved.at)
    return NoticeContext(
        center=center,
        handover=handover,
        window=Window(number=case.window, clerk_name=detail.actors.get(case.clerk_id, case.clerk_id)),
        case_number=case.number,
        matter=matter_info(matter),
        # case_detail hands out the masked number only; masking it again is harmless.
        applicant=Person(name=detail.applicant_name, id_number=detail.applicant_id_masked,
                         phone=detail.applicant_phone_masked, address=detail.applicant_address),
        agent=Person(name=detail.agent_name, id_number=detail.agent_id_masked) if detail.agent_name else None,
        delegation=Delegation(scope=detail.delegation_scope, valid_from=case.received_at.date(),
                              valid_to=detail.delegation_valid_to) if detail.agent_name else Delegation(),
        received_at=case.received_at,
        issued_on=now.date(),
        accept_mode=case.accept_mode.label if case.accept_mode else "受理",
        mode=case.accept_mode.value if case.accept_mode else "",
        tell_commit_chosen=case.tell_commit_choice,
        accepted_at=case.accepted_at,
        due_date=case.due_date,
        due_provisional=case.due_provisional,
        rongque_due=case.rongque_due,
        materials=material_lines(case, matter),
        rejection=rejection,
        delivery=delivery,
    )


def case_file_path(documents_dir: Path, case_number: str, kind: str, document_number: str) -> Path:
    """Where a rendered notice is kept in the case's file (一事一档)."""
    if not case_number.replace("-", "").isalnum():
        raise UserError("document.bad_case_number", number=case_number)
    digits = "".join(ch for ch in document_number if ch.isascii() and (ch.isalnum() or ch == "-")) or "draft"
    return documents_dir / case_number / f"{kind}-{digits}.pdf"


def save_to_case_file(profile_root: Path, documents_dir: Path, case_number: str, kind: str,
                      document_number: str, pdf: bytes) -> Path:
    """Encrypt the PDF into the case's file: it holds citizen data. As for attachments, only a demo
    profile allowed to run without an OS keyring keeps the plain file."""
    from clerk_app.fsutil import atomic_write
    from clerk_app.security.files import profile_vault

    path = case_file_path(documents_dir, case_number, kind, document_number)
    vault = profile_vault(profile_root)
    if vault is None:
        atomic_write(path, pdf)
        return path
    vault.write(path, pdf)
    return path


def read_from_case_file(profile_root: Path, path: Path) -> bytes:
    from clerk_app.security.files import FileVault

    if FileVault.is_encrypted(path):
        return FileVault.for_profile(profile_root).read(path)
    return path.read_bytes()


def issue_for_case(ctx: Any, actor: Any, case_number: str, kind: str) -> tuple[NoticeContext, bytes, Path]:
    """Render ``kind`` for a stored case with a freshly allocated document number, and keep an
    encrypted copy in the case's file. Returns the context, the PDF and where the copy went."""
    from clerk_app.documents.numbering import StoreSequence, allocate
    from clerk_app.documents.pdf import render_notice
    from clerk_app.documents.templates import load_center, load_template
    from clerk_app.store.sequences import next_value

    template = load_template(kind)
    # Refused before a document number is allocated: a refused render spends no number.
    notice = context_for_case(ctx, actor, case_number, kind)
    with ctx.store.transaction() as session:
        number = allocate(StoreSequence(lambda key: next_value(session, key)), center_code=notice.center.code,
                          window=ctx.settings.window, year=notice.issued_on.year, prefix=notice.center.number_prefix)
    notice = notice.with_number(number)
    pdf = render_notice(template, notice, load_center().copies)
    path = save_to_case_file(ctx.paths.root, ctx.paths.documents, case_number, kind, number, pdf)
    return notice, pdf, path
