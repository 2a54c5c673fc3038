"""Hypothesis fuzzing of what comes from outside: catalogue files, form input on its way to paper, and the
sync protocol models. The rule in each case: a result, or a UserError whose message names the problem;
never another exception. (The GA/T 467 ID frame parser has its own in tests/devices/test_ga467_protocol.py.)
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from clerk_app.domain.matters import MATERIAL_KEYS, MATTER_KEYS, Catalogue, CatalogueError, parse_catalogue
from clerk_app.errors import DomainError, UserError
from sync import protocol as p

ROOT = Path(__file__).resolve().parents[2]
DEMO = (ROOT / "resources" / "catalogue" / "demo.toml").read_text(encoding="utf-8")
# Header and the first two matters: a valid document small enough to mutate quickly.
SMALL = "[[matter]]".join(DEMO.split("[[matter]]")[:3])
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


def _controls(s: str) -> set[str]:
    return {ch for ch in s if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n"}


# -- catalogue import ---------------------------------------------------------------------------

def _import(raw: bytes) -> Catalogue:
    from clerk_app.services.catalogue_admin import _parse  # the bytes -> catalogue step of import

    return _parse(raw, "导入.toml")


def _assert_refusal_names_the_problem(exc: UserError) -> None:
    assert "导入.toml" in exc.message or "目录" in exc.message, exc.message  # the file, or the catalogue


toml_values = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.text(max_size=30).map(lambda s: json.dumps(s, ensure_ascii=False)),
    st.sampled_from(["true", "false", "[]", "{}", '["甲", 1]', "1979-05-27", "3.5", "inf", "nan", '"即办"', '"工作日"',
                     '"必要"', '"原件"', "99", "3651", "-1", '{ name = "x" }', '"行政许可"', '"县级"']),
)


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    lines = SMALL.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "value", "insert", "truncate", "key"]))
        if how == "delete":
            del lines[i]
        elif how == "duplicate":
            lines.insert(i, lines[i])
        elif how == "value" and "=" in lines[i]:
            lines[i] = lines[i].split("=", 1)[0] + "= " + draw(toml_values)
        elif how == "key" and "=" in lines[i]:
            key = draw(st.sampled_from(sorted(MATTER_KEYS | MATERIAL_KEYS)) | st.from_regex(r"[a-z_]{1,12}", fullmatch=True))
            lines[i] = key + " =" + lines[i].split("=", 1)[1]
        elif how == "insert":
            lines.insert(i, draw(st.text(max_size=40)))
        elif how == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        if not lines:
            lines = [""]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16-le"]))
    return "\n".join(lines).encode(encoding, errors="surrogatepass")


@settings(FUZZ, max_examples=300)
@given(raw=mutated_documents())
def test_mutated_catalogue_imports_parse_or_name_the_problem(raw: bytes) -> None:
    try:
        catalogue = _import(raw)
    except UserError as exc:
        event("refused")
        _assert_refusal_names_the_problem(exc)
        return
    event("parsed")
    assert catalogue.matters and all(m.code and m.name and m.materials for m in catalogue.matters)


@settings(FUZZ, max_examples=150)
@given(raw=st.binary(max_size=400) | st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_as_catalogue_are_refused_with_a_message(raw: bytes) -> None:
    with pytest.raises(UserError) as refused:
        _import(raw)
    _assert_refusal_names_the_problem(refused.value)


toml_leaf = (st.integers(min_value=-(2**63), max_value=2**63 - 1) | st.text(max_size=12) | st.booleans()
             | st.floats() | st.dates())
keys = st.sampled_from(sorted(MATTER_KEYS | MATERIAL_KEYS | {"catalogue", "matter", "material"})) | st.text(max_size=6)
toml_tree = st.recursive(toml_leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
                         max_leaves=40)


@settings(FUZZ, max_examples=300)
@given(data=st.dictionaries(st.sampled_from(["catalogue", "matter"]) | st.text(max_size=5), toml_tree, max_size=3))
def test_arbitrary_toml_structures_parse_or_raise_catalogue_error(data: dict[str, Any]) -> None:
    try:
        parse_catalogue(data, "导入.toml")
    except CatalogueError as exc:
        assert "导入.toml" in exc.message, exc.message


@pytest.mark.parametrize("text", [
    "matter = 5",  # found by the fuzzer: a number for matter was a TypeError
    'matter = "abc"',
    "catalogue = 5\n" + SMALL.split("[catalogue]")[1].split("\n", 3)[3],  # a non-table head: AttributeError
])
def test_fuzzer_findings_are_refused_in_chinese(text: str) -> None:
    with pytest.raises(CatalogueError, match="目录文件 导入.toml"):
        _import(text.encode())


# -- form input on its way to paper -------------------------------------------------------------

def _forms() -> list[Any]:
    from clerk_app.services.forms import form_for_matter

    codes = sorted(f.stem for f in (ROOT / "forms" / "intake").glob("*.toml"))
    return [f for f in (form_for_matter(c) for c in codes) if f is not None]


FORMS = _forms()
hostile_text = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(codec="utf-8"), min_size=150, max_size=400),  # overlong
    st.lists(st.sampled_from(["张三", "\x00", "\x1b", "\x1b@", "\r\n", "\t", "\u202e", "\x7f", "\x85", " ",
                              "１２３", "13800138000", "2026-03-02", "　", "\u200b"]), max_size=12).map("".join),
)


CONTROLS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u200b", "\r", "\n", "\t", "\x0c"]


def _plausible(f: Any) -> st.SearchStrategy[str]:
    """A plausible value for the field's type."""
    from clerk_app.domain.forms import FieldType, credit_code_check

    if f.pattern and f.type in (FieldType.TEXT, FieldType.TEXTAREA):
        return st.from_regex(f.pattern, fullmatch=True).filter(lambda v: len(v) <= f.max_length)
    if f.type is FieldType.CHOICE:
        return st.sampled_from(f.choices)
    if f.type is FieldType.ID_NUMBER:
        return st.sampled_from(["11010519491231002X", "110105194912310038", "１１０１０５１９４９１２３１００２ｘ"])
    if f.type is FieldType.PHONE:
        return st.sampled_from(["13800138000", "010-12345678", "138 0013 8000"])
    if f.type is FieldType.DATE:
        return st.dates(date(1950, 1, 1), date(2030, 12, 31)).map(date.isoformat)
    if f.type in (FieldType.NUMBER, FieldType.INTEGER):
        low, high = int(f.min if f.min is not None else 0), int(f.max if f.max is not None else 10**6)
        return st.integers(low, high).map(str)
    if f.type is FieldType.CREDIT_CODE:
        body = st.tuples(st.from_regex(r"[0-9]{6}", fullmatch=True),
                         st.from_regex(r"[0-9A-HJ-NPQRTUWXY]{9}", fullmatch=True)).map(lambda t: "91" + t[0] + t[1])
        return body.map(lambda b: b + credit_code_check(b))
    return st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]),
                   min_size=1 if f.required else 0, max_size=min(30, f.max_length))


