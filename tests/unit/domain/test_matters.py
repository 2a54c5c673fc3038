"""The matter catalogue: the demo file shipped in resources/, and refusal of catalogue files with errors.

A refused file must say which file, which matter and which field is wrong (docs/catalogue-format.md),
because the person fixing it is a center administrator, not a programmer.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from typing import Any

import pytest

from clerk_app.domain.matters import (
    SPECIAL_PROCEDURES,
    CaseKind,
    Catalogue,
    CatalogueError,
    LimitUnit,
    MaterialForm,
    MatterType,
    Necessity,
    parse_catalogue,
)
from clerk_app.errors import DomainError, UserError
from clerk_app.paths import RESOURCES

DEMO_FILE = RESOURCES / "catalogue" / "demo.toml"
SOURCE = "center-catalogue.toml"


# --- the demo catalogue ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> Catalogue:
    data = tomllib.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return parse_catalogue(data, str(DEMO_FILE))


def test_demo_catalogue_loads_with_enough_matters_and_departments(demo: Catalogue) -> None:
    assert demo.name and demo.version
    assert len(demo.matters) >= 18
    assert len(demo.departments) >= 8


def test_demo_catalogue_covers_every_matter_type(demo: Catalogue) -> None:
    assert {m.type for m in demo.matters} == set(MatterType)


def test_demo_catalogue_uses_every_necessity_and_material_form(demo: Catalogue) -> None:
    materials = [mat for m in demo.matters for mat in m.materials]
    assert {mat.necessity for mat in materials} == set(Necessity)
    assert {mat.form for mat in materials} == set(MaterialForm)
    assert all(mat.name.strip() for mat in materials)
    assert sum(m.rongque_allowed for m in demo.matters) >= 3


def test_demo_catalogue_keeps_the_original_matter(demo: Catalogue) -> None:
    m = demo.by_code("000131127004")
    assert m.name == "个体工商户设立登记"
    assert m.type is MatterType.LICENSING
    assert m.tell_commit_eligible and m.rongque_allowed


def test_demo_codes_are_unique_twelve_character_strings(demo: Catalogue) -> None:
    codes = [m.code for m in demo.matters]
    assert len(set(codes)) == len(codes)
    assert all(isinstance(c, str) and len(c) == 12 for c in codes)


def test_demo_catalogue_has_special_procedures(demo: Catalogue) -> None:
    used = {p for m in demo.matters for p in m.special_procedures}
    assert used <= set(SPECIAL_PROCEDURES)
    assert {"现场核查", "专家评审", "检验", "听证"} <= used
    assert sum(bool(m.special_procedures) for m in demo.matters) >= 3


def test_demo_catalogue_mixes_case_kinds_and_limit_units(demo: Catalogue) -> None:
    assert {m.case_kind for m in demo.matters} == set(CaseKind)
    units = {m.legal_limit.unit for m in demo.matters}
    assert {LimitUnit.WORKING_DAYS, LimitUnit.CALENDAR_DAYS, LimitUnit.NONE} <= units
    permit = next(m for m in demo.matters if m.name == "居住证申领")
    assert (permit.legal_limit.value, permit.legal_limit.unit) == (15, LimitUnit.CALENDAR_DAYS)
    assert str(permit.legal_limit) == "15个自然日"


def test_demo_time_limits_are_consistent(demo: Catalogue) -> None:
    for m in demo.matters:
        # 即办件 ⇔ promised on the spot.
        assert (m.case_kind is CaseKind.IMMEDIATE) == (m.promise_limit.unit is LimitUnit.IMMEDIATE), m.name
        # The promise never exceeds the statutory limit when both are counted in the same unit.
        if m.promise_limit.unit == m.legal_limit.unit and m.legal_limit.unit in (
            LimitUnit.WORKING_DAYS, LimitUnit.CALENDAR_DAYS
        ):
            assert m.promise_limit.value <= m.legal_limit.value, m.name


def test_demo_catalogue_has_tell_commit_and_unauthorised_matters(demo: Catalogue) -> None:
    assert sum(m.tell_commit_eligible for m in demo.matters) >= 3
    unauthorised = [m for m in demo.matters if not m.window_authorised]
    assert 1 <= len(unauthorised) < len(demo.matters) // 2
    assert not set(unauthorised) & set(demo.authorised())
    assert len(demo.authorised()) == len(demo.matters) - len(unauthorised)


def test_demo_matters_are_fully_described(demo: Catalogue) -> None:
    for m in demo.matters:
        assert m.legal_basis and all(b.startswith("《") for b in m.legal_basis), m.name
        assert m.place and m.phone and m.keywords and m.accept_conditions, m.name
        assert m.department.strip(), m.name
    fees = [m.fee for m in demo.matters]
    assert fees.count("不收费") > len(fees) // 2
    assert any(f != "不收费" for f in fees)


# --- refusals ----------------------------------------------------------------------------------------

VALID = """
[catalogue]
name = "测试目录"
version = "1"

