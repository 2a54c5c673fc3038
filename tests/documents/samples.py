"""A filled sample for any declared application form: a valid value per field, each one unique, so
a printed form read back shows whether every value made it onto the paper."""

from __future__ import annotations

from clerk_app.domain.forms import FieldDef, FieldType, FormDefinition

# Text fields with a pattern need a value of that shape; a new pattern needs a sample here.
PATTERN_SAMPLES = {
    "bank_account": "6222020200112233445",
    "birth_certificate": "Q110123456",
    "pinyin_name": "ZHANG SANFENG",
    "certificate": "110110000000001",
    "size": "6.5×2.4",
}
APPLICANT_ID, AGENT_ID = "11010519491231002X", "440524188001010014"
CREDIT_CODES = ("91110108551385082Q", "91440300708461136T")
LONG = "因经营需要，申请人已于本月与出租方签订新的租赁合同，现依照规定如实填报，并对所填内容的真实性负责"


def sample_value(f: FieldDef, index: int) -> str:
    agent = f.key.startswith("agent")
    if f.type is FieldType.ID_NUMBER:
        return AGENT_ID if agent or index > 3 else APPLICANT_ID
    if f.type is FieldType.PHONE:
        return f"1390000{index:04d}"
    if f.type is FieldType.CREDIT_CODE:
        return CREDIT_CODES[index % 2]
    if f.type is FieldType.DATE:
        return f"2026-0{1 + index % 9}-{10 + index % 18:02d}"
    if f.type in (FieldType.NUMBER, FieldType.INTEGER):
        low = f.min if f.min is not None else 0
        high = f.max if f.max is not None else low + 100
        value = min(max(low, 1 + index), high)
        return str(int(value)) if f.type is FieldType.INTEGER or float(value).is_integer() else str(value)
    if f.type is FieldType.CHOICE:
        return f.choices[index % len(f.choices)]
    if f.pattern:
        return PATTERN_SAMPLES[f.key]
    if f.type is FieldType.TEXTAREA:
        return f"{f.label}第{index}项：{LONG}。"[: f.max_length]
    return f"样{index}{f.label}"[: f.max_length]


def sample_values(form: FormDefinition) -> dict[str, str]:
    return {f.key: sample_value(f, i) for i, f in enumerate(form.fields)}