# Each field's strategy is built once, not per example: a strategy made inside a draw is validated again
# each time, and a filter's lambda is parsed from its source for every new one (half the test's CPU). The
# values drawn are the same.
PLAUSIBLE = {(i, f.key): _plausible(f) for i, form in enumerate(FORMS) for f in form.fields}
SPRINKLED = st.lists(st.sampled_from(CONTROLS), max_size=4)


@st.composite
def field_values(draw: st.DrawFn, form_index: int, f: Any, wild: bool) -> str:
    """A plausible value for the field's type with control characters sprinkled in; or, wild, anything."""
    base = draw(hostile_text if wild else PLAUSIBLE[form_index, f.key])
    for ch in draw(SPRINKLED):
        at = draw(st.integers(0, len(base)))
        base = base[:at] + ch + base[at:]
    return base


@settings(FUZZ, max_examples=300)
@given(form_index=st.integers(0, len(FORMS) - 1), wild=st.booleans(), data=st.data())
def test_form_values_are_cleaned_and_limited_or_refused(form_index: int, wild: bool, data: st.DataObject) -> None:
    from clerk_app.domain.forms import validate

    form = FORMS[form_index]
    values = {f.key: data.draw(field_values(form_index, f, wild), label=f.key) for f in form.fields}
    try:
        cleaned = validate(form, values, today=date(2026, 3, 2))
    except DomainError as exc:
        event("refused")
        assert "“" in exc.message or "请填写" in exc.message, exc.message  # names the field
        return
    event("accepted")
    for f in form.fields:
        assert not _controls(cleaned[f.key]), (f.key, cleaned[f.key])
        assert len(cleaned[f.key]) <= f.max_length