[[matter]]
code = "TEST00000001"
name = "测试事项甲"
type = "行政许可"
level = "县级"
department = "区测试局"
legal_limit_unit = "工作日"
legal_limit_days = 20
promise_limit_unit = "工作日"
promise_limit_days = 5

  [[matter.material]]
  name = "申请书"
  form = "原件"
  copies = 1
  necessity = "必要"

  [[matter.material]]
  name = "场所证明"
  form = "复印件"
  necessity = "容缺后补"

[[matter]]
code = "TEST00000002"
name = "测试事项乙"
type = "公共服务"
level = "县级"
department = "区测试局"
legal_limit_unit = "无"
promise_limit_unit = "即办"
case_kind = "即办件"

  [[matter.material]]
  name = "身份证件"
"""


def _valid() -> dict[str, Any]:
    return tomllib.loads(VALID)


def _refusal(mutate: Callable[[dict[str, Any]], object]) -> str:
    data = _valid()
    mutate(data)
    with pytest.raises(CatalogueError) as exc:
        parse_catalogue(data, SOURCE)
    return str(exc.value)


def _first(data: dict[str, Any]) -> dict[str, Any]:
    return data["matter"][0]


def test_the_refusal_fixture_itself_is_valid() -> None:
    cat = parse_catalogue(_valid(), SOURCE)
    assert [m.code for m in cat.matters] == ["TEST00000001", "TEST00000002"]
    first, second = cat.matters
    assert first.case_kind is CaseKind.PROMISED  # the default
    assert first.materials[1].copies == 1  # the default
    assert second.materials[0].form is MaterialForm.ORIGINAL and second.materials[0].necessity is Necessity.REQUIRED
    assert second.fee == "不收费" and second.window_authorised and not second.tell_commit_eligible


def test_catalogue_error_is_a_user_error() -> None:
    # Shown to the administrator as a sentence, not as a crash report.
    assert issubclass(CatalogueError, DomainError) and issubclass(CatalogueError, UserError)


MATTER_ERRORS = [
    # (id, mutation on the first matter, matter label in the message, field in the message, extra text)
    ("missing name", lambda m: m.pop("name"), "TEST00000001", "name", "缺少"),
    ("empty name", lambda m: m.update(name=""), "TEST00000001", "name", "缺少"),
    ("missing code", lambda m: m.pop("code"), "测试事项甲", "code", "缺少"),
    ("code written as a number", lambda m: m.update(code=131127004), "测试事项甲", "code", "类型"),
    ("code too long", lambda m: m.update(code="X" * 65), "测试事项甲", "code", "64"),
    ("bad type", lambda m: m.update(type="行政审批"), "测试事项甲", "type", "行政许可"),
    ("missing type", lambda m: m.pop("type"), "测试事项甲", "type", "缺少"),
    ("bad level", lambda m: m.update(level="区级"), "测试事项甲", "level", "县级"),
    ("missing department", lambda m: m.pop("department"), "测试事项甲", "department", "缺少"),
    ("bad case kind", lambda m: m.update(case_kind="即时办结"), "测试事项甲", "case_kind", "即办件"),
    ("negative limit", lambda m: m.update(legal_limit_days=-5), "测试事项甲", "legal_limit_days", "范围"),
    ("absurd limit", lambda m: m.update(promise_limit_days=99999), "测试事项甲", "promise_limit_days", "范围"),
    ("limit as text", lambda m: m.update(legal_limit_days="20"), "测试事项甲", "legal_limit_days", "类型"),
    ("missing limit days", lambda m: m.pop("legal_limit_days"), "测试事项甲", "legal_limit_days", "缺少"),
    ("bad limit unit", lambda m: m.update(legal_limit_unit="月"), "测试事项甲", "legal_limit_unit", "自然日"),
    ("empty material list", lambda m: m.update(material=[]), "测试事项甲", "material", "材料"),
    ("no material list", lambda m: m.pop("material"), "测试事项甲", "material", "材料"),
    ("unknown special procedure", lambda m: m.update(special_procedures=["现场核查", "公示"]), "测试事项甲",
     "special_procedures", "公示"),
    ("rongque days zero", lambda m: m.update(rongque_default_days=0), "测试事项甲", "rongque_default_days", "1–60"),
    ("rongque days too many", lambda m: m.update(rongque_default_days=365), "测试事项甲", "rongque_default_days",
     "1–60"),
]


@pytest.mark.parametrize(("mutate", "matter", "field", "extra"), [c[1:] for c in MATTER_ERRORS],
                         ids=[c[0] for c in MATTER_ERRORS])
def test_matter_error_names_file_matter_and_field(mutate, matter: str, field: str, extra: str) -> None:
    msg = _refusal(lambda data: mutate(_first(data)))
    assert SOURCE in msg
    assert f"事项“{matter}”" in msg
    assert f"“{field}”" in msg or f"（{field}）" in msg
    assert extra in msg


MATERIAL_ERRORS = [
    # (id, mutation on the first material of the first matter, material label, field, extra text)
    ("bad necessity", lambda m: m.update(necessity="必须"), "申请书", "necessity", "容缺后补"),
    ("bad form", lambda m: m.update(form="扫描件"), "申请书", "form", "原件和复印件"),
    ("negative copies", lambda m: m.update(copies=-1), "申请书", "copies", "0–99"),
    ("absurd copies", lambda m: m.update(copies=100), "申请书", "copies", "0–99"),
    ("copies as text", lambda m: m.update(copies="一份"), "申请书", "copies", "0–99"),
    ("missing material name", lambda m: m.pop("name"), "", "name", "缺少"),
]


@pytest.mark.parametrize(("mutate", "material", "field", "extra"), [c[1:] for c in MATERIAL_ERRORS],
                         ids=[c[0] for c in MATERIAL_ERRORS])
def test_material_error_names_file_matter_material_and_field(mutate, material: str, field: str, extra: str) -> None:
    msg = _refusal(lambda data: mutate(_first(data)["material"][0]))
    assert SOURCE in msg
    assert "事项“测试事项甲”" in msg
    assert f"第 1 项材料“{material}”" in msg
    assert f"“{field}”" in msg
    assert extra in msg


def test_error_in_a_later_matter_names_that_matter() -> None:
    msg = _refusal(lambda data: data["matter"][1]["material"][0].update(necessity="可选"))
    assert SOURCE in msg and "事项“测试事项乙”" in msg and "“necessity”" in msg
    assert "测试事项甲" not in msg


def test_duplicate_code_is_refused_naming_the_code_and_the_matter() -> None:
    msg = _refusal(lambda data: data["matter"][1].update(code="TEST00000001"))
    assert SOURCE in msg
    assert "事项“测试事项乙”" in msg
    assert "TEST00000001" in msg and "重复" in msg


def test_catalogue_without_matters_is_refused_naming_the_file() -> None:
    msg = _refusal(lambda data: data.pop("matter"))
    assert SOURCE in msg and "[[matter]]" in msg


def test_toml_text_with_an_error_is_refused_end_to_end() -> None:
    text = VALID.replace('necessity = "容缺后补"', 'necessity = "容缺"')
    with pytest.raises(CatalogueError) as exc:
        parse_catalogue(tomllib.loads(text), SOURCE)
    msg = str(exc.value)
    assert SOURCE in msg and "测试事项甲" in msg and "第 2 项材料“场所证明”" in msg and "“necessity”" in msg


def test_the_demo_file_with_one_error_is_refused_naming_it() -> None:
    data = tomllib.loads(DEMO_FILE.read_text(encoding="utf-8"))
    bad = copy.deepcopy(data)
    victim = next(m for m in bad["matter"] if m["name"] == "居住证申领")
    victim["legal_limit_days"] = -15
    with pytest.raises(CatalogueError) as exc:
        parse_catalogue(bad, str(DEMO_FILE))
    msg = str(exc.value)
    assert str(DEMO_FILE) in msg and "居住证申领" in msg and "legal_limit_days" in msg


# --- refusals that once were gaps in the parser ---------------------------------------------------


def test_quoted_boolean_is_refused() -> None:
    msg = _refusal(lambda data: _first(data).update(window_authorised="false"))
    assert "window_authorised" in msg


def test_keywords_given_as_one_string_are_refused() -> None:
    msg = _refusal(lambda data: _first(data).update(keywords="个体户"))
    assert "keywords" in msg


def test_single_matter_table_is_refused_not_crashed() -> None:
    msg = _refusal(lambda data: data.update(matter=data["matter"][0]))
    assert SOURCE in msg and "matter" in msg


def test_material_that_is_not_a_table_is_refused_not_crashed() -> None:
    msg = _refusal(lambda data: _first(data).update(material=["申请书"]))
    assert SOURCE in msg and "material" in msg


def test_misspelt_key_is_refused() -> None:
    def typo(data: dict[str, Any]) -> None:
        mat = _first(data)["material"][1]
        mat["necesity"] = mat.pop("necessity")  # would silently become 必要

    msg = _refusal(typo)
    assert "necesity" in msg
