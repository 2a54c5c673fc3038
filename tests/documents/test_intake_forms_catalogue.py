"""Every demo matter has its 申请表 definition, and each one works end to end: it parses, the
printed form carries every label and value in the embedded font, the on-screen dialog is built from
it and refuses a wrong value in Chinese without losing what was typed."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

from clerk_app.documents.application_form import render_application, render_blank_application
from clerk_app.domain.forms import FieldType, FormDefinition, prefill, validate
from clerk_app.domain.matters import parse_catalogue
from clerk_app.errors import DomainError
from clerk_app.paths import RESOURCES
from clerk_app.services.forms import form_for_matter
from tests.documents.pdftools import pdf_fonts, pdf_pages, pdf_text
from tests.documents.samples import APPLICANT_ID, LONG, sample_values

CATALOGUE = parse_catalogue(tomllib.loads((RESOURCES / "catalogue" / "demo.toml").read_text(encoding="utf-8")),
                            "demo")
CODES = [m.code for m in CATALOGUE.matters]
CASE_NUMBER = "2026-03-0004711"
CJK = re.compile(r"[\u3400-\u9fff]")
CARD = {"name": "张丽华", "id_number": APPLICANT_ID, "address": "北京市朝阳区建国路88号", "nation": "汉",
        "phone": "13800138000", "agent_name": "李代办", "agent_id_number": "440524188001010014"}


def _form(code: str) -> FormDefinition:
    form = form_for_matter(code)
    assert form is not None, f"{code} has no forms/intake/{code}.toml"
    return form


@cache
def _printed(code: str) -> tuple[dict[str, str], bytes]:
    """One render per matter, shared by the assertions on it."""
    form = _form(code)
    values = validate(form, sample_values(form))
    pdf = render_application(form, values, case_number=CASE_NUMBER, center_name="海淀区政务服务中心",
                             date_text="2026年03月02日")
    return values, pdf


@cache
def _blank(code: str) -> bytes:
    return render_blank_application(_form(code), center_name="海淀区政务服务中心")


def _squash(text: str) -> str:
    return "".join(text.split())


def _no_heading_ends_a_page(form: FormDefinition, pages: list[str]) -> None:
    sections = {_squash(f.section) for f in form.fields if f.section}
    for page in pages[:-1]:
        lines = [_squash(line) for line in page.splitlines() if line.strip()]
        last = lines[-2]  # the line above the footer
        assert last not in sections, f"section heading “{last}” alone at the foot of a page"


def test_the_demo_catalogue_has_24_matters_and_as_many_forms() -> None:
    assert len(CODES) == 24
    assert sorted(p.stem for p in (RESOURCES.parent / "forms" / "intake").glob("*.toml")) == sorted(CODES)


@pytest.mark.parametrize("code", CODES)
def test_definition_is_realistic_for_the_matter(code: str) -> None:
    form = _form(code)
    matter = CATALOGUE.by_code(code)
    assert form.matter_code == code and CJK.search(form.title)
    assert all(CJK.search(f.label) for f in form.fields), "labels are the customer's, in Chinese"
    # The application form the catalogue asks for is this one, when it names one among its materials.
    forms_named = [m.name for m in matter.materials if re.search(r"申请(书|表)|登记表|采集表|审核表|投诉书", m.name)]
    if forms_named:
        assert any(form.title.endswith(n) or n in form.title or form.title in n for n in forms_named), forms_named
    assert form.fields[0].section, "a form opens with its first section"
    required = [f for f in form.fields if f.required]
    assert len(form.fields) >= 7 and len(required) >= 4
    # who is applying comes from the card, and the phone from the identity step
    filled = prefill(form, CARD)
    assert APPLICANT_ID in filled.values() and "张丽华" in filled.values()
    # the matter's own data, not only identity: at least one field the card cannot fill
    assert any(not f.prefill and f.type is not FieldType.PHONE for f in form.fields)


@pytest.mark.parametrize("code", CODES)
def test_printed_form_shows_every_label_and_value_in_the_embedded_font(code: str, tmp_path: Path) -> None:
    values, pdf = _printed(code)
    form = _form(code)
    text = _squash(pdf_text(pdf, tmp_path, layout=False))
    assert form.title in text and CASE_NUMBER in text and _squash(form.signature) in text
    for f in form.fields:
        assert _squash(f.label) in text, f.label
        assert _squash(values[f.key]) in text, (f.label, values[f.key])
        if f.section:
            assert _squash(f.section) in text
    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts and all(emb == "yes" for _name, emb in fonts), fonts


@pytest.mark.parametrize("code", CODES)
def test_blank_form_has_every_label_and_boxes_to_tick(code: str, tmp_path: Path) -> None:
    form = _form(code)
    pdf = _blank(code)
    pages = pdf_pages(pdf, tmp_path)
    text = _squash(pdf_text(pdf, tmp_path, layout=False))
    assert form.title in text and "办件编号：（窗口填写）" in text and _squash(form.signature) in text
    for f in form.fields:
        assert _squash(f.label) in text
        if f.type is FieldType.CHOICE:
            assert all(f"□{_squash(c)}" in text for c in f.choices), f.label
    assert all(emb == "yes" for _name, emb in pdf_fonts(pdf, tmp_path))
    _no_heading_ends_a_page(form, pages)


def test_a_long_form_flows_onto_further_pages_headed_and_numbered(tmp_path: Path) -> None:
    code = "000123005000"  # 政府采购投诉书: four long free-text answers
    form = _form(code)
    filled = sample_values(form)
    for f in form.fields:
        if f.type is FieldType.TEXTAREA:
            filled[f.key] = (LONG * 40)[: f.max_length]
    values = validate(form, filled)
    pdf = render_application(form, values, case_number=CASE_NUMBER, center_name="海淀区政务服务中心",
                             date_text="2026年03月02日")
    pages = pdf_pages(pdf, tmp_path)
    total = len(pages)
    assert total >= 2
    for n, page in enumerate(pages, start=1):
        assert f"第{n}页/共{total}页" in _squash(page)
        if n > 1:
            assert f"{form.title}（续）" in page and CASE_NUMBER in page
    # the signature is on the last page only, and that page also carries the end of the answers
    assert [_squash(form.signature) in _squash(p) for p in pages] == [False] * (total - 1) + [True]
    assert LONG[:10] in _squash(pages[-1])
    _no_heading_ends_a_page(form, pages)
    assert all(_squash(f.label) in _squash(pdf_text(pdf, tmp_path, layout=False)) for f in form.fields)


def test_a_short_form_keeps_to_one_page(tmp_path: Path) -> None:
    _values, pdf = _printed("000120041000")
    assert len(pdf_pages(pdf, tmp_path)) == 1


@pytest.mark.parametrize("code", CODES)
def test_dialog_prefills_refuses_a_wrong_value_in_chinese_and_keeps_the_input(code: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit

    from clerk_app.ui.application_form import ApplicationFormDialog

    form = _form(code)
    saved: list[dict[str, str]] = []

    def save(values: dict[str, str]) -> None:  # what the service does, minus the store
        try:
            saved.append(validate(form, values))
        except DomainError as exc:
            dialog.failed(exc.message)
            return
        dialog.saved()

    dialog = ApplicationFormDialog(form, prefill(form, CARD), save=save)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == form.title
    sections = [w.text() for w in dialog.findChildren(QLabel) if w.objectName().startswith("section_")]
    assert sections == [f.section for f in form.fields if f.section]
    for f in form.fields:
        w = dialog.inputs[f.key]
        assert w.accessibleName() == f.label
        if f.prefill == "name":
            assert w.text() == "张丽华"  # type: ignore[attr-defined]
    # a long form scrolls inside the dialog instead of outgrowing a 768-pixel counter screen
    assert dialog.sizeHint().height() <= 740

    def fill(values: dict[str, str]) -> None:
        for key, value in values.items():
            w = dialog.inputs[key]
            if isinstance(w, QPlainTextEdit):
                w.setPlainText(value)
            elif isinstance(w, QComboBox):
                w.setCurrentText(value)
            else:
                w.setText(value)  # type: ignore[attr-defined]

    good = sample_values(form)
    id_field = next(f for f in form.fields if f.type is FieldType.ID_NUMBER)
    fill({**good, id_field.key: "110105194912310021"})
    dialog.submit()
    assert dialog.error.text().startswith(f"“{id_field.label}”：") and "校验位不对" in dialog.error.text()
    assert dialog.isVisible() and saved == []
    assert dialog.inputs[id_field.key].text() == "110105194912310021"  # type: ignore[attr-defined]

    required = next(f for f in reversed(form.fields) if f.required and f.type is not FieldType.CHOICE)
    fill({**good, required.key: ""})
    dialog.submit()
    assert dialog.error.text() == f"请填写“{required.label}”。" and saved == []
    assert dialog.inputs[required.key].hasFocus() or not dialog.isActiveWindow()
    assert dialog.values()[id_field.key] == good[id_field.key]  # the rest is kept as typed

    fill(good)
    dialog.submit()
    assert saved == [validate(form, good)] and not dialog.isVisible()


def test_wizard_prefills_the_card_phone_and_agent_into_the_form(qtbot, ctx, users) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from clerk_app.ui.intake import IntakeWizard
    from clerk_app.ui.tasks import TaskRunner

    w = IntakeWizard(ctx, users["clerk"], TaskRunner())
    qtbot.addWidget(w)
    w.show()
    w.applicant_step.fill_from_card({"id_number": APPLICANT_ID, "name": "张丽华", "address": "北京市朝阳区建国路88号",
                      "sex": "女", "nation": "汉", "birth_date": "19491231"})
    w.applicant_step.is_agent.setChecked(True)
    w.applicant_step.agent_id_number.setText("440524188001010014")
    w.applicant_step.agent_name.setText("李代办")
    w.applicant_step.delegation_scope.setText("代为办理异地就医备案")
    w.applicant_step.delegation_ack.setChecked(True)
    qtbot.keyClicks(w.applicant_step.phone, "13800138000")
    qtbot.keyClick(w.applicant_step.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 1, timeout=5000)
    w.matter_step.matter_search.setText("异地就医")  # QTest types ASCII only; an IME commits the words at once
    assert w.matter_step.matter_list.currentItem().text().startswith("职工基本医疗保险异地就医备案")
    qtbot.keyClick(w.matter_step.matter_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.steps.currentIndex() == 2, timeout=5000)
    w.materials_step.form_button.click()
    dialog = w.materials_step.form_dialog
    shown = dialog.values()
    assert (shown["insured_name"], shown["insured_id_number"], shown["insured_sex"], shown["insured_phone"]) \
        == ("张丽华", APPLICANT_ID, "女", "13800138000")
    assert (shown["agent_name"], shown["agent_id_number"]) == ("李代办", "440524188001010014")
    assert shown["destination"] == ""  # the matter's own data is the clerk's to enter


def test_every_authorised_matter_saves_and_prints_its_form_through_the_service(ctx, users, new_applicant,  # type: ignore[no-untyped-def]
                                                                              tmp_path: Path) -> None:
    from clerk_app.documents.application_print import print_application
    from clerk_app.services import cases as svc
    from clerk_app.services.forms import form_values, save_form

    clerk, applicant = users["clerk"], new_applicant()
    matters = ctx.catalogue.authorised()
    assert len(matters) >= 20
    for matter in matters:
        form = _form(matter.code)
        case = svc.open_case(ctx, clerk, matter_code=matter.code, applicant_id=applicant.id)
        sample = sample_values(form)
        save_form(ctx, clerk, case.number, sample)
        assert form_values(ctx, clerk, case.number) == validate(form, sample)
        text = _squash(pdf_text(print_application(ctx, clerk, case.number), tmp_path, layout=False))
        assert form.title in text and case.number in text, matter.name
        assert len(list((ctx.paths.documents / case.number).glob("application-*.pdf"))) == 1  # 一事一档


def test_cli_lists_the_forms_and_prints_a_blank_one(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "clerk_app", "documents", "form", *args], capture_output=True,
                              text=True, timeout=120, env={**os.environ, "CLERK_APP_ALLOW_UNENCRYPTED": "1"})

    listed = cli()
    assert listed.returncode == 0, listed.stderr
    assert [line.split("　")[0] for line in listed.stdout.splitlines()] == sorted(CODES)
    out = tmp_path / "blank.pdf"
    made = cli("--matter", "000119001000", "--out", str(out))
    assert made.returncode == 0, made.stderr
    text = _squash(pdf_text(out.read_bytes(), tmp_path, layout=False))
    assert "最低生活保障申请书" in text and "□自有住房" in text
    for wrong in ("000000000000", "../notices/acceptance"):
        refused = cli("--matter", wrong, "--out", str(tmp_path / "x.pdf"))
        assert refused.returncode != 0 and "没有录入式申请表" in refused.stderr
        assert not (tmp_path / "x.pdf").exists()
