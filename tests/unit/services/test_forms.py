"""The application form saved with its case and printed from the same definition."""

import subprocess
from pathlib import Path

import pytest

from clerk_app.documents.application_print import print_application
from clerk_app.errors import DomainError
from clerk_app.services import cases as svc
from clerk_app.services.forms import form_values, save_form

VALUES = {"operator_name": "张三丰", "operator_id": "11010519491231002X", "operator_phone": "13800138000",
          "composition": "家庭经营", "business_scope": "日用百货、文具零售", "premises": "北京市海淀区中关村大街1号",
          "capital": "5", "employees": "3"}


def test_saved_values_print_as_the_application_form(ctx, users, new_applicant, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clerk = users["clerk"]
    case = svc.open_case(ctx, clerk, matter_code="000131127004", applicant_id=new_applicant().id)
    with pytest.raises(DomainError, match="请填写“经营范围”"):
        save_form(ctx, clerk, case.number, {**VALUES, "business_scope": ""})
    assert form_values(ctx, clerk, case.number) == {}  # the refused save stored nothing
    save_form(ctx, clerk, case.number, VALUES)
    assert form_values(ctx, clerk, case.number)["composition"] == "家庭经营"
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(print_application(ctx, clerk, case.number))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("个体工商户登记（备案）申请书", case.number, "张三丰", "日用百货、文具零售", "家庭经营", "经营范围"):
        assert expected in text
    kept = list((ctx.paths.documents / case.number).glob("application-*.pdf"))
    assert len(kept) == 1 and not kept[0].read_bytes().startswith(b"%PDF")  # 一事一档, encrypted
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded


def test_matter_without_a_declared_form_says_so(ctx, users, new_applicant, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                monkeypatch) -> None:
    from clerk_app.services import forms as forms_svc

    # Every demo matter has a form now; a center's own catalogue may not: an empty forms folder.
    real = forms_svc.form_for_matter
    monkeypatch.setattr(forms_svc, "form_for_matter", lambda code: real(code, tmp_path))
    matter = next(m for m in ctx.catalogue.authorised() if m.code != "000131127004")
    case = svc.open_case(ctx, users["clerk"], matter_code=matter.code, applicant_id=new_applicant().id)
    with pytest.raises(DomainError, match="没有录入式申请表"):
        save_form(ctx, users["clerk"], case.number, VALUES)
