"""The filled-in 申请表 printed from a case (documents sit above the services: they read a case through
them, and the services never import documents)."""

from __future__ import annotations

from clerk_app.domain.roles import Actor
from clerk_app.errors import DomainError
from clerk_app.services.context import ServiceContext
from clerk_app.services.forms import form_for_matter, form_values
from clerk_app.store.cases_repo import load_case


def print_application(ctx: ServiceContext, actor: Actor, case_number: str) -> bytes:
    """The filled-in 申请表 as a PDF, for the applicant to check and sign; a copy goes into the
    case's file (一事一档) like every other rendered document."""
    # reportlab is heavy: imported when a form is printed, for start-up time.
    from clerk_app.documents.application_form import render_application
    from clerk_app.documents.from_case import save_to_case_file

    values = form_values(ctx, actor, case_number)
    with ctx.store.read() as s:
        case = load_case(s, number=case_number, with_history=False)
    form = form_for_matter(case.matter_code)
    if form is None or not values:
        raise DomainError("form.not_filled")
    pdf = render_application(form, values, case_number=case_number, center_name=ctx.settings.center_name,
                             date_text=f"{ctx.now():%Y年%m月%d日}")
    save_to_case_file(ctx.paths.root, ctx.paths.documents, case_number, "application", "", pdf)
    return pdf
