"""Form definition keys beyond the basics: sections, patterns, integers, 统一社会信用代码, and the
prefill of what the identity step already knows."""

from datetime import date

import pytest

from clerk_app.domain.forms import FieldType, FormError, credit_code_check, parse_form, prefill, validate
from clerk_app.errors import DomainError


def _form(*fields: dict) -> dict:
    return {"form": {"matter": "x", "title": "测试表"}, "field": [dict(f) for f in fields]}


ID = {"key": "applicant_id", "label": "身份证件号码", "type": "id_number", "prefill": "id_number"}
CODE = {"key": "credit_code", "label": "统一社会信用代码", "type": "credit_code", "required": True,
        "section": "单位信息"}
COUNT = {"key": "members", "label": "家庭人口", "type": "integer", "min": 1, "max": 20}
ACCOUNT = {"key": "account", "label": "银行账号", "pattern": r"\d{12,30}", "help": "12–30 位数字"}
FORM = parse_form(_form(ID, CODE, COUNT, ACCOUNT), "rules.toml")
GOOD = {"applicant_id": "11010519491231002X", "credit_code": "91110108551385082Q", "members": "3",
        "account": "6222020200112233445"}


def test_section_starts_a_group_and_new_types_parse() -> None:
    assert [f.section for f in FORM.fields] == ["", "单位信息", "", ""]
    assert FORM.fields[1].type is FieldType.CREDIT_CODE and FORM.fields[2].type is FieldType.INTEGER


@pytest.mark.parametrize("code", ["91110108551385082Q", "91440300708461136T", " 9111 0108 5513 8508 2q "])
def test_real_credit_codes_pass_and_are_normalised(code: str) -> None:
    assert validate(FORM, {**GOOD, "credit_code": code})["credit_code"] == code.replace(" ", "").upper()


def test_credit_code_check_character_follows_gb_32100() -> None:
    assert credit_code_check("91110108551385082") == "Q"


@pytest.mark.parametrize(("change", "message"), [
    ({"credit_code": "91110108551385082A"}, "校验位不对：按前 17 位应为“Q”"),
    ({"credit_code": "9111010855138508"}, "应为 18 位统一社会信用代码，现在是 16 位"),
    ({"credit_code": "91110108551385O82Q"}, "含有“O”"),
    ({"credit_code": "91AB0108551385082Q"}, "第 3–8 位"),
    ({"members": "2.5"}, "“家庭人口”应为整数"),
    ({"members": "0"}, "应在 1 到 20 之间"),
    ({"members": "nan"}, "应为整数"),
    ({"account": "6222-0202"}, "“银行账号”格式不对：12–30 位数字"),
])
def test_wrong_values_are_refused_in_chinese(change: dict, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        validate(FORM, {**GOOD, **change}, today=date(2026, 3, 2))


def test_full_width_digits_from_an_ime_are_accepted_and_stored_plain() -> None:
    cleaned = validate(FORM, {**GOOD, "members": "１２"})
    assert cleaned["members"] == "12"


def test_number_refuses_infinity_and_nan() -> None:
    form = parse_form(_form(ID, {"key": "area", "label": "面积", "type": "number", "min": 0}), "n.toml")
    for bad in ("inf", "nan", "1e400", "-0x10"):
        with pytest.raises(DomainError, match="“面积”应为数字"):
            validate(form, {"applicant_id": GOOD["applicant_id"], "area": bad})
    assert validate(form, {"applicant_id": GOOD["applicant_id"], "area": "１２.５"})["area"] == "12.5"


def test_dates_are_stored_in_iso_form() -> None:
    form = parse_form(_form({"key": "since", "label": "日期", "type": "date"}), "d.toml")
    assert validate(form, {"since": "20260302"})["since"] == "2026-03-02"
    with pytest.raises(DomainError, match="应为日期"):
        validate(form, {"since": "2026-02-30"})


@pytest.mark.parametrize(("field", "message"), [
    ({**ACCOUNT, "pattern": "(\\d"}, "不是有效的正则表达式"),
    ({**ACCOUNT, "help": ""}, "写了 pattern 就要写 help"),
    ({**COUNT, "type": "integer", "pattern": "\\d+", "help": "数字"}, "pattern 只能用于 text"),
    ({**COUNT, "min": "1"}, "min 应为数字"),
    ({**COUNT, "min": 30}, "min（30）大于 max（20）"),
    ({**ACCOUNT, "max": 3}, "只有 number、integer 类型的字段可以写 max"),
    ({**ACCOUNT, "choices": ["a"]}, "只有 choice 类型的字段可以写 choices"),
    ({**ACCOUNT, "section": 3}, "section 应为文字"),
    ({**ACCOUNT, "prefill": "photo"}, "不是身份证上的项目"),
])
def test_bad_new_keys_are_refused_naming_file_and_field(field: dict, message: str) -> None:
    with pytest.raises(FormError, match=message) as exc:
        parse_form(_form(ID, field), "bad.toml")
    assert "bad.toml" in exc.value.message and field["label"] in exc.value.message


def test_typed_id_number_gives_birth_date_and_sex_and_intake_fills_agent() -> None:
    form = parse_form(_form(
        ID, {"key": "birth", "label": "出生日期", "type": "date", "prefill": "birth_date"},
        {"key": "sex", "label": "性别", "type": "choice", "choices": ["男", "女"], "prefill": "sex"},
        {"key": "phone", "label": "联系电话", "type": "phone", "prefill": "phone"},
        {"key": "agent", "label": "代理人姓名", "prefill": "agent_name"},
        {"key": "agent_id", "label": "代理人身份证件号码", "type": "id_number", "prefill": "agent_id_number"},
    ), "p.toml")
    filled = prefill(form, {"id_number": "11010519491231002X", "phone": "13800138000", "agent_name": "李四",
                            "agent_id_number": "440524188001010014", "address": ""})
    assert filled == {"applicant_id": "11010519491231002X", "birth": "1949-12-31", "sex": "女",
                      "phone": "13800138000", "agent": "李四", "agent_id": "440524188001010014"}
    # the card's own birth date (YYYYMMDD) wins over the number and is shown as a date
    assert prefill(form, {"id_number": "11010519491231002X", "birth_date": "19491230", "sex": "男"})["birth"] \
        == "1949-12-30"
    # a wrong typed number fills nothing derived (the identity step reports it)
    assert "birth" not in prefill(form, {"id_number": "110105194912310021"})


def test_signature_line_is_declared_per_form_and_head_keys_are_checked() -> None:
    assert FORM.signature == "申请人（签字）"
    data = _form(ID)
    data["form"]["signature"] = "申请单位（盖章）　法定代表人（签字）"
    assert parse_form(data, "s.toml").signature == "申请单位（盖章）　法定代表人（签字）"
    data["form"]["signatur"] = "x"
    with pytest.raises(FormError, match="s.toml 的 \\[form\\] 段：不认识的键“signatur”"):
        parse_form(data, "s.toml")
    data = _form(ID)
    data["form"]["signature"] = " "
    with pytest.raises(FormError, match="signature（签字栏）应为文字"):
        parse_form(data, "s.toml")
