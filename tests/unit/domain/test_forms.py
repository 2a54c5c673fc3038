import tomllib
from copy import deepcopy
from datetime import date

import pytest

from clerk_app.domain.forms import FormError, parse_form, prefill, validate
from clerk_app.errors import DomainError
from clerk_app.paths import FORMS

DATA = tomllib.loads((FORMS / "intake" / "000131127004.toml").read_text(encoding="utf-8"))
FORM = parse_form(DATA, "gtgsh.toml")
GOOD = {"operator_name": "张三丰", "operator_id": "11010519491231002x", "operator_phone": "13800138000",
        "composition": "个人经营", "business_scope": "日用百货零售", "premises": "北京市海淀区中关村大街1号",
        "capital": "5", "employees": "2"}


def test_card_prefills_name_id_and_premises() -> None:
    card = {"name": "张丽华", "id_number": "11010519491231002X", "address": "北京市朝阳区建国路88号", "sex": "女"}
    assert prefill(FORM, card) == {"operator_name": "张丽华", "operator_id": "11010519491231002X",
                                   "premises": "北京市朝阳区建国路88号"}


def test_valid_values_are_cleaned() -> None:
    cleaned = validate(FORM, {**GOOD, "business_scope": "日用\x07百货零售 "}, today=date(2026, 3, 2))
    assert cleaned["operator_id"] == "11010519491231002X" and cleaned["business_scope"] == "日用百货零售"
    assert cleaned["business_name"] == ""  # optional and empty


@pytest.mark.parametrize(("change", "message"), [
    ({"operator_name": ""}, "请填写“经营者姓名”"),
    ({"operator_id": "440308199901101513"}, "校验位不对"),
    ({"operator_phone": "12345"}, "联系电话"),
    ({"composition": "合伙经营"}, "只能选：个人经营、家庭经营"),
    ({"capital": "很多"}, "应为数字"),
    ({"employees": "0"}, "应在 1 到 1000 之间"),
    ({"business_scope": "经" * 501}, "过长"),
])
def test_each_wrong_value_is_named(change: dict, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        validate(FORM, {**GOOD, **change}, today=date(2026, 3, 2))


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d["field"][0].update(lable="x"), "不认识的键“lable”"),
    (lambda d: d["field"][0].update(type="signature"), "type“signature”无效"),
    (lambda d: d["field"][0].update(prefill="photo"), "不是身份证上的项目"),
    (lambda d: d["field"][4].pop("choices"), "choices"),
    (lambda d: d["field"].append(dict(d["field"][0])), "key 重复：operator_name"),
    (lambda d: d.pop("form"), "缺少 \\[form\\]"),
])
def test_bad_definitions_are_refused_naming_file_and_field(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    data = deepcopy(DATA)
    mutate(data)
    with pytest.raises(FormError, match=message) as exc:
        parse_form(data, "bad.toml")
    assert "bad.toml" in exc.value.message


def test_every_declared_form_matches_a_catalogue_matter() -> None:
    import tomllib as toml

    from clerk_app.domain.matters import parse_catalogue
    from clerk_app.paths import RESOURCES

    catalogue = parse_catalogue(toml.loads((RESOURCES / "catalogue" / "demo.toml").read_text(encoding="utf-8")), "demo")
    files = sorted((FORMS / "intake").glob("*.toml"))
    assert len(files) >= 3
    for path in files:
        form = parse_form(toml.loads(path.read_text(encoding="utf-8")), str(path))
        # Matters not (yet) authorised to the window keep a form too: it is ready the day the
        # department authorises them, and by_code refuses a code the catalogue does not know.
        assert form.matter_code == path.stem and catalogue.by_code(form.matter_code).code == path.stem
        assert any(f.prefill == "id_number" for f in form.fields)  # the card fills the identity