@settings(FUZZ, max_examples=25)
@given(name=hostile_text | st.lists(st.sampled_from(["张三丰", "欧阳", *CONTROLS]), min_size=1, max_size=8).map("".join),
       address=hostile_text)
def test_hostile_names_never_reach_a_receipt_or_pdf_as_control_characters(name: str, address: str) -> None:
    """Through the applicant rules to the thermal receipt (ESC/POS) and the A4 receipt read back."""
    import dataclasses

    import pypdfium2

    from clerk_app.documents.context import Person, demo_context
    from clerk_app.documents.receipts import receipt_escpos, receipt_lines, receipt_pdf
    from clerk_app.domain.applicants import Applicant, ApplicantKind

    try:
        a = Applicant.create(id="a", kind=ApplicantKind.PERSON, name=name, id_number="11010519491231002X",
                             address=address, today=date(2026, 3, 2))
    except DomainError:
        event("refused by the applicant rules")
        return
    assert not _controls(a.name) and not _controls(a.address)
    ctx = dataclasses.replace(demo_context(), applicant=Person(a.name, a.id_number, "", a.address))
    assert all(not _controls(v) for _, v in receipt_lines(ctx))
    try:
        receipt_escpos(ctx)  # refuses control characters itself: must not have to
        pdf = receipt_pdf(ctx)
    except UserError as exc:
        assume(exc.code == "document.missing_glyph")  # a character the font lacks: refused in Chinese, as designed
        return
    event("printed and read back")
    doc = pypdfium2.PdfDocument(pdf)
    text = "".join(page.get_textpage().get_text_range() for page in doc)
    doc.close()
    assert not {ch for ch in _controls(text) if ch not in "\r\n"}


# -- the sync protocol models -------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=30)
MODELS = [p.PushRequest, p.Mutation, p.EnrolRequest, p.TokenRequest, p.PullResponse, p.DistItem
          if hasattr(p, "DistItem") else p.Change]


def _mutation_like(draw: st.DrawFn) -> dict[str, Any]:
    good = {"seq": 1, "mutation_id": "m1", "tx_id": "t1", "entity": "cases", "entity_id": "c1", "op": "insert",
            "data": {"id": "c1"}, "hlc": "0", "actor": "clerk", "client_time": "2026-03-02T10:00:00",
            "schema_version": 1}
    for key in draw(st.lists(st.sampled_from(sorted(good) + ["extra"]), max_size=3)):
        good[key] = draw(json_values)
    return good


# Built once, not inside each example (a new strategy is validated again on every draw).
PAYLOADS = json_values | st.builds(dict) | st.composite(lambda draw: {
    "protocol_version": 1, "device_id": draw(json_values), "mutations": [_mutation_like(draw)]})()


@settings(FUZZ, max_examples=400)
@given(model=st.sampled_from(MODELS), data=st.data())
def test_protocol_models_validate_or_raise_validation_error(model: type, data: st.DataObject) -> None:
    value = data.draw(PAYLOADS)
    try:
        obj = model.model_validate(value)
    except ValidationError as exc:
        assert exc.errors()  # each problem located (the server answers 422 with the locations)
    else:
        assert model.model_validate(obj.model_dump()) == obj


@settings(FUZZ, max_examples=200)
@given(text=st.text(max_size=30))
def test_protocol_text_with_lone_surrogates_is_a_validation_error(text: str) -> None:
    """Found by fuzzing the center: a JSON "\\ud800" escape reached the database as a 500."""
    raw = json.dumps({"device_id": text + "\ud800", "refresh_token": text})
    with pytest.raises(ValidationError, match="surrogate"):
        p.TokenRequest.model_validate(json.loads(raw))
