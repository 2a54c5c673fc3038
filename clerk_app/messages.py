"""Every sentence the program says to people about a fault, once, in Chinese and English.

Errors are raised as ``UserError(code, **params)`` (or a subclass); a status that is not an error
(a device's state, a sync round's last error) is a ``Text(code, **params)``. ``CATALOGUE`` maps each
code to its two templates, written with ``str.format`` fields named after the parameters. Numbers
that come from a rule (the 15-minute lock, the 5 working days) are parameters filled from the rule's
constant at the raise site, never written into a template.

A parameter may itself be a ``Text`` or a ``UserError`` (rendered in the same language), an enum
with a ``label`` (the caller's ``label`` function names it in the language; the domain's own label
is the Chinese), or a list or tuple (joined with 、 or ", "). Everything else is shown as ``str``.
A code names its area first (``auth.``, ``case.``, ``store.``, ``sync.`` …); codes and parameters
are checked against the raise sites by ``tests/unit/test_messages.py``.

Adding a message: add the code here with both sentences, raise ``UserError("area.what", name=value)``.
Error texts never carry citizen data: no ID number, name, phone or address as a parameter.

A sentence kept for later (a sync round's last error, in the database) is stored with ``dumps``
and read back with ``loads``, so that it is still shown in the language of the day.

Public API: ``CATALOGUE``, ``Text``, ``render(code, params, language, label)``, ``dumps``, ``loads``,
``fields``, ``LANGUAGES``.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

ZH, EN = "zh_CN", "en"
LANGUAGES = (ZH, EN)
Label = Callable[[Enum], str]


class Text(str):
    """A sentence from the catalogue. As a ``str`` it is the Chinese (what logs, the CLI and the
    lower layers compare); ``code`` and ``params`` render it in any language (``in_language``)."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> Text:
        self = super().__new__(cls, render(code, params, ZH))
        self.code, self.params = code, params
        return self

    def in_language(self, language: str, label: Label | None = None) -> str:
        return render(self.code, self.params, language, label)

    def __reduce__(self) -> tuple[Any, ...]:  # pickles (the print queue, subprocess results) keep the code
        return (_text, (self.code, self.params))


def _text(code: str, params: dict[str, Any]) -> Text:
    return Text(code, **params)


def _chinese_label(member: Enum) -> str:
    return str(getattr(member, "label", member.value))


def _value(value: Any, language: str, label: Label | None) -> Any:
    if isinstance(value, Text):
        return value.in_language(language, label)
    code, params = getattr(value, "code", None), getattr(value, "params", None)
    if isinstance(value, Exception) and isinstance(code, str) and isinstance(params, dict) and code in CATALOGUE:
        return render(code, params, language, label)  # a UserError nested in a sentence (不能受理：<why>)
    if isinstance(value, Enum) and hasattr(value, "label"):
        return label(value) if label is not None and language != ZH else _chinese_label(value)
    if isinstance(value, list | tuple | frozenset | set):
        items = [str(_value(v, language, label)) for v in value]
        return ("、" if language == ZH else ", ").join(items)
    return value


def render(code: str, params: Mapping[str, Any], language: str = ZH, label: Label | None = None) -> str:
    """The sentence for ``code`` in ``language`` (Chinese for any language without its own)."""
    zh, en = CATALOGUE[code]
    template = en if language == EN else zh
    return template.format(**{k: _value(v, language, label) for k, v in params.items()})


def _plain(value: Any) -> Any:
    if isinstance(value, Text):
        return {"code": value.code, "params": {k: _plain(v) for k, v in value.params.items()}}
    if isinstance(value, Exception) and isinstance(getattr(value, "message", None), Text):
        return _plain(value.message)  # type: ignore[attr-defined]
    if isinstance(value, list | tuple | frozenset | set):
        return [_plain(v) for v in value]
    if isinstance(value, int | float | str) and not isinstance(value, Enum):
        return value if type(value) in (int, float, str, bool) else str(value)
    return str(_value(value, ZH, None))  # an enum, a date, a path: its Chinese form


def _revive(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"code", "params"} and value["code"] in CATALOGUE:
        return Text(value["code"], **{k: _revive(v) for k, v in value["params"].items()})
    if isinstance(value, list):
        return [_revive(v) for v in value]
    return value


def dumps(text: str) -> str:
    """``text`` for storage: a ``Text`` as JSON (its code and parameters), any other str as it is."""
    return json.dumps(_plain(text), ensure_ascii=False) if isinstance(text, Text) else text


def loads(stored: str) -> str:
    """What ``dumps`` stored: a ``Text`` again (any language), or the plain str of an older version."""
    if stored.startswith("{"):
        try:
            revived = _revive(json.loads(stored))
        except (ValueError, TypeError, KeyError):
            return stored
        if isinstance(revived, Text):
            return revived
    return stored


def fields(template: str) -> set[str]:
    """The parameter names a template uses (for the catalogue's test)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


# code: (Chinese, English). Sections by area; within one, the order of the source.
CATALOGUE: dict[str, tuple[str, str]] = {
    # text
    "text.too_long": ("{field}过长：最多 {limit} 个字符，现为 {length} 个。", "{field} is too long: at most {limit} characters, now {length}."),
    "text.control_character": ("字段“{field}”含有不可见的控制字符 {char}，可能篡改显示或打印，请删除后再导入", "the field “{field}” contains the invisible control character {char}, which can alter what is shown or printed: remove it and import again"),
    "text.the_value": ("（值）", "(the value)"),
    "text.control_character_in_key": ("字段名含有不可见的控制字符 {char}，请删除后再导入", "a field name contains the invisible control character {char}: remove it and import again"),
    # applicant
    "applicant.bad_phone": ("联系电话“{phone}”格式不对：应为 11 位手机号或带区号的固定电话。", "The phone number “{phone}” is not valid: enter an 11-digit mobile number or a landline with its area code."),
    "applicant.name_missing": ("请填写申请人姓名或单位名称。", "Enter the applicant's name or the organisation's name."),
    "applicant.bad_credit_code": ("统一社会信用代码“{credit_code}”格式不对：应为 18 位数字或大写字母。", "The unified social credit code “{credit_code}” is not valid: it has 18 digits or capital letters."),
    "applicant.not_found_read_card": ("找不到该申请人，请先读取身份证或录入申请人信息。", "Applicant not found: read the ID card or enter the applicant first."),
    "applicant.not_found": ("找不到该申请人。", "Applicant not found."),
    # delegation
    "delegation.terms_unconfirmed": ("代办委托协议须由委托人确认责任条款后方可代办。", "The power of attorney takes effect only after the principal has confirmed its terms of responsibility."),
    "delegation.expired": ("代办委托协议已于 {valid_to:%Y-%m-%d} 到期，请重新签订。", "The power of attorney expired on {valid_to:%Y-%m-%d}: a new one must be signed."),
    "delegation.scope_missing": ("代办委托协议须写明委托事项范围。", "The power of attorney must state the matters it covers."),
    "delegation.missing": ("代办人办理须先签订代办委托协议。", "An agent needs a signed delegation agreement first."),
    # case
    "case.decision_not_allowed": ("不能{decision}：{why}", "Cannot {decision}: {why}"),
    "case.bad_counter_id": ("中心代码和窗口号只能包含字母和数字。", "The center code and window number may contain only letters and digits."),
    "case.check_closed": ("办件 {number} 当前状态为“{state}”，不能再核验材料。", "Case {number} is “{state}”: its materials can no longer be checked."),
    "case.no_material": ("办件 {number} 没有序号为 {seq} 的材料。", "Case {number} has no material number {seq}."),
    "case.defect_reason_missing": ("请写明材料“{material}”哪里不符合要求、应如何补正。", "Say what is wrong with “{material}” and how to correct it."),
    "case.matter_not_authorised": ("事项“{matter}”未授权综合窗口受理，请引导申请人到{department}窗口办理。", "The matter “{matter}” is not authorised for the comprehensive window: direct the applicant to the {department} window."),
    "case.no_pending_commitment": ("办件 {number} 没有待履行的容缺承诺，不能执行“{action}”。", "Case {number} has no open deferred-material commitment: “{action}” is not possible."),
    "case.commitment_lapsed": ("容缺材料补交期限 {due} 已过，承诺已逾期未履行，不再适用容缺办理，不能登记为已补齐。", "The deadline {due} for the deferred materials has passed: the commitment is broken, the case no longer counts as accepted with deferred materials, and the materials cannot be recorded as complete."),
    "case.illegal_transition": ("办件 {number} 当前状态为“{state}”，不能执行“{action}”。", "Case {number} is “{state}”: “{action}” is not possible now."),
    "case.authorisation_not_started": ("事项“{matter}”的授权自 {start} 起生效，今天还不能在综合窗口受理，请引导申请人到{department}窗口办理。", "The authorisation of “{matter}” starts on {start}: the comprehensive window cannot receive it today. Direct the applicant to the {department} window."),
    "case.authorisation_ended": ("事项“{matter}”的授权已于 {end} 到期，综合窗口不能再受理，请引导申请人到{department}窗口办理。", "The authorisation of “{matter}” ended on {end}: the comprehensive window can no longer receive it. Direct the applicant to the {department} window."),
    "case.no_material_selected": ("没有选中要核验的材料。", "No material selected to check."),
    "case.no_material_to_capture": ("没有选中要拍照的材料。", "No material selected to capture."),
    "case.capture_case_missing": ("找不到要关联影像的办件。", "The case for this image was not found."),
    "case.supplement_content_missing": ("部门补件须写明需补交的内容。", "A department supplement request must say what is to be supplied."),
    "case.return_reason_missing": ("部门退件须写明退件理由，以便向申请人解释。", "A return by the department needs its reason, to explain to the applicant."),
    "case.return_only_undeliverable": ("办件 {number} 当前状态为“{state}”：只有无法送达的结果才退回部门。", "Case {number} is “{state}”: only a result that could not be delivered goes back to the department."),
    "case.false_commitment_finding_missing": ("认定虚假承诺须写明核查发现的情况。", "A false commitment must be recorded with what the check found."),
    "case.tell_commit_choice_closed": ("办件 {number} 当前状态为“{state}”，受理决定已作出，不能再改变告知承诺的选择。", "Case {number} is “{state}”: the decision is made, so the notify-and-commit choice can no longer change."),
    "case.decision_closed": ("办件 {number} 当前状态为“{state}”，不能作受理决定。", "Case {number} is “{state}”: no intake decision is possible now."),
    "case.collector_mismatch": ("领取人身份证与申请人或授权代办人不符，不能出件。", "The receiver's ID is neither the applicant's nor the authorised agent's: the result cannot be handed over."),
    "case.not_tell_commit": ("办件 {number} 不是告知承诺受理，不能认定虚假承诺。", "Case {number} was not accepted on commitment, so no false commitment can be recorded."),
    "case.clock_not_running": ("办件 {number} 当前状态为“{state}”，办理时限不在计算中，不能暂停或延长。", "Case {number} is “{state}”: its time limit is not running, so it cannot be paused or extended."),
    "case.clock_already_paused": ("办件 {number} 已在暂停计时中，请先恢复计时。", "The clock of case {number} is already paused: resume it first."),
    "case.pause_before_acceptance": ("暂停计时的开始日期不能早于受理日期。", "A clock pause cannot start before the acceptance date."),
    "case.clock_not_paused": ("办件 {number} 没有正在暂停的计时。", "The clock of case {number} is not paused."),
    "case.extension_over_limit": ("延长期限累计不能超过 {limit} 个工作日（行政许可法第四十二条）。", "Extensions may add up to at most {limit} working days (Administrative Licensing Law, article 42)."),
    "case.post_details_missing": ("邮寄送达须登记收件地址和邮件单号。", "Delivery by post needs the address and the tracking number."),
    "case.rongque_due_not_future": ("容缺材料的补交期限须晚于今天。", "The due date for deferred materials must be after today."),
    "case.rongque_due_not_workday": ("容缺材料补交期限 {due} 不是工作日，请选择一个工作日。", "The date for the deferred materials, {due}, is not a working day: choose a working day."),
    "case.rejection_reason_missing": ("不予受理须写明理由和法律依据。", "A rejection needs the reason and the legal basis."),
    "case.not_found": ("找不到办件 {number}。", "Case {number} not found."),
    "case.no_reminder_needed": ("办件 {number} 当前状态为“{state}”，无需催办。", "Case {number} is “{state}”: no reminder is needed."),
    # bundle
    "bundle.too_few": ("联办件须选择至少两个事项；只办一个事项请直接受理。", "A joint application needs at least two matters; for one matter, receive it directly."),
    "bundle.too_many": ("一次联办最多 {limit} 个事项：请分两次受理。", "At most {limit} matters in one joint application: receive them in two goes."),
    "bundle.mixed_materials": ("这些材料不属于同一联办申请，不能一并核验或共用一张影像。", "These materials belong to different applications: they cannot be checked together or share one image."),
    "bundle.duplicate_matter": ("事项“{matter}”选了两次：同一事项在一次联办中只能办理一件。", "The matter “{matter}” was picked twice: a joint application holds each matter once."),
    # collection
    "collection.no_place": ("请先在事项目录或中心信息中填写领取地点，再发送领取提醒。", "Enter the collection place in the matter catalogue or the center information before sending collection reminders."),
    "collection.not_ready": ("办件 {number} 当前状态为“{state}”：只有待领取的结果才发送领取提醒。", "Case {number} is “{state}”: collection reminders are sent only for results waiting to be collected."),
    # complaint
    "complaint.content_missing": ("请填写反映的问题内容。", "Enter what the person is raising."),
    "complaint.resolution_missing": ("当场解决的问题须填写解决情况。", "A problem resolved on the spot needs a note of how it was resolved."),
    "complaint.route_missing": ("非本级事权的问题须填写告知申请人的办理途径。", "A problem outside this level's remit needs the route the applicant was told to take."),
    "complaint.closed": ("该事项已完成监督检查并办结，不能再推进。", "This matter has been checked and closed: it cannot move on."),
    "complaint.skipped_step": ("当前环节为“{current}”，下一步应为“{expected}”，不能跳到“{target}”。", "The current step is “{current}” and the next is “{expected}”: it cannot jump to “{target}”."),
    "complaint.step_note_missing": ("请填写“{step}”环节的情况说明。", "Describe what was done at the step “{step}”."),
    "complaint.handler_missing": ("{handling}须写明承办部门和承办人，并告知申请人。", "{handling} needs the responsible department and person, and the applicant must be told."),
    "complaint.callback_done": ("该投诉已登记首次回访核实。", "The first follow-up call for this complaint is already recorded."),
    "complaint.callback_missing": ("请填写首次回访核实情况（联系时间、方式、核实的问题）。", "Describe the first follow-up call (when, how, and what was verified)."),
    "complaint.bad_category": ("类别“{value}”无效：应为 投诉、建议、咨询 或 表扬。", "The category “{value}” is not valid: it is one of 投诉 (complaint), 建议 (suggestion), 咨询 (enquiry) or 表扬 (praise)."),
    "complaint.handling_transfer": ("转办", "A transfer"),
    "complaint.handling_dispatch": ("派发工单", "A work order"),
    "complaint.not_found": ("找不到该投诉建议记录。", "The complaint or suggestion record was not found."),
    "complaint.advance_not_permitted": ("只有该事项的承办人或带班负责人可以推进办理环节。", "Only the person handling this matter or the shift supervisor may move it to its next step."),
    "complaint.callback_not_permitted": ("只有该事项的承办人或带班负责人可以登记回访。", "Only the person handling this matter or the shift supervisor may record the follow-up call."),
    "complaint.callback_not_needed": ("该事项不是投诉，无需首次回访核实。", "This item is not a complaint: no first follow-up call is needed."),
    # deadline
    "deadline.negative_limit": ("办理时限不能为负数：{limit}。", "A time limit cannot be negative: {limit}."),
    "deadline.pause_reason_missing": ("暂停计时须写明原因（例如 检验、专家评审、听证）。", "A clock pause needs a reason (for example inspection, expert review or a hearing)."),
    "deadline.pause_ends_before_start": ("暂停计时（{reason}）的结束日期 {end} 早于开始日期 {start}。", "The clock pause ({reason}) ends on {end}, before it starts on {start}."),
    "deadline.extension_reason_missing": ("延长期限须写明理由（行政许可法第四十二条）。", "An extension needs its reason (Administrative Licensing Law, article 42)."),
    "deadline.extension_not_positive": ("延长的天数须为正数，现在是 {days}。", "The extension must be a positive number of days, not {days}."),
    # evaluation
    "evaluation.bad_device_level": ("评价器返回的等级 {stars} 无效：应为 1 到 5。", "The rating device returned level {stars}, which is not valid: it must be 1 to 5."),
    "evaluation.bad_dimension": ("评价内容“{value}”无效：应为 {allowed} 之一。", "The rated aspect “{value}” is not valid: it must be one of {allowed}."),
    "evaluation.bad_level": ("评价等级 {value} 无效：应为 1（非常满意）到 5（非常不满意）。", "The rating level {value} is not valid: it must be 1 (very satisfied) to 5 (very dissatisfied)."),
    "evaluation.already_rated": ("该办件已评价，一次服务只评价一次。", "This case has been rated already: one service is rated once."),
    "evaluation.already_rated_not_rated": ("该办件已评价，无需再记录未评价。", "This case has been rated already: there is no need to record it as not rated."),
    # followup
    "followup.closed": ("该差评回访已办结。", "This follow-up of a poor rating is already closed."),
    "followup.verification_missing": ("请填写回访核实情况（联系时间、方式、评价人反映的问题）。", "Describe the verification call (when, how, and what the rater said)."),
    "followup.verify_first": ("请先回访核实，再登记整改。", "Verify by calling back first, then record the correction."),
    "followup.correction_missing": ("请填写整改措施和结果。", "Describe the corrective measures and their result."),
    "followup.verify_before_feedback": ("请先回访核实，再登记反馈。", "Verify by calling back first, then record the feedback."),
    "followup.correct_before_feedback": ("差评经核实属实，须先登记整改结果，再向评价人反馈。", "The poor rating was found justified: record the correction's result before giving feedback to the rater."),
    "followup.feedback_missing": ("请填写向评价人反馈的情况及评价人的意见。", "Describe the feedback given to the rater and the rater's response."),
    "followup.incomplete": ("差评回访记录不完整，不能办结：尚缺{missing}。", "The follow-up record is incomplete and cannot be closed: still missing {missing}."),
    "followup.bad_finding": ("核实结论“{value}”无效：应为 属实、不属实、误评 或 恶意。", "The finding “{value}” is not valid: it is one of 属实 (justified), 不属实 (unjustified), 误评 (mistaken) or 恶意 (malicious)."),
    "followup.not_found": ("找不到该差评回访记录。", "The follow-up record of the poor rating was not found."),
    # form
    "form.head_missing": ("申请表定义 {source}：缺少 [form] 段的 matter（事项编码）或 title（标题）。", "Form definition {source}: the [form] section lacks matter (the matter code) or title."),
    "form.unknown_head_key": ("申请表定义 {source} 的 [form] 段：不认识的键“{keys}”（是否拼写错误？）。", "Form definition {source}, section [form]: unknown key “{keys}” (a typo?)."),
    "form.bad_signature": ("申请表定义 {source} 的 [form] 段：signature（签字栏）应为文字。", "Form definition {source}, section [form]: signature (the signature line) must be text."),
    "form.no_fields": ("申请表定义 {source}：没有任何字段（[[field]]）。", "Form definition {source}: it has no fields ([[field]])."),
    "form.duplicate_keys": ("申请表定义 {source}：字段 key 重复：{keys}。", "Form definition {source}: duplicate field keys: {keys}."),
    "form.credit_code_length": ("“{field}”应为 18 位统一社会信用代码，现在是 {length} 位。", "“{field}” must be an 18-character unified social credit code; it has {length}."),
    "form.credit_code_char": ("“{field}”含有“{char}”：统一社会信用代码只用数字和大写字母（不含 I、O、S、V、Z）。", "“{field}” contains “{char}”: a unified social credit code uses only digits and capital letters (not I, O, S, V or Z)."),
    "form.credit_code_region": ("“{field}”第 3–8 位应为登记管理机关行政区划码（6 位数字）。", "“{field}”: characters 3–8 must be the registering authority's 6-digit region code."),
    "form.credit_code_check": ("“{field}”校验位不对：按前 17 位应为“{expected}”，实际是“{actual}”。请核对是否抄错。", "“{field}”: the check character is wrong: from the first 17 it should be “{expected}”, not “{actual}”. Check for a copying mistake."),
    "form.field_not_table": ("{where}：应写成 [[field]] 双方括号段。", "{where}: write it as a [[field]] section (double brackets)."),
    "form.unknown_field_key": ("{where}：不认识的键“{keys}”（是否拼写错误？）。", "{where}: unknown key “{keys}” (a typo?)."),
    "form.bad_key_or_label": ("{where}：key 应为小写英文字母开头的标识符，label 应为文字。", "{where}: key must be an identifier starting with a lowercase letter, and label must be text."),
    "form.choices_missing": ("{where}：选择题须给出 choices 文字列表。", "{where}: a choice field needs choices, a list of texts."),
    "form.choices_not_allowed": ("{where}：只有 choice 类型的字段可以写 choices。", "{where}: only a field of type choice may have choices."),
    "form.bad_prefill": ("{where}：prefill“{prefill}”不是身份证上的项目（{card_fields}）或受理时已录入的项目（{intake_fields}）。", "{where}: prefill “{prefill}” is neither an item of the ID card ({card_fields}) nor one entered at intake ({intake_fields})."),
    "form.bad_max_length": ("{where}：max_length 应为 1–2000 的整数。", "{where}: max_length must be a whole number from 1 to 2000."),
    "form.min_above_max": ("{where}：min（{low}）大于 max（{high}）。", "{where}: min ({low}) is greater than max ({high})."),
    "form.bad_help": ("{where}：help 和 section 应为文字。", "{where}: help and section must be text."),
    "form.bad_type": ("{where}：type“{value}”无效，应为：{allowed}。", "{where}: type “{value}” is not valid; it must be one of: {allowed}."),
    "form.bound_not_allowed": ("{where}：只有 number、integer 类型的字段可以写 {key}。", "{where}: only fields of type number or integer may have {key}."),
    "form.bound_not_number": ("{where}：{key} 应为数字。", "{where}: {key} must be a number."),
    "form.pattern_not_allowed": ("{where}：pattern 只能用于 text、textarea 字段，并应为文字。", "{where}: pattern applies only to text and textarea fields, and must be text."),
    "form.pattern_help_missing": ("{where}：写了 pattern 就要写 help，说明应填的格式（出错时提示给窗口人员）。", "{where}: a pattern needs help, describing the expected format (shown to the clerk when the input does not match)."),
    "form.value_missing": ("请填写“{field}”。", "Fill in “{field}”."),
    "form.bad_pattern": ("{where}：pattern 不是有效的正则表达式（{reason}）。", "{where}: pattern is not a valid regular expression ({reason})."),
    "form.field_invalid": ("“{field}”：{reason}", "“{field}”: {reason}"),
    "form.not_a_date": ("“{field}”应为日期，如 2026-03-02。", "“{field}” must be a date, such as 2026-03-02."),
    "form.not_a_number": ("“{field}”应为数字。", "“{field}” must be a number."),
    "form.out_of_range": ("“{field}”应在 {low} 到 {high} 之间。", "“{field}” must be between {low} and {high}."),
    "form.not_a_choice": ("“{field}”只能选：{choices}。", "“{field}” can only be one of: {choices}."),
    "form.bad_format": ("“{field}”格式不对：{help}。", "“{field}” is not in the right format: {help}."),
    "form.not_an_integer": ("“{field}”应为整数。", "“{field}” must be a whole number."),
    "form.where_field": ("申请表定义 {source} 的第 {position} 个字段“{field}”", "Form definition {source}, field number {position} “{field}”"),
    "form.matter_mismatch": ("申请表定义 {path}：matter 写的是 {form_matter}，与文件名 {file_matter} 不符。", "Form definition {path}: matter says {form_matter}, but the file name says {file_matter}."),
    "form.bad_toml": ("申请表定义 {path} 格式错误：{reason}。", "Form definition {path} has a format error: {reason}."),
    "form.no_form": ("事项“{matter}”没有录入式申请表，请使用纸质申请表。", "The matter “{matter}” has no on-screen application form: use the paper form."),
    "form.not_filled": ("本办件还没有填写录入式申请表。", "This case has no on-screen application form filled in yet."),
    "form.none_for_matter": ("事项 {matter} 没有录入式申请表（forms/intake/{matter}.toml）。", "The matter {matter} has no on-screen application form (forms/intake/{matter}.toml)."),
    # handover
    "handover.department_missing": ("移交须写明接收部门。", "A handover needs the receiving department."),
    "handover.receiver_missing": ("移交须写明部门接收人，以便填写材料交接单。", "A handover needs the person receiving it at the department, for the material handover slip."),
    "handover.undeliverable_reason_missing": ("请写明无法送达的原因（如邮件退回、联系不上申请人）。", "Give the reason the result cannot be delivered (for example the mail came back, or the applicant cannot be reached)."),
    "handover.return_receiver_missing": ("退回部门须写明接收部门和接收人。", "Returning to the department needs the receiving department and person."),
    "handover.return_reason_missing": ("请写明退回部门的原因。", "Give the reason for returning the case to the department."),
    # hours
    "hours.bad_range": ("时间段“{range}”格式不对：应为 09:00-12:00 这样的开始和结束时间。", "The time range “{range}” is not in the right format: write a start and an end time such as 09:00-12:00."),
    "hours.no_such_time": ("时间段“{range}”中的时间不存在。", "The time range “{range}” contains a time that does not exist."),
    "hours.end_before_start": ("时间段“{range}”的结束时间应晚于开始时间。", "In the time range “{range}” the end must come after the start."),
    "hours.overlap": ("时间段之间有重叠，请检查。", "Some time ranges overlap: please check them."),
    # id
    "id.not_text": ("证件号码必须是文字。", "The ID number must be text."),
    "id.missing": ("请填写证件号码。", "Enter the ID number."),
    "id.bad_length": ("证件号码应为 18 位（旧版身份证为 15 位），现在是 {length} 位：请核对是否漏输或多输。", "An ID number has 18 characters (old ID cards 15); this one has {length}: check for missing or extra digits."),
    "id.bad_birth_year": ("{kind}中的出生年份 {year} 不合理（第 7–10 位）：请核对号码。", "{kind}: the birth year {year} is not plausible (digits 7–10): check the number."),
    "id.birth_in_future": ("{kind}中的出生日期 {birth} 晚于今天（{today}）：请核对号码。", "{kind}: the birth date {birth} is after today ({today}): check the number."),
    "id.bad_check_digit": ("{kind}校验位不对：按前 17 位应为“{expected}”，实际是“{actual}”。请核对号码是否抄错。", "{kind}: wrong check digit: the first 17 digits give “{expected}”, not “{actual}”. Check the number for typos."),
    "id.bad_char": ("证件号码第 {position} 位“{char}”不对：{rule}。", "Character {position} of the ID number (“{char}”) is wrong: {rule}."),
    "id.bad_foreigner_region": ("外国人永久居留身份证号码第 2–3 位“{province}”不是有效的省级行政区划代码。", "Characters 2–3 of the foreigner's permanent residence ID number (“{province}”) are not a valid province code."),
    "id.bad_region": ("证件号码前两位“{province}”不是有效的省级行政区划代码：请核对号码。", "The first two digits of the ID number (“{province}”) are not a valid province code: check the number."),
    "id.no_such_birth_date": ("{kind}中的出生日期不存在（第 7–14 位“{digits}”）：请核对号码。", "{kind}: the birth date does not exist (digits 7–14, “{digits}”): check the number."),
    "id.rule_last_char": ("最后一位只能是数字或 X", "the last one may only be a digit or X"),
    "id.rule_digits": ("除最后一位可以是 X 外，只能是数字", "only digits are allowed (X only as the last one)"),
    # ledger
    "ledger.pause_ends_before_start": ("暂停结束时间早于开始时间，请检查电脑时钟。", "The pause ends before it starts: check the computer's clock."),
    "ledger.pause_reason_missing": ("暂停服务超过 {minutes} 分钟，请填写暂停原因（将报带班负责人）。", "The service was paused for more than {minutes} minutes: enter the reason (it is reported to the supervisor)."),
    "ledger.extended_ends_before_start": ("延时服务的结束时间必须晚于开始时间。", "Extended service must end after it starts."),
    "ledger.extended_too_long": ("延时服务时长 {minutes} 分钟超过 {limit} 分钟，请核对开始和结束时间。", "Extended service of {minutes} minutes is more than {limit} minutes: check the start and end times."),
    "ledger.time_off_not_positive": ("调休时长须为正数（分钟）。", "Time off must be a positive number of minutes."),
    "ledger.time_off_over_balance": ("调休 {minutes} 分钟超过可调休余额 {balance} 分钟。", "{minutes} minutes of time off is more than the balance of {balance} minutes."),
    "ledger.question_missing": ("请填写咨询的问题。", "Enter the question asked."),
    "ledger.answer_missing": ("请填写答复内容；当场无法答复的，请勾选“需回电”并留下联系电话。", "Enter the answer; if it could not be answered on the spot, tick “Call back” and leave a phone number."),
    "ledger.callback_phone_missing": ("需回电的咨询须留下有效的联系电话（7 至 12 位数字）。", "An enquiry to be called back needs a valid phone number (7 to 12 digits)."),
    "ledger.helped_person_missing": ("请填写服务对象姓名和所办事项。", "Enter the person served and the matter handled."),
    "ledger.incident_missing": ("请填写突发事件的经过和处置情况。", "Describe what happened in the incident and how it was handled."),
    "ledger.bad_channel": ("咨询方式“{value}”无效：应为 现场、电话 或 网上。", "The enquiry channel “{value}” is not valid: it is 现场 (in person), 电话 (phone) or 网上 (online)."),
    "ledger.bad_help_kind": ("服务类型“{kind}”无效：应为 帮办 或 代办。", "The service type “{kind}” is not valid: it is 帮办 (assisted) or 代办 (done on behalf)."),
    "ledger.bad_group": ("服务对象“{group}”无效。", "The person served, “{group}”, is not a valid group."),
    "ledger.bad_incident_kind": ("突发事件类型“{kind}”无效。", "The incident type “{kind}” is not valid."),
    "ledger.unfinished_person_missing": ("未办结人员须填写姓名和所办事项，以便下次优先办理。", "An unfinished service needs the person's name and the matter, so that they are served first next time."),
    "ledger.bad_phone": ("第 {position} 位未办结人员的联系电话无效。", "The phone number of unfinished-service person {position} is not valid."),
    "ledger.callback_answer_missing": ("请填写回电答复的内容。", "Enter the answer given on the call back."),
    "ledger.callback_not_found": ("找不到需要回电的咨询记录。", "The enquiry waiting for a call back was not found."),
    "ledger.callback_done": ("该咨询已回电答复。", "This enquiry has already been called back."),
    "ledger.not_in_priority_list": ("该人员不在待优先办理名单中。", "This person is not on the list to be served first."),
    "ledger.already_paused": ("当前已处于暂停服务状态。", "Service is already paused."),
    "ledger.not_paused": ("当前没有进行中的暂停服务。", "No pause of service is running."),
    "ledger.extended_running": ("延时服务已在进行中。", "Extended service is already running."),
    "ledger.extended_not_running": ("当前没有进行中的延时服务。", "No extended service is running."),
    # catalogue
    "catalogue.no_material": ("事项“{matter}”没有序号为 {seq} 的材料。", "The matter “{matter}” has no material number {seq}."),
    "catalogue.no_matter": ("事项目录中没有编码为 {matter_code} 的事项。", "The matter catalogue has no matter with code {matter_code}."),
    "catalogue.field_missing": ("{where}：缺少必填字段“{key}”。", "{where}: the required field “{key}” is missing."),
    "catalogue.field_type": ("{where}：字段“{key}”的类型不对（值为 {value!r}）。", "{where}: the field “{key}” has the wrong type (value {value!r})."),
    "catalogue.unknown_fields": ("{where}：不认识的字段“{keys}”（是否拼写错误？）。", "{where}: unknown field “{keys}” (a typo?)."),
    "catalogue.not_a_table": ("{where}：{what}应写成表（TOML 的 [[{what}]] 双方括号段），而不是 {value!r}。", "{where}: {what} must be a table (a TOML [[{what}]] section with double brackets), not {value!r}."),
    "catalogue.not_a_bool": ("{where}：字段“{key}”应为 true 或 false（不加引号），现为 {value!r}。", "{where}: the field “{key}” must be true or false (without quotes), not {value!r}."),
    "catalogue.not_a_text_list": ("{where}：字段“{key}”应为文字列表，如 [\"甲\", \"乙\"]，现为 {value!r}。", "{where}: the field “{key}” must be a list of texts, such as [\"甲\", \"乙\"], not {value!r}."),
    "catalogue.days_out_of_range": ("{where}：字段“{prefix}_days”超出范围（0–3650）：{value}。", "{where}: the field “{prefix}_days” is out of range (0–3650): {value}."),
    "catalogue.matter_not_table": ("目录文件 {source} 中的第 {position} 个事项（matter）应写成 [[matter]] 双方括号段。", "In catalogue file {source}, matter number {position} must be written as a [[matter]] section (double brackets)."),
    "catalogue.code_too_long": ("{where}：字段“code”超过 64 个字符。", "{where}: the field “code” is longer than 64 characters."),
    "catalogue.no_materials": ("{where}：缺少材料清单（material）。", "{where}: the material list (material) is missing."),
    "catalogue.bad_rongque_days": ("{where}：字段“rongque_default_days”应为 1–60 的整数。", "{where}: the field “rongque_default_days” must be a whole number from 1 to 60."),
    "catalogue.bad_immediate_unit": ("{where}：即办件的承诺时限（promise_limit_unit）应为“即办”。", "{where}: a matter settled on the spot must have the promised time limit unit (promise_limit_unit) “即办”."),
    "catalogue.promise_over_legal": ("{where}：承诺时限（promise_limit_days = {promise}）不能长于法定时限（legal_limit_days = {legal}）。", "{where}: the promised time limit (promise_limit_days = {promise}) cannot be longer than the legal limit (legal_limit_days = {legal})."),
    "catalogue.authorisation_ends_before_start": ("{where}：授权期限的结束日期（authorised_to = {authorised_to}）早于开始日期（authorised_from = {authorised_from}）。", "{where}: the authorisation ends (authorised_to = {authorised_to}) before it starts (authorised_from = {authorised_from})."),
    "catalogue.file_unsafe": ("目录文件 {source}：{reason}。", "Catalogue file {source}: {reason}."),
    "catalogue.head_not_table": ("目录文件 {source}：目录信息（catalogue）应写成 [catalogue] 段，而不是 {head!r}。", "Catalogue file {source}: the catalogue information must be a [catalogue] section, not {head!r}."),
    "catalogue.matters_not_tables": ("目录文件 {source}：事项（matter）应写成 [[matter]] 双方括号段，每个事项一段。", "Catalogue file {source}: each matter must be a [[matter]] section (double brackets)."),
    "catalogue.empty": ("目录文件 {source} 中没有任何事项（[[matter]]）。", "Catalogue file {source} contains no matters ([[matter]])."),
    "catalogue.bad_value": ("{where}：字段“{key}”的值“{value}”无效，应为：{allowed}。", "{where}: the value “{value}” of the field “{key}” is not valid; it must be one of: {allowed}."),
    "catalogue.not_a_date": ("{where}：字段“{key}”应为日期，如 2026-12-31，现为 {value!r}。", "{where}: the field “{key}” must be a date, such as 2026-12-31, not {value!r}."),
    "catalogue.bad_copies": ("{where}：字段“copies”应为 0–99 的整数。", "{where}: the field “copies” must be a whole number from 0 to 99."),
    "catalogue.bad_special_procedure": ("{where}：字段“special_procedures”中的“{value}”不是特别程序（{allowed}）。", "{where}: “{value}” in the field “special_procedures” is not a special procedure ({allowed})."),
    "catalogue.duplicate_code": ("目录文件 {source} 中的事项“{matter}”：字段“code”的值 {matter_code} 与事项“{other}”重复。", "In catalogue file {source}, the matter “{matter}”: its code {matter_code} is also the code of “{other}”."),
    "catalogue.where_matter": ("目录文件 {source} 中的事项“{matter}”", "Catalogue file {source}, matter “{matter}”"),
    "catalogue.where_matter_number": ("目录文件 {source} 中的事项“第 {position} 个事项”", "Catalogue file {source}, matter number {position}"),
    "catalogue.where_material_number": ("{matter}的第 {position} 项材料", "{matter}, material number {position}"),
    "catalogue.where_material": ("{matter}的第 {position} 项材料“{material}”", "{matter}, material number {position} “{material}”"),
    "catalogue.bad_changes": ("修改内容无效。", "The changes are not valid."),
    "catalogue.code_fixed": ("事项的基本编码（code）不能修改：编码不同就是另一个事项，请通过导入目录文件增删事项。", "A matter's code (code) cannot change: a different code is a different matter; add or remove matters by importing a catalogue file."),
    "catalogue.preview_first": ("请先选择目录文件并预览差异，再导入。", "Choose a catalogue file and preview the differences before importing."),
    "catalogue.cannot_save": ("无法保存事项目录到 {target}：{reason}。", "The matter catalogue cannot be saved to {target}: {reason}."),
    "catalogue.file_too_large": ("目录文件 {file} 过大（超过 {limit_mb} MB，或不是普通文件），不像事项目录：请核对文件。", "Catalogue file {file} is too large (over {limit_mb} MB, or not a regular file) to be a matter catalogue: check the file."),
    "catalogue.file_not_found": ("找不到事项目录文件 {file}。", "Matter catalogue file {file} was not found."),
    "catalogue.is_folder": ("{file} 是文件夹，不是事项目录文件。", "{file} is a folder, not a matter catalogue file."),
    "catalogue.unreadable": ("无法读取事项目录文件 {file}：{reason}。", "Matter catalogue file {file} cannot be read: {reason}."),
    "catalogue.not_utf8": ("目录文件 {name} 第 {line} 行不是 UTF-8 编码：请用 UTF-8 另存后再导入。", "Catalogue file {name}: line {line} is not UTF-8: save it as UTF-8 and import again."),
    "catalogue.bad_toml": ("目录文件 {name} 格式错误：{reason}。请按 docs/catalogue-format.md 修改。", "Catalogue file {name} has a format error: {reason}. Correct it as docs/catalogue-format.md describes."),
    "catalogue.configured_too_large": ("事项目录文件 {path} 过大（超过 {limit_mb} MB，或不是普通文件），不像事项目录：请核对配置项 catalogue_file。", "Matter catalogue file {path} is too large (over {limit_mb} MB, or not a regular file) to be a matter catalogue: check the setting catalogue_file."),
    "catalogue.configured_is_folder": ("{path} 是文件夹，不是事项目录文件：请核对配置项 catalogue_file。", "{path} is a folder, not a matter catalogue file: check the setting catalogue_file."),
    "catalogue.configured_bad_toml": ("目录文件 {path} 格式错误：{reason}。", "Catalogue file {path} has a format error: {reason}."),
    "catalogue.where_edited_matter": ("事项“{matter}”", "The matter “{matter}”"),
    # period
    "period.bad_quarter": ("季度 {quarter} 无效：应为 1 到 4。", "Quarter {quarter} is not valid: it must be 1 to 4."),
    "period.bad_month": ("月份“{text}”无效：请按 YYYY-MM 填写，例如 2026-03。", "The month “{text}” is not valid: write it as YYYY-MM, for example 2026-03."),
    # queue
    "queue.cannot_call": ("{number} 号当前{state}，不能叫号。", "Ticket {number} cannot be called: it is “{state}”."),
    "queue.recall_uncalled": ("{number} 号尚未叫号，不能重呼。", "Ticket {number} has not been called yet, so it cannot be called again."),
    "queue.skip_uncalled": ("{number} 号尚未叫号，不能过号。", "Ticket {number} has not been called yet, so it cannot be skipped."),
    "queue.recall_first": ("请先重呼 {limit} 次（已重呼 {recalls} 次），无人应答再过号。", "Call the ticket again {limit} times first (called again {recalls} times so far); skip it only if nobody answers."),
    "queue.not_serving": ("{number} 号不在办理中。", "Ticket {number} is not being served."),
    "queue.transfer_not_serving": ("{number} 号不在办理中，不能转窗口。", "Ticket {number} is not being served, so it cannot be transferred to another window."),
    "queue.bad_window": ("请填写另一个有效的窗口号。", "Enter another valid window number."),
    "queue.still_serving": ("{number} 号仍在办理：请先办结、过号或转窗口，再叫下一位。", "Ticket {number} is still being served: finish, skip or transfer it before calling the next one."),
    "queue.none_serving": ("当前没有正在办理的号。", "No ticket is being served."),
    # survey (seed 003 App. E, domain/survey.py)
    "survey.bad_visit": ("“办理时间”的答案无效：应为 {choices} 之一。", "The answer to “when” is not valid: it is one of {choices}."),
    "survey.bad_department": ("部门“{department}”不在调查表中：应为 {choices} 之一。", "The department “{department}” is not on the survey form: it is one of {choices}."),
    "survey.wrong_count": ("调查表有 {rows} 个评价项目，收到 {answers} 个答案。", "The survey form has {rows} questions; {answers} answers were given."),
    "survey.bad_level": ("第 {row} 项“{question}”的答案无效：应为 满意、比较满意、不太满意、很不满意 之一或不填。", "The answer to question {row} (“{question}”) is not valid: it is satisfied, fairly satisfied, not very satisfied, very dissatisfied, or blank."),
    "survey.empty": ("调查表的评价项目全部未填，不能作为一份答卷录入。", "No question of the survey form is answered: it cannot be entered as a response."),
    "survey.comment_too_long": ("意见和建议过长（最多 {limit} 个字）。", "The comments are too long (at most {limit} characters)."),
    "survey.comment_control": ("意见和建议含有控制字符，请重新输入。", "The comments contain control characters; please type them again."),
    "survey.form_unknown_key": ("调查表文件不认识“{key}”：只能有 {keys}。", "The survey form file has an unknown key “{key}”: only {keys}."),
    "survey.form_bad_code": ("调查表的 code 应为 1–16 个字母、数字、点、横线或下划线。", "The survey form's code must be 1–16 letters, digits, dots, dashes or underscores."),
    "survey.form_bad_text": ("调查表的 {key} 应为不超过 {limit} 字、不含控制字符的文字。", "The survey form's {key} must be text of at most {limit} characters without control characters."),
    "survey.form_bad_list": ("调查表的 {key} 应为 1 到 {most} 项的列表。", "The survey form's {key} must be a list of 1 to {most} items."),
    "survey.form_repeated": ("调查表的 {key} 有重复的项。", "The survey form's {key} has an item twice."),
    "survey.bad_channel": ("调查表来源无效：应为 客户屏（screen）或 纸质录入（paper）。", "The survey's channel is not valid: it is the customer screen (screen) or paper entry (paper)."),
    # auth
    "auth.role_not_permitted": ("{role}“{user}”无权执行此操作（{permission}）。", "{role} “{user}” is not allowed to do this ({permission})."),
    "auth.password_too_short": ("密码至少需要 {min_length} 个字符。", "The password needs at least {min_length} characters."),
    "auth.username_taken": ("用户名“{username}”已存在。", "The user name “{username}” is already taken."),
    "auth.disabled": ("该账号已停用，请联系管理员。", "This account is disabled: please contact the administrator."),
    "auth.locked_minutes": ("密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试或联系管理员。", "Too many wrong passwords: the account is locked. Try again in {minutes} minutes or contact the administrator."),
    "auth.no_such_user": ("用户“{username}”不存在。", "The user “{username}” does not exist."),
    "auth.not_on_self": ("不能停用自己的账号或修改自己的角色：请由另一位管理员操作。", "You cannot disable your own account or change your own role: another administrator must do it."),
    "auth.locked_now": ("密码连续错误 {failures} 次，账号已锁定 {minutes} 分钟。", "{failures} wrong passwords in a row: the account is locked for {minutes} minutes."),
    "auth.offline_too_long": ("本机已超过 {days} 天未与中心服务器同步（上次同步：{since:%Y-%m-%d %H:%M}），为防止已停用的账号继续使用，暂不能登录。请连接网络后重试，或联系信息技术人员。", "This computer has not synchronised with the center for more than {days} days (last: {since:%Y-%m-%d %H:%M}); to keep disabled accounts out, nobody can log in for now. Connect to the network and try again, or contact IT."),
    "auth.wrong_password": ("密码不正确。", "The password is not correct."),
    "auth.reauth_required": ("“{purpose}”需要先重新输入密码确认身份。", "“{purpose}” needs your password again to confirm who you are."),
    "auth.locked": ("密码错误次数过多，账号已锁定，请稍后再试或联系管理员。", "Too many wrong passwords: the account is locked. Try again later or contact the administrator."),
    "auth.login_failed": ("用户名或密码不正确。", "The user name or password is not correct."),
    "auth.purpose_export": ("导出数据", "Exporting data"),
    "auth.purpose_reveal_id": ("查看完整身份证号", "Showing the full ID number"),
    "auth.purpose_reveal_complainant": ("查看投诉人身份", "Showing who the complainant is"),
    # calendar
    "calendar.bad_date": ("{where}不是有效的日期（应为 YYYY-MM-DD）：{value!r}。", "{where} is not a valid date (use YYYY-MM-DD): {value!r}."),
    "calendar.date_with_time": ("{where}应为日期（YYYY-MM-DD），不要带时间：{value}。", "{where} must be a date (YYYY-MM-DD) without a time: {value}."),
    "calendar.not_a_table": ("{file}：内容应为一张表（键 = 值）。", "{file}: the content must be a table (key = value)."),
    "calendar.file_unsafe": ("{file}：{reason}。", "{file}: {reason}."),
    "calendar.unknown_field": ("{file}：未知字段“{key}”（可用字段：{allowed}）。", "{file}: unknown field “{key}” (fields: {allowed})."),
    "calendar.bad_year": ("{file}：字段“year”应为 {min_year}–{max_year} 之间的年份，现在是 {year!r}。", "{file}: the field “year” must be a year from {min_year} to {max_year}, not {year!r}."),
    "calendar.source_missing": ("{file}：缺少字段“source”（发文机关和文号，例如 国务院办公厅 国办发明电〔2025〕7号）。", "{file}: the field “source” is missing (the issuing authority and document number, for example 国务院办公厅 国办发明电〔2025〕7号)."),
    "calendar.bad_official": ("{file}：字段“official”应为 true（已正式公布）或 false（暂定），现在是 {value!r}。", "{file}: the field “official” must be true (officially published) or false (provisional), not {value!r}."),
    "calendar.no_holidays": ("{file}：缺少放假安排（[[holiday]] 表，每项含 name、start、end）。", "{file}: the holidays are missing ([[holiday]] tables, each with name, start and end)."),
    "calendar.bad_makeup_days": ("{file}：字段“makeup_workdays”应为日期列表，例如 [2026-01-04, 2026-02-14]。", "{file}: the field “makeup_workdays” must be a list of dates, for example [2026-01-04, 2026-02-14]."),
    "calendar.other_year": ("{year} 年节假日安排中含有其他年份的日期 {day}。", "The {year} holiday schedule contains a date of another year: {day}."),
    "calendar.holiday_and_workday": ("{year} 年节假日安排中 {day} 既是放假日又是调休上班日。", "In the {year} holiday schedule, {day} is both a holiday and a make-up working day."),
    "calendar.negative_days": ("工作日数不能为负数：{days}。", "The number of working days cannot be negative: {days}."),
    "calendar.too_many_days": ("工作日数 {days} 超出范围（最多 {limit}）。", "{days} working days is out of range (at most {limit})."),
    "calendar.holiday_not_table": ("{where}：应为一张表（name、start、end）。", "{where}: must be a table (name, start, end)."),
    "calendar.unknown_holiday_field": ("{where}：未知字段“{key}”（可用字段：name、start、end{hint}）。", "{where}: unknown field “{key}” (fields: name, start, end{hint})."),
    "calendar.holiday_name_missing": ("{where}：缺少字段“name”（节日名称，例如 春节）。", "{where}: the field “name” is missing (the holiday's name, for example 春节)."),
    "calendar.holiday_start_missing": ("{where}：缺少字段“start”。", "{where}: the field “start” is missing."),
    "calendar.holiday_ends_before_start": ("{where}：结束日期 {end} 早于开始日期 {start}。", "{where}: the end date {end} is before the start date {start}."),
    "calendar.holiday_too_long": ("{where}：假期长达 {days} 天，超过 {limit} 天，请核对日期。", "{where}: a holiday of {days} days is longer than {limit} days: check the dates."),
    "calendar.holidays_overlap": ("{file}：假期“{name}”（{start}–{end}）与“{name2}”（{start2}–{end2}）重叠。", "{file}: the holiday “{name}” ({start}–{end}) overlaps “{name2}” ({start2}–{end2})."),
    "calendar.makeup_other_year": ("{where} {day} 不在 {year} 年内。", "{where} {day} is not in {year}."),
    "calendar.makeup_not_weekend": ("{where} {day} 是星期{weekday}：调休上班日应是周六或周日。", "{where} {day} is a {weekday}: a make-up working day must be a Saturday or a Sunday."),
    "calendar.makeup_is_holiday": ("{where} {day} 同时在放假安排中：一天不能既放假又上班。", "{where} {day} is also in the holidays: a day cannot be both a holiday and a working day."),
    "calendar.makeup_repeated": ("{where} {day} 重复出现。", "{where} {day} appears twice."),
    "calendar.date_other_year": ("{where}：字段“{field}”的日期 {day} 不在 {year} 年内（跨年的假期请分别写进两个年份的文件）。", "{where}: the date {day} of the field “{field}” is not in {year} (a holiday across the new year goes into both years' files)."),
    "calendar.hint_key_after_holiday": ("；TOML 中写在 [[holiday]] 之后的键属于该表，请把它移到第一个 [[holiday]] 之前", "; in TOML a key written after [[holiday]] belongs to that table: move it before the first [[holiday]]"),
    "calendar.weekday_0": ("一", "Monday"),
    "calendar.weekday_1": ("二", "Tuesday"),
    "calendar.weekday_2": ("三", "Wednesday"),
    "calendar.weekday_3": ("四", "Thursday"),
    "calendar.weekday_4": ("五", "Friday"),
    "calendar.weekday_5": ("六", "Saturday"),
    "calendar.weekday_6": ("日", "Sunday"),
    "calendar.where_file": ("日历文件 {file}", "Calendar file {file}"),
    "calendar.where_field": ("{where}：字段“{field}”", "{where}: the field “{field}”"),
    "calendar.where_holiday": ("{file} 第 {position} 个 [[holiday]]", "{file}, [[holiday]] number {position}"),
    "calendar.where_named_holiday": ("{file} 第 {position} 个 [[holiday]]（{name}）", "{file}, [[holiday]] number {position} ({name})"),
    "calendar.where_makeup_day": ("{file}：字段“makeup_workdays”第 {position} 项", "{file}: item {position} of the field “makeup_workdays”"),
    "calendar.preview_first": ("请先选择节假日安排文件并预览，再导入。", "Choose a holiday schedule file and preview it before importing."),
    "calendar.not_utf8": ("日历文件 {name} 第 {line} 行不是 UTF-8 编码：请用 UTF-8 另存后再导入。", "Calendar file {name}: line {line} is not UTF-8: save it as UTF-8 and import again."),
    "calendar.bad_toml": ("日历文件 {name} {where}格式错误（{reason}）：请按 docs/calendar.md 的格式修改。", "Calendar file {name}{where} has a format error ({reason}): correct it as docs/calendar.md describes."),
    "calendar.file_too_large": ("日历文件 {file} 过大（超过 {limit_kb} KB，或不是普通文件），不像一年的节假日安排：请核对文件。", "Calendar file {file} is too large (over {limit_kb} KB, or not a regular file) to be one year's holiday schedule: check the file."),
    "calendar.file_not_found": ("找不到日历文件 {file}：请核对路径。", "Calendar file {file} was not found: check the path."),
    "calendar.is_folder": ("{file} 是文件夹，不是日历文件。", "{file} is a folder, not a calendar file."),
    "calendar.unreadable": ("无法读取日历文件 {file}：{reason}。", "Calendar file {file} cannot be read: {reason}."),
    "calendar.cannot_write": ("无法把 {year} 年节假日安排写入 {target}：{reason}。", "The {year} holiday schedule cannot be written to {target}: {reason}."),
    "calendar.with_hint": ("{reason}{hint}", "{reason}{hint}"),
    "calendar.toml_position": ("第 {line} 行第 {column} 列", ", line {line}, column {column},"),
    "calendar.hint_imported_file": ("（该文件在 {folder} 中：请修正或删除它，再重新导入。）", " (The file is in {folder}: correct or delete it, then import again.)"),
    # intake
    "intake.credit_bar": ("申请人有严重失信或虚假承诺记录，信用修复前不适用告知承诺制和容缺受理。", "The applicant has a record of serious bad faith or a false commitment: neither notify-and-commit nor acceptance with deferred materials is available until the credit is repaired."),
    "intake.unchecked": ("还有材料未核验：{materials}。", "Materials not checked yet: {materials}."),
    "intake.incomplete": ("材料不齐：{materials}。", "Materials incomplete: {materials}."),
    "intake.rongque_not_needed": ("材料齐全，无需容缺受理。", "All materials are in: no need to accept with deferred materials."),
    "intake.main_materials_missing": ("主要材料不齐，不能容缺受理：{materials}。", "Main materials are missing, so deferred acceptance is not possible: {materials}."),
    "intake.tell_commit_not_applicable": ("事项“{matter}”不适用告知承诺制。", "The notify-and-commit procedure does not apply to the matter “{matter}”."),
    "intake.tell_commit_declined": ("申请人已选择不采用告知承诺方式，按一般程序受理。", "The applicant declined notify-and-commit: the ordinary procedure applies."),
    "intake.tell_commit_offer_first": ("请先告知申请人可选择告知承诺，并记录其选择。", "First tell the applicant about commitment-based approval and record the choice."),
    "intake.tell_commit_choice_missing": ("告知承诺以申请人自愿选择为原则：请先告知并记录申请人的选择。", "Notify-and-commit is the applicant's free choice: offer it and record the answer first."),
    "intake.notice_not_needed": ("没有缺少或不符合要求的材料，无需一次性告知。", "No material is missing or defective: no one-time notice is needed."),
    "intake.notice_unchecked": ("一次性告知须在全部材料核验后一次列明，还有材料未核验：{materials}。", "The one-time notice lists everything at once, after every material is checked; not checked yet: {materials}."),
    "intake.notice_second_time": ("材料“{materials}”在上次一次性告知时已提交而未被告知需补正：一次性告知须一次讲清，不能再次告知新的问题，请按补正后的材料作受理或不予受理决定。", "“{materials}” was submitted at the earlier one-time notice and not listed then: a one-time notice cannot raise new items later; accept or reject on the corrected materials."),
    "intake.unknown_decision": ("未知的受理决定。", "Unknown intake decision."),
    "intake.recent_breach": ("申请人于 {last} 有违诺失信记录（容缺承诺逾期未履行或虚假承诺），在 {until} 前不适用告知承诺制和容缺受理，请按一般程序办理。", "On {last} the applicant broke a commitment (deferred materials not supplied, or a false commitment): until {until} neither notify-and-commit nor acceptance with deferred materials is available; use the ordinary procedure."),
    "intake.closed": ("该接件已作出受理决定或已撤回，不能再暂存、继续或撤回。", "This intake has been decided or withdrawn: it can no longer be parked, resumed or withdrawn."),
    "intake.withdraw_reason_missing": ("请写明撤回原因。", "Give the reason for the withdrawal."),
    # notice
    "notice.kind_acceptance": ("受理通知书", "the acceptance notice"),
    "notice.kind_rejection": ("不予受理通知书", "the rejection notice"),
    "notice.kind_one_time_notice": ("一次性告知书", "the one-time notice"),
    "notice.kind_rongque_commitment": ("容缺受理承诺书", "the deferred-materials commitment"),
    "notice.kind_tell_commit": ("告知承诺书", "the notify-and-commit letter"),
    "notice.kind_delegation": ("代办委托协议", "the power of attorney"),
    "notice.not_accepted": ("办件 {number} 未作受理决定（当前状态“{state}”），不能出具{notice}。", "Case {number} has not been accepted (it is {state}), so {notice} cannot be issued."),
    "notice.not_rejected": ("办件 {number} 未作不予受理决定（当前状态“{state}”），不能出具{notice}。", "Case {number} has not been rejected (it is {state}), so {notice} cannot be issued."),
    "notice.no_one_time_notice": ("办件 {number} 没有作出一次性告知，不能出具{notice}。", "Case {number} has had no one-time notice, so {notice} cannot be issued."),
    "notice.not_rongque": ("办件 {number} 不是容缺受理，不能出具{notice}。", "Case {number} was not accepted with deferred materials, so {notice} cannot be issued."),
    "notice.tell_commit_not_applicable": ("事项“{matter}”不适用告知承诺制，不能出具{notice}。", "The notify-and-commit procedure does not apply to “{matter}”, so {notice} cannot be issued."),
    "notice.tell_commit_declined": ("申请人已选择不采用告知承诺方式，办件 {number} 不能出具{notice}。", "The applicant declined notify-and-commit, so {notice} cannot be issued for case {number}."),
    "notice.not_tell_commit": ("办件 {number} 不是告知承诺受理，不能出具{notice}。", "Case {number} was not accepted on commitment, so {notice} cannot be issued."),
    "notice.no_agent": ("办件 {number} 没有代办人，不能出具{notice}。", "Case {number} has no agent, so {notice} cannot be issued."),
    # field
    "field.phone": ("联系电话", "The phone number"),
    "field.name": ("姓名/名称", "The name"),
    "field.address": ("地址", "The address"),
    "field.quoted": ("“{label}”", "“{label}”"),
    # distribution
    "distribution.no_content": ("中心下发的{what}缺少文件内容。", "The {what} sent by the center has no file content."),
    "distribution.bad_authorisation": ("中心下发的授权事项清单格式错误（应为事项编码列表）。", "The list of authorised matters sent by the center is malformed (it must be a list of matter codes)."),
    "distribution.appointments_missing": ("中心下发的预约（{key}）缺少预约列表。", "The appointments sent by the center ({key}) lack the list of appointments."),
    "distribution.bad_toml": ("中心下发的{what}格式错误（{reason}）。", "The {what} sent by the center is malformed ({reason})."),
    "distribution.bad_appointment_date": ("中心下发的预约（{key}）日期格式错误。", "The appointments sent by the center ({key}) have a malformed date."),
    "distribution.bad_appointment": ("中心下发的预约（{key}）第 {position} 条格式错误。", "Appointment {position} sent by the center ({key}) is malformed."),
    "distribution.holiday_year_mismatch": ("中心下发的节假日安排年份（{year}）与条目（{key}）不符。", "The year of the holiday schedule sent by the center ({year}) does not match its entry ({key})."),
    "distribution.unknown_kind": ("无法识别的下发数据类型“{kind}”。", "Unknown kind of data from the center: “{kind}”."),
    "distribution.what_catalogue": ("事项目录", "matter catalogue"),
    "distribution.what_holidays": ("节假日安排", "holiday schedule"),
    "distribution.what_survey": ("满意度调查表", "satisfaction survey form"),
    "distribution.center_catalogue": ("中心事项目录", "The center's matter catalogue"),
    "distribution.center_holidays": ("中心节假日安排", "The center's holiday schedule"),
    # export
    "export.bad_format": ("不支持的导出格式“{suffix}”：请使用 .xlsx 或 .pdf。", "Export format “{suffix}” is not supported: use .xlsx or .pdf."),
    "export.no_folder": ("导出目录 {folder} 不存在。", "The export folder {folder} does not exist."),
    "export.cannot_write": ("无法写入导出文件 {file}：{reason}。", "The export file {file} cannot be written: {reason}."),
    "export.no_suffix": ("（无扩展名）", "(no extension)"),
    # phrases
    "phrases.missing_steps": ("服务用语文件 {path} 缺少这些步骤的用语：{steps}。", "The phrase file {path} lacks phrases for these steps: {steps}."),
    "phrases.unknown_placeholder": ("服务用语文件 {path} 中的占位“{placeholders}”不存在，可用：{allowed}。", "The placeholder “{placeholders}” in the phrase file {path} does not exist; available: {allowed}."),
    "phrases.forbidden": ("这段用语含有服务禁忌用语“{phrase}”，请改用规范用语。", "This text uses the forbidden service phrase “{phrase}”: use the standard wording."),
    "phrases.unreadable": ("服务用语文件 {path} 无法读取：{reason}。", "The phrase file {path} cannot be read: {reason}."),
    "phrases.forbidden_in_file": ("服务用语文件 {path} 中“{step}”的用语含有服务禁忌用语“{phrase}”，请改用规范用语。", "In the phrase file {path}, the phrase for “{step}” uses the forbidden service phrase “{phrase}”: use the standard wording."),
    # report
    "report.unknown_kind": ("报表类型“{kind}”不存在：可选 {kinds}。", "There is no report type “{kind}”: choose one of {kinds}."),
    # retention
    "retention.bad_days": ("本地保留天数应在 1 到 3650 天之间。", "Local retention must be between 1 and 3650 days."),
    # camera
    "camera.bad_url": ("高拍仪地址“{url}”无法识别：应为 sim:、uvc:、eloam://127.0.0.1:38088 或 file:。", "Camera address “{url}” is not recognised: use sim:, uvc:, eloam://127.0.0.1:38088 or file:."),
    "camera.preview_failed": ("高拍仪预览画面中断：请检查高拍仪连接；拍照仍可一试。", "Camera preview interrupted: check the camera connection; capturing may still work."),
    "camera.capture_failed": ("高拍仪拍照失败：请检查高拍仪连接后重拍。", "Capture failed: check the camera connection and capture again."),
    "camera.no_image": ("高拍仪没有返回图片：请检查镜头前是否有遮挡后重拍。", "The camera returned no image: check that nothing blocks the lens and capture again."),
    "camera.service_unreachable": ("连接不上高拍仪服务：请确认良田高拍仪服务已启动、高拍仪已插好，然后再试。", "Cannot reach the document camera service: make sure the Eloam service is running and the camera plugged in, then retry."),
    "camera.bad_reply": ("高拍仪服务的回复无法识别：请联系信息科检查高拍仪服务版本。", "The camera service's reply is not recognised: ask IT to check the service version."),
    "camera.corrupt_image": ("高拍仪返回的图片数据损坏：请重拍。", "The camera returned a damaged image: capture again."),
    "camera.bad_preview": ("高拍仪预览画面无法识别：请检查高拍仪设置。", "The camera preview cannot be read: check the camera settings."),
    "camera.image_too_large": ("图片压缩后仍超过大小上限：请降低高拍仪分辨率后重拍。", "The image is still too large after compression: lower the camera resolution and capture again."),
    "camera.not_configured": ("本窗口未配置高拍仪：请用“导入文件”添加材料图片。", "No document camera at this counter: use “Import file” to add material images."),
    "camera.sim_no_images": ("模拟高拍仪的图片文件夹 {folder} 里没有图片：请放入 JPG 或 PNG 图片。", "The simulated camera's folder {folder} has no pictures: add JPG or PNG images."),
    "camera.usb_not_found": ("未找到 USB 高拍仪：请检查数据线和电源，拔插一次后点“重新检测”。", "No USB document camera found: check its cable and power, replug it and click “Detect again”."),
    "camera.usb_name_not_found": ("未找到名称含“{wanted}”的摄像头（本机有：{names}）：请检查配置。", "No camera named like “{wanted}” (this PC has: {names}): check the configuration."),
    "camera.live_preview": ("USB 高拍仪的预览直接显示在拍照窗口中。", "The USB camera's preview is shown directly in the capture window."),
    "camera.no_multimedia": ("本机未安装 Qt 多媒体组件，无法使用 USB 高拍仪：请安装完整版本，或改用良田高拍仪服务（eloam://）。", "Qt Multimedia is not installed, so USB cameras cannot be used: install the full version, or use the Eloam camera service (eloam://)."),
    "camera.capture_failed_because": ("高拍仪拍照失败：{reason}。请重试，或改用“导入文件”。", "Capture failed: {reason}. Try again, or use “Import file”."),
    "camera.no_image_in_time": ("超时未返回图像", "no image in time"),
    # file
    "file.not_pdf": ("文件 {name} 不是有效的 PDF：请重新扫描，或选择图片文件。", "File {name} is not a valid PDF: scan again, or choose an image file."),
    "file.unreadable": ("无法读取文件 {name}：请确认文件存在且未被其他程序占用。", "Cannot read file {name}: make sure it exists and no other program is using it."),
    "file.not_an_image": ("这个文件不是可识别的图片：请选择 JPG、PNG、BMP 或 TIFF 图片。", "This file is not a recognised image: choose a JPG, PNG, BMP or TIFF image."),
    "file.too_large": ("文件 {name} 超过 {limit_mb} MB，无法保存。", "The file {name} is larger than {limit_mb} MB and cannot be saved."),
    "file.not_encrypted_here": ("文件 {name} 不是本系统加密保存的文件，拒绝打开。", "The file {name} was not saved encrypted by this system: it will not be opened."),
    "file.unknown_format": ("文件 {name} 的加密格式版本不受支持。", "The file {name} uses an encryption format version that is not supported."),
    "file.not_found": ("找不到文件 {name}。", "The file {name} was not found."),
    "file.cannot_decrypt": ("文件 {name} 已损坏、被改动，或属于其他数据档案，无法解密。", "The file {name} is damaged, has been altered, or belongs to another data profile: it cannot be decrypted."),
    # evaluator
    "evaluator.no_answer": ("评价器没有应答：请检查评价器电源和数据线。", "The rating pad does not answer: check its power and cable."),
    "evaluator.refused": ("评价器拒绝了指令：请拔插评价器后再试。", "The rating pad refused the command: unplug and replug it, then retry."),
    # printer
    "printer.kept_in_queue": ("{last_error} 票据已保存在打印队列中，可稍后重新打印。", "{last_error} The receipt is kept in the print queue and can be reprinted later."),
    "printer.sim_unknown_state": ("模拟打印机不认识“{flag}”状态。", "The simulated printer does not know the state “{flag}”."),
    "printer.no_status_reply": ("打印机没有回应状态查询：请检查打印机电源和连接线（网络打印机请检查网线和 IP 地址）。", "The printer does not answer the status query: check its power and cable (network printer: the network cable and IP address)."),
    "printer.bad_status_reply": ("打印机的状态回复无法识别：请确认设置的是 ESC/POS 小票打印机。", "The printer's status reply is not recognised: make sure an ESC/POS receipt printer is configured."),
    "printer.bad_encoding": ("打印机编码“{encoding}”不受支持：请在设置中选择 GB18030、GBK 或 UTF-8。", "Printer encoding “{encoding}” is not supported: choose GB18030, GBK or UTF-8 in the settings."),
    "printer.bad_width": ("纸宽 {width_mm} 毫米不受支持：请在设置中选择 58 或 80 毫米。", "Paper width {width_mm} mm is not supported: choose 58 or 80 mm in the settings."),
    "printer.control_characters": ("打印内容含有控制字符（{names}）：请删除后重新打印。", "The text to print contains control characters ({names}): remove them and print again."),
    "printer.qr_empty": ("二维码内容为空：请检查要打印的内容。", "The QR code is empty: check what is to be printed."),
    "printer.qr_too_long": ("二维码内容过长（{length} 字节，上限 {limit}）：请缩短内容。", "The QR code content is too long ({length} bytes, limit {limit}): shorten it."),
    "printer.unencodable": ("打印机编码 {encoding} 无法表示字符 {chars}：请改用 GB18030 编码，或把这些字符改为可打印的写法。", "Printer encoding {encoding} cannot print the characters {chars}: switch to GB18030, or write them differently."),
    "printer.job_not_found": ("找不到这个打印任务：它可能已被打印或删除。", "Print job not found: it may have been printed or deleted."),
    "printer.job_not_kept": ("此打印任务的内容未保存在磁盘上（本机未启用加密，程序重启后不保留），请从办件中重新打印。", "This print job's content was not saved on disk (no encryption on this PC, so it is not kept across restarts): print again from the case."),
    "printer.condition_paper_near_end": ("打印纸快用完了：请准备新纸卷，本张仍可打印。", "Paper is running low: have a new roll ready; this receipt still prints."),
    "printer.condition_paper_out": ("打印机缺纸：请装入新纸卷并合上盖子，然后点“重新打印”。", "Printer out of paper: load a new roll, close the cover, then click “Reprint”."),
    "printer.condition_cover_open": ("打印机盖子没有合上：请合好盖子，然后点“重新打印”。", "Printer cover open: close it, then click “Reprint”."),
    "printer.condition_offline": ("打印机处于离线状态：请检查电源指示灯，按一下进纸键或重开打印机后再试。", "Printer offline: check the power light, press the feed button or restart the printer, then retry."),
    "printer.condition_error": ("打印机报告故障（切刀或机械错误）：请关机检查卡纸后重开；仍不行请联系信息科。", "The printer reports a fault (cutter or mechanical): switch it off, clear any jam and restart; if it persists, contact IT."),
    "printer.incomplete": ("打印过程中出现问题，这张票据可能不完整。{condition}", "A problem occurred while printing; this receipt may be incomplete. {condition}"),
    "printer.condition_ready": ("打印机就绪。", "Printer ready."),
    # reader
    "reader.sim_no_sample": ("模拟阅读器没有名为“{sample}”的示例证件。", "The simulated reader has no sample card named “{sample}”."),
    "reader.io_error": ("与身份证阅读器通信出错：请拔插阅读器后再试。", "Communication with the ID card reader failed: unplug and replug the reader, then retry."),
    "reader.no_answer": ("身份证阅读器没有应答：请检查阅读器电源和数据线，拔插后再试。", "The ID card reader does not answer: check its power and cable, unplug and replug it, then retry."),
    "reader.incomplete_data": ("读到的证件数据不完整：请重新放置证件再读一次。", "Incomplete card data: put the card back and read again."),
    "reader.sw3_90": ("操作成功。", "Done."),
    "reader.sw3_9f": ("已找到身份证。", "ID card found."),
    "reader.sw3_91": ("此证件没有该项信息。", "This card does not hold that information."),
    "reader.sw3_10": ("阅读器收到的数据校验出错：请重新放置证件再读一次。", "The reader received corrupted data: put the card back and read again."),
    "reader.sw3_11": ("阅读器收到的数据长度出错：请重新放置证件再读一次。", "The reader received data of the wrong length: put the card back and read again."),
    "reader.sw3_21": ("阅读器不支持该命令：请联系信息科检查阅读器型号与设置。", "The reader does not support this command: ask IT to check the reader model and settings."),
    "reader.sw3_23": ("阅读器拒绝了该操作（越权）：请联系信息科。", "The reader refused the operation (not permitted): contact IT."),
    "reader.sw3_24": ("阅读器发生未知错误：请拔插阅读器后重试。", "Unknown reader error: unplug and replug the reader, then retry."),
    "reader.sw3_31": ("证件未通过阅读器认证：请确认是有效的二代证件，重新放置后再读。", "The card failed the reader's authentication: make sure it is a valid second-generation card, put it back and read again."),
    "reader.sw3_32": ("阅读器未通过证件认证：请确认是有效的二代证件，重新放置后再读。", "The reader failed the card's authentication: make sure it is a valid second-generation card, put it back and read again."),
    "reader.sw3_33": ("证件信息校验错误：请重新放置证件再读一次；仍失败请人工核验证件。", "Card data check failed: put the card back and read again; if it still fails, verify the card by hand."),
    "reader.sw3_37": ("指纹信息校验错误：请重新放置证件再读一次。", "Fingerprint data check failed: put the card back and read again."),
    "reader.sw3_3f": ("证件信息长度错误：请重新放置证件再读一次。", "Card data has the wrong length: put the card back and read again."),
    "reader.sw3_40": ("无法识别的证件类型：请放置居民身份证、居住证或外国人永久居留身份证。", "Unknown card type: use a resident ID card, a residence permit or a foreigner's permanent residence ID card."),
    "reader.sw3_41": ("读证失败：请把证件平放在阅读区不要移动，再读一次。", "Reading failed: lay the card flat on the reader, keep it still and read again."),
    "reader.sw3_47": ("取随机数失败：请重新放置证件再读一次。", "Getting a random number failed: put the card back and read again."),
    "reader.sw3_60": ("阅读器安全模块自检失败：请拔插阅读器电源；仍失败请联系信息科报修。", "The reader's security module failed its self-test: unplug and replug the reader's power; if it still fails, report it to IT."),
    "reader.sw3_66": ("阅读器安全模块未授权：请联系信息科报修。", "The reader's security module is not authorised: report it to IT."),
    "reader.sw3_80": ("未找到证件：请把证件放在阅读区。", "No card found: put the card on the reader."),
    "reader.sw3_81": ("选卡失败：请把证件拿起后重新放好。", "Selecting the card failed: lift the card and put it back."),
    "reader.sw3_unknown": ("阅读器返回未知状态码 {sw3}：请重新放置证件再读；仍失败请联系信息科。", "The reader returned unknown status code {sw3}: put the card back and read again; if it still fails, contact IT."),
    "reader.same_card": ("证件已读过，仍在阅读区：如需重读，请拿起证件后重新放置。", "Card already read and still on the reader: to read it again, lift it and put it back."),
    "reader.no_card": ("未检测到证件：请把证件平放在阅读区。", "No card detected: lay the card flat on the reader."),
    "reader.no_card_in_time": ("{seconds:g} 秒内未检测到证件：请把证件平放在阅读区后再读。", "No card detected within {seconds:g} s: lay the card flat on the reader and read again."),
    "reader.card_expired": ("证件已过有效期（{valid_to}）：请提醒申请人及时换领，并按事项规定决定能否受理。", "The card has expired ({valid_to}): remind the applicant to renew it, and decide by the matter's rules whether to accept."),
    "reader.cancelled": ("已取消读卡。", "Card reading cancelled."),
    # device
    "device.cannot_open": ("无法打开设备端口 {url}：请检查设备电源和数据线是否插好，或在设置中核对端口。", "Cannot open device port {url}: check that the device is powered and its cable plugged in, or check the port in the settings."),
    "device.connection_lost": ("与设备 {url} 的连接中断：请检查数据线，重新插好后再试。", "Connection to device {url} lost: check the cable, plug it in again and retry."),
    "device.sim_via_manager": ("模拟设备须经设备管理器打开。", "Simulated devices must be opened through the device manager."),
    "device.bad_address": ("设备地址 {url} 格式不对：应为 tcp://主机:端口，例如 tcp://192.168.1.50:9100。", "Device address {url} is not valid: use tcp://host:port, e.g. tcp://192.168.1.50:9100."),
    "device.ready": ("就绪。", "Ready."),
    "device.ready_sam": ("就绪（安全模块号 {sam}）。", "Ready (security module {sam})."),
    "device.ready_with": ("就绪（{info}）。", "Ready ({info})."),
    # settings
    "settings.bad_idle_minutes": ("自动锁屏时间应在 {min_minutes} 到 {max_minutes} 分钟之间。", "The automatic screen lock must be between {min_minutes} and {max_minutes} minutes."),
    "settings.bad": ("{where}中的配置项“{key}”{why}。", "{where}: the setting “{key}” {why}."),
    "settings.where_file": ("{layer}文件 {path} ", "{layer} file {path}"),
    "settings.where_override": ("{layer}参数 --set {text} ", "{layer} option --set {text}"),
    "settings.why_range": ("应在 {low} 到 {high} 之间", "must be between {low} and {high}"),
    "settings.why_code": ("只能包含英文字母和数字，且不能为空", "may contain only letters and digits, and must not be empty"),
    "settings.why_windows": ("窗口号只能包含字母和数字：{windows}", "has window numbers that are not only letters and digits: {windows}"),
    "settings.why_empty": ("不能为空", "must not be empty"),
    "settings.why_http_url": ("应为 http:// 或 https:// 开头的地址，或留空", "must be an address starting with http:// or https://, or empty"),
    "settings.why_insecure": ("不安全：中心服务器地址 {url} 使用未加密的 http://，注册码、本机凭证和群众信息会以明文在网络上传输，已拒绝连接；请改用 https:// 地址，并把配置项 sync_ca_file 设为信息技术人员提供的中心 CA 证书文件", "is not safe: the center address {url} uses unencrypted http://, so enrolment codes, this computer's credentials and citizens' data would cross the network in clear text; it is refused. Use an https:// address and set sync_ca_file to the center's CA certificate file from IT"),
    "settings.why_device_url": ("应为设备地址，如 sim:、COM3、/dev/ttyUSB0、tcp://主机:9100", "must be a device address, such as sim:, COM3, /dev/ttyUSB0 or tcp://host:9100"),
    "settings.why_encoding": ("不是已知的字符编码（例如 gb18030）", "is not a known character encoding (for example gb18030)"),
    "settings.why_one_of": ("只能是 {allowed}", "can only be {allowed}"),
    "settings.why_public_key": ("应为 Base64 编码的 32 字节 Ed25519 公钥", "must be a 32-byte Ed25519 public key in Base64"),
    "settings.type_text": ("文本", "text"),
    "settings.type_integer": ("整数", "a whole number"),
    "settings.type_bool": ("true 或 false", "true or false"),
    "settings.why_type": ("类型不对：应为{kind}，实际为 {value}", "has the wrong type: it must be {kind}, not {value}"),
    "settings.why_value": ("取值 {value} 无效：{why}", "has an invalid value {value}: {why}"),
    "settings.why_unknown": ("不存在（可用的配置项见 clerk-app config show）", "does not exist (clerk-app config show lists the settings)"),
    "settings.why_machine_only": ("只能由 IT 在本机配置文件 {path} 中设置", "can only be set by IT in this computer's settings file {path}"),
    "settings.why_bad_override": ("不存在或格式不对（应写成 键=值，例如 window=03）", "does not exist or is not written right (write key=value, for example window=03)"),
    "settings.file_too_large": ("配置文件 {path} 超过 {limit_kb} KB，不像配置文件，请核对。", "The settings file {path} is larger than {limit_kb} KB, which is not what a settings file looks like: check it."),
    "settings.bad_toml": ("配置文件 {path} 格式错误：{reason}。", "The settings file {path} has a format error: {reason}."),
    "settings.unreadable": ("无法读取配置文件 {path}：{reason}。", "The settings file {path} cannot be read: {reason}."),
    # keys
    "keys.bad_key_id_file": ("数据档案的密钥编号文件 {path} 内容不正确，请联系信息技术人员。", "The profile's key id file {path} is not valid: contact IT."),
    "keys.no_keyring": ("本机没有可用的系统密钥库（Windows 凭据管理器或 Secret Service），无法保护数据。", "This computer has no usable system keyring (Windows Credential Manager or Secret Service), so the data cannot be protected."),
    "keys.key_id_missing": ("数据档案 {root} 缺少密钥编号文件 {file}，无法解密。请联系信息技术人员。", "The data profile {root} has no key id file {file}, so it cannot be decrypted. Contact IT."),
    "keys.key_missing": ("本机的系统密钥库中没有数据档案 {key_id} 的密钥：数据可能是从其他电脑复制来的，无法打开。请联系信息技术人员。", "The system keyring of this computer has no key for data profile {key_id}: the data may have been copied from another computer and cannot be opened. Contact IT."),
    "keys.key_damaged": ("系统密钥库中数据档案 {key_id} 的密钥已损坏，请联系信息技术人员。", "The key of data profile {key_id} in the system keyring is damaged: contact IT."),
    "keys.key_id_unreadable": ("无法读取数据档案的密钥编号文件 {path}：{reason}。请联系信息技术人员。", "The profile's key id file {path} cannot be read: {reason}. Contact IT."),
    "keys.access_denied": ("系统密钥库拒绝访问：{reason}。请解锁密钥库后重试。", "The system keyring refused access: {reason}. Unlock the keyring and try again."),
    "keys.not_saved": ("系统密钥库未能保存数据档案的密钥，请联系信息技术人员。", "The system keyring did not save the profile's key: contact IT."),
    # attachment
    "attachment.bad_type": ("只能保存 JPEG、PNG 图片或 PDF 文件：该文件的内容不是这几种格式。", "Only JPEG or PNG images and PDF files can be saved: this file's content is none of these."),
    "attachment.too_large": ("文件过大：{size_kb} KB，上限 {limit_mb} MB。请降低分辨率后重拍。", "The file is too large: {size_kb} KB, the limit is {limit_mb} MB. Lower the resolution and take it again."),
    "attachment.missing": ("附件 {digest}… 不在本机：可能已按保存期限清理，或尚未从中心同步。", "Attachment {digest}… is not on this computer: it may have been purged after its retention period, or not yet synchronised from the center."),
    "attachment.damaged": ("附件 {digest}… 已损坏（校验不符），请重新拍摄或从中心恢复。", "Attachment {digest}… is damaged (checksum mismatch): take it again or restore it from the center."),
    # store
    "store.cannot_open": ("无法打开数据库 {path}：{reason}", "The database {path} cannot be opened: {reason}"),
    "store.not_a_database": ("无法打开数据库 {path}：文件已损坏或不是本系统的数据库。请联系信息技术人员。", "The database {path} cannot be opened: the file is damaged or is not a database of this system. Contact IT."),
    "store.cannot_decrypt": ("无法解密数据库 {path}：本机密钥与数据文件不匹配，或文件已损坏。请联系信息技术人员。", "The database {path} cannot be decrypted: this computer's key does not match the data file, or the file is damaged. Contact IT."),
    "store.disk_full": ("磁盘空间已满，本次操作未保存。请清理磁盘或联系信息技术人员后重试，已有数据不受影响。", "The disk is full and this action was not saved. Free some disk space or contact IT, then try again; the data already saved is not affected."),
    "store.locked": ("数据库正被另一程序占用（可能同时打开了两个工作台），本次操作未保存。请关闭另一个后重试。", "The database is in use by another program (perhaps two workbenches are open) and this action was not saved. Close the other one and try again."),
    "store.corrupt": ("数据库文件已损坏，本次操作未保存。请不要继续使用本机，立即联系信息技术人员从备份恢复。", "The database file is damaged and this action was not saved. Stop using this computer and contact IT at once to restore from a backup."),
    "store.read_only": ("数据库文件或所在文件夹只读，本次操作未保存。请信息技术人员检查数据目录的写入权限。", "The database file or its folder is read-only and this action was not saved. Ask IT to check write access to the data folder."),
    "store.io": ("读写磁盘时出错，本次操作未保存。请检查磁盘（或移动硬盘、网络盘）后重试，或联系信息技术人员。", "Reading or writing the disk failed and this action was not saved. Check the disk (or the external or network drive) and try again, or contact IT."),
    "store.failed": ("本机数据库出错，本次操作未保存。请重试；如持续出现，请联系信息技术人员。", "The local database failed and this action was not saved. Try again; if it keeps happening, contact IT."),
    # card
    "card.bad_sex": ("性别代码无法识别：{value!r}", "The sex code is not recognised: {value!r}"),
    "card.unknown_nation": ("民族代码 {value} 不在 GB 3304 表中，保留原值", "The ethnic group code {value} is not in the GB 3304 table; the raw value is kept"),
    "card.bad_birth_date": ("出生日期无法识别", "The date of birth is not recognised"),
    "card.bad_valid_from": ("有效期起始日期无法识别", "The start of validity is not recognised"),
    "card.bad_valid_to": ("有效期截止日期无法识别", "The end of validity is not recognised"),
    "card.id_number_invalid": ("证件号码未通过校验（{reason}）：请人工核对证件。", "The card's ID number failed the check ({reason}): verify the card by hand."),
    # sync
    "sync.attachment_mismatch": ("附件 {digest}… 上传后校验不一致，本地文件可能已损坏，请重新扫描。", "Attachment {digest}… did not match after upload; the local file may be damaged: scan it again."),
    "sync.cannot_save_item": ("无法保存中心下发的{item}（{reason}），稍后自动重试。", "Cannot save the {item} sent by the center ({reason}); will retry automatically."),
    "sync.not_enrolled": ("本机尚未注册到中心服务器，请先执行 clerk-app sync enroll。", "This PC is not enrolled with the center server: run clerk-app sync enroll first."),
    "sync.attachments_pending": ("附件尚未完整上传到中心，相关材料稍后自动重试。", "Attachments not fully uploaded yet; their materials will be retried automatically."),
    "sync.seq_gone": ("中心要求从第 {seq} 条修改开始上传，但本机已无该记录；请联系信息技术人员核对。", "The center asks for changes from no. {seq}, but this PC no longer has them: contact IT."),
    "sync.bad_reply": ("中心服务器返回的数据无法读取，稍后自动重试；如持续出现，请联系信息技术人员。", "The center's reply could not be read; retrying later. If this persists, contact IT."),
    "sync.epoch_unstable": ("中心服务器的数据版本（epoch）反复变化，本轮同步已停止，稍后自动重试；如持续出现，请联系信息技术人员检查中心服务器。", "The center's data version (epoch) keeps changing; this sync round stopped and will retry automatically. If it persists, ask IT to check the center server."),
    "sync.device_revoked": ("本机已被中心停用，已停止同步；本机数据全部保留。请联系信息技术人员。", "This PC was disabled by the center; sync stopped, all local data is kept. Contact IT."),
    "sync.plain_http": ("中心服务器地址 {url} 使用未加密的 http://，注册码、本机凭证和群众信息会以明文在网络上传输，已拒绝连接；请改用 https:// 地址，并把配置项 sync_ca_file 设为信息技术人员提供的中心 CA 证书文件。", "The center address {url} uses unencrypted http://: the enrolment code, this PC's credential and citizen data would cross the network in clear, so the connection was refused. Use an https:// address and set sync_ca_file to the center's CA file from IT."),
    "sync.plain_http_enrolled": ("{refusal}然后重新注册本机（clerk-app sync enroll）。", "{refusal} Then enrol this PC again (clerk-app sync enroll)."),
    "sync.enrol_unreachable": ("无法连接中心服务器 {server}：{reason}。请检查网络和地址后重新执行注册（注册码仍可使用）。", "Cannot connect to the center server {server}: {reason}. Check the network and address, then enrol again (the code is still valid)."),
    "sync.enrol_failed": ("注册失败", "Enrolment failed"),
    "sync.keyring_refused_after_enrol": ("中心已接受注册，但本机系统密钥库拒绝保存注册凭证；请解锁或修复系统密钥库后，用同一注册码重新执行 clerk-app sync enroll。", "The center accepted the enrolment but the system keyring refused to store the credential; unlock or repair the keyring, then run clerk-app sync enroll again with the same code."),
    "sync.keyring_unusable": ("系统密钥库无法使用，读不到本机的注册凭证；请解锁系统密钥库或联系信息技术人员。本机数据全部保留。", "The system keyring cannot be used, so this PC's enrolment credential cannot be read; unlock the keyring or contact IT. All local data is kept."),
    "sync.credential_missing": ("系统密钥库中找不到本机的注册凭证，请重新注册本机。", "This PC's enrolment credential is missing from the system keyring: enrol this PC again."),
    "sync.device_disabled": ("本机已被中心停用", "This PC was disabled by the center"),
    "sync.token_failed": ("获取访问凭证失败", "Could not get an access token"),
    "sync.connection_lost": ("与中心服务器通信中断（{reason}），稍后自动重试，本机数据不受影响。", "Center unreachable ({reason}); retrying, local data is safe."),
    "sync.center_busy": ("中心服务器繁忙，稍后自动重试", "The center server is busy; retrying later"),
    "sync.refused": ("中心拒绝了本机的同步请求", "The center refused this PC's sync request"),
    "sync.center_error": ("中心服务器暂时出错（{status}），稍后自动重试。", "Center error ({status}); retrying automatically."),
    "sync.request_refused": ("中心服务器拒绝了请求（{status}）", "The center server refused the request ({status})"),
    "sync.attachment_missing": ("附件 {digest}… 在本机找不到，相关材料暂不上传；请重新扫描该材料。", "Attachment {digest}… is missing on this PC, so its material is held back: scan it again."),
    "sync.no_keyring": ("本机没有可用的系统密钥库（Windows 凭据管理器或 Secret Service），无法保存注册凭证；注册码尚未使用，请信息技术人员启用密钥库后重试。", "This PC has no usable system keyring (Windows Credential Manager or Secret Service) to keep the enrolment credential; the code was not used. Ask IT to enable the keyring, then try again."),
    "sync.unfinished": ("同步未完成：{reason}", "Sync not finished: {reason}"),
    "sync.internal_error": ("同步未完成：本机处理中心数据时出错（{error}），稍后自动重试；如持续出现，请联系信息技术人员并提供诊断包。本机数据全部保留。", "Sync not finished: this PC failed while applying the center's data ({error}); retrying later. If this persists, send IT a diagnostics bundle. All local data is kept."),
    "sync.ca_missing": ("找不到中心服务器的 CA 证书文件 {path}，请检查配置项 sync_ca_file 或 --ca；本机数据全部保留。", "CA certificate file {path} of the center server not found: check the setting sync_ca_file or --ca. All local data is kept."),
    "sync.ca_unreadable": ("CA 证书文件 {path} 无法读取，或不是 PEM 格式的证书（{error}）；请检查配置项 sync_ca_file 或 --ca。本机数据全部保留。", "CA certificate file {path} cannot be read or is not a PEM certificate ({error}): check the setting sync_ca_file or --ca. All local data is kept."),
    "sync.certificate_rejected": ("中心服务器 {server} 的证书未通过验证（不是由配置的 CA 签发，或与地址不符），已拒绝连接。请信息技术人员检查配置项 sync_ca_file（或 --ca）指向中心的 CA 证书。本机数据和待上传记录全部保留。", "The certificate of center server {server} failed verification (not signed by the configured CA, or not matching the address); connection refused. IT: make sure sync_ca_file (or --ca) points to the center's CA certificate. All local data and pending records are kept."),
    "sync.bad_page": ("中心服务器返回的同步数据格式不正确，本轮同步已停止，稍后自动重试；如持续出现，请联系信息技术人员。本机数据全部保留。", "The center's sync data is malformed; this round stopped and will be retried. If this persists, contact IT. All local data is kept."),
    "sync.center_says": ("{message}", "The center says: {message}"),
    "sync.http_failure": ("{reason}（HTTP {status}）。", "{reason} (HTTP {status})."),
    "sync.item_catalogue": ("事项目录", "matter catalogue"),
    "sync.item_authorisation": ("授权事项清单", "list of authorised matters"),
    "sync.item_holidays": ("节假日安排", "holiday schedule"),
    "sync.item_appointments": ("预约", "appointments"),
    "sync.item_survey": ("满意度调查表", "satisfaction survey form"),
    # document
    "document.unknown_kind": ("文书种类“{kind}”不存在，应为：{kinds}。", "There is no document kind “{kind}”; it must be one of: {kinds}."),
    "document.bad_case_number": ("办件编号“{number}”含有不能用于文件名的字符。", "The case number “{number}” contains characters that cannot be used in a file name."),
    "document.bad_window": ("窗口编号“{window}”无效：文书编号需要只含字母和数字的窗口编号，请在设置中填写。", "The window number “{window}” is not valid: document numbers need a window number of letters and digits only; set it in the settings."),
    "document.bad_center_code": ("中心编码“{center_code}”无效：请在设置中填写只含字母和数字的中心编码。", "The center code “{center_code}” is not valid: set a center code of letters and digits only in the settings."),
    "document.numbers_used_up": ("{window}号窗口{year}年的文书编号已用完（上限 {limit}），请联系管理员。", "Window {window} has used up its document numbers for {year} (at most {limit}): contact the administrator."),
    "document.print_start_failed": ("无法开始打印：请检查打印机是否连接、是否缺纸，然后重试。", "Printing could not start: check that the printer is connected and has paper, then try again."),
    "document.no_pdfium": ("缺少打印组件 pypdfium2，无法打印：请联系信息技术人员重新安装本程序。", "The printing component pypdfium2 is missing, so nothing can be printed: ask IT to reinstall this program."),
    "document.missing_glyph": ("文书字体中没有字符 {chars}，打印出来会是空白方框：请改用常用字或同音规范字，或请管理员更换字体后再打印。", "The document font has no glyph for {chars}, which would print as blank boxes: use a common character or a standard homophone, or ask the administrator to change the font before printing."),
    "document.font_unloadable": ("无法加载文书字体 {name}：{reason}。请重新安装本程序。", "The document font {name} cannot be loaded: {reason}. Reinstall this program."),
    # template
    "template.not_text": ("{where}的“{key}”应为文字（加引号），现为 {value!r}。", "{where}: “{key}” must be text (in quotes), not {value!r}."),
    "template.columns_missing": ("{where}缺少“columns”列定义。", "{where} lacks the column definitions “columns”."),
    "template.block_not_table": ("{where}应写成 [[block]] 双方括号段。", "{where} must be written as a [[block]] section (double brackets)."),
    "template.bad_block_type": ("{where}的类型“{value}”不存在，应为：{allowed}。", "{where}: the type “{value}” does not exist; it must be one of: {allowed}."),
    "template.bad_style": ("{where}的样式“{value}”不存在，应为：{allowed}。", "{where}: the style “{value}” does not exist; it must be one of: {allowed}."),
    "template.bad_when": ("{where}的条件“when = {when}”不是已知的占位符或材料清单名。", "{where}: the condition “when = {when}” is neither a known placeholder nor a material list."),
    "template.bad_lines": ("{where}的“lines”应为文字列表。", "{where}: “lines” must be a list of texts."),
    "template.head_missing": ("模板文件 {name} 缺少 [document] 段（kind、title）。", "The template file {name} lacks the [document] section (kind, title)."),
    "template.no_blocks": ("模板文件 {name} 中没有任何内容段（[[block]]）。", "The template file {name} has no content sections ([[block]])."),
    "template.center_missing": ("中心设置文件 {name} 缺少 [center] 段。", "The center settings file {name} lacks the [center] section."),
    "template.unknown_center_key": ("中心设置文件 {name} 中的设置项“{keys}”不存在（是否拼写错误？）。", "The center settings file {name} has an unknown setting “{keys}” (a typo?)."),
    "template.center_name_missing": ("{where}须填写中心名称（name）和编码（code）。", "{where}: fill in the center's name (name) and code (code)."),
    "template.bad_copies": ("中心设置文件 {name} 的 copies 应为文字列表，如 [\"第一联　申请人留存\", \"第二联　存档\"]。", "In the center settings file {name}, copies must be a list of texts, such as [\"第一联　申请人留存\", \"第二联　存档\"]."),
    "template.bad_reprint_mark": ("中心设置文件 {name} 的 reprint_mark 应为不超过 8 个字的文字，如 \"补打\"，不需要时留空。", "In the center settings file {name}, reprint_mark must be a text of at most 8 characters, such as \"补打\", or empty when not wanted."),
    "template.not_found": ("找不到模板文件 {path}。", "The template file {path} was not found."),
    "template.bad_toml": ("模板文件 {name} 格式错误：{reason}。", "The template file {name} has a format error: {reason}."),
    "template.key_missing": ("{where}缺少“{key}”。", "{where} lacks “{key}”."),
    "template.unknown_placeholder": ("{where}中的占位符“{{{name}}}”不存在，请检查拼写（可用的占位符见 docs/documents.md）。", "{where}: the placeholder “{{{name}}}” does not exist; check the spelling (docs/documents.md lists the placeholders)."),
    "template.bad_column": ("{where}的第 {position} 列应写成 {{ header = \"…\", value = \"…\" }}。", "{where}: column {position} must be written as {{ header = \"…\", value = \"…\" }}."),
    "template.bad_width": ("{where}的第 {position} 列的“width”应为正数。", "{where}: the “width” of column {position} must be a positive number."),
    "template.bad_rows": ("{where}的“rows”应写成 [[\"标签\", \"{{占位符}}\"], …]。", "{where}: “rows” must be written as [[\"label\", \"{{placeholder}}\"], …]."),
    "template.bad_list": ("{where}的清单“{value}”不存在，应为：{allowed}。", "{where}: the list “{value}” does not exist; it must be one of: {allowed}."),
    "template.where_block": ("模板文件 {name} 的第 {position} 段（[[block]]）", "Template file {name}, section {position} ([[block]])"),
    "template.where_document": ("模板文件 {name} 的 [document] 段", "Template file {name}, section [document]"),
    "template.where_center": ("中心设置文件 {name} 的 [center] 段", "Center settings file {name}, section [center]"),
    # cli
    "cli.data_dir_empty": ("--data-dir 的值为空：请写出数据文件夹的路径，或去掉该参数以使用默认数据文件夹。", "--data-dir is empty: give the path of a data folder, or leave the option out to use the default data folder."),
    "cli.data_dir_not_folder": ("--data-dir 指向的 {data_dir} 不是文件夹（是文件或设备）：请指定一个数据文件夹。", "--data-dir points to {data_dir}, which is not a folder (it is a file or a device): give a data folder."),
    "cli.data_dir_parent_not_folder": ("--data-dir 的上级 {parent} 不是文件夹，无法在其中建立数据文件夹。", "The parent {parent} of --data-dir is not a folder, so no data folder can be made in it."),
    "cli.data_dir_not_writable": ("数据文件夹 {folder} 不可写入（{reason}）：请换一个文件夹，或请信息技术人员开放写入权限。", "The data folder {folder} cannot be written ({reason}): choose another folder, or ask IT to allow writing."),
    "cli.bad_integer": ("{option}“{text}”无效：应为 {low} 到 {high} 之间的整数。", "{option} “{text}” is not valid: it must be a whole number from {low} to {high}."),
    "cli.bad_date": ("{option}“{text}”无效：请按 YYYY-MM-DD 填写真实存在的日期。", "{option} “{text}” is not valid: write a real date as YYYY-MM-DD."),
    "cli.bad_case_count": ("--cases 应在 1 到 5000000 之间。", "--cases must be between 1 and 5000000."),
    "cli.bad_applicant": ("--applicant 应写成“身份证号,姓名,手机号”，例如 11010519491231002X,张三丰,13800138000。", "--applicant must be written as “ID number,name,mobile”, for example 11010519491231002X,张三丰,13800138000."),
    "cli.exporter_missing": ("请用 --user 和 CLERK_APP_PASSWORD（或 --password）指明导出人的账号和密码。", "Name the exporting user's account and password with --user and CLERK_APP_PASSWORD (or --password)."),
    "cli.bad_extension_days": ("延长天数“{text}”无效：应为 1 到 {limit} 之间的整数。", "The extension “{text}” is not valid: it must be a whole number of days from 1 to {limit}."),
    "cli.operator_missing": ("请用 --user 和 CLERK_APP_PASSWORD（或 --password）指明操作人的账号和密码。", "Name the operating user's account and password with --user and CLERK_APP_PASSWORD (or --password)."),
    # audit
    "audit.no_database": ("找不到数据档案 {root} 中的数据库，无法校验审计日志。", "No database was found in the data profile {root}, so the audit log cannot be checked."),
    # update
    "update.no_manifest_url": ("未配置更新清单地址（update_manifest_url 或 server_url）。", "No update manifest address is configured (update_manifest_url or server_url)."),
    "update.no_public_key": ("未配置更新签名公钥（update_public_key）：无法确认更新来源，请联系信息技术人员。", "No update signing key is configured (update_public_key), so the update's origin cannot be confirmed: contact IT."),
    "update.manifest_too_large": ("更新清单过大，已拒绝。请联系信息技术人员。", "The update manifest is too large and was refused. Contact IT."),
    "update.bad_package": ("下载的更新包 {file} 与签名清单不符（大小或校验值不对），已丢弃，未安装。请稍后重试。", "The downloaded update package {file} does not match the signed manifest (wrong size or checksum): it was discarded and nothing was installed. Try again later."),
    "update.bad_version": ("版本号“{version}”格式不对：应为数字和点，如 1.2.3。", "The version “{version}” is not in the right format: digits and dots, such as 1.2.3."),
    "update.bad_signature": ("更新清单的签名无效：可能被篡改或不是本中心发布的，已拒绝，未安装任何内容。请通知信息技术人员。", "The update manifest's signature is not valid: it may have been tampered with or not come from this center, so it was refused and nothing was installed. Tell IT."),
    "update.bad_manifest": ("更新清单格式不对（已签名但缺少字段），已拒绝。请通知信息技术人员。", "The update manifest is malformed (signed, but fields are missing), so it was refused. Tell IT."),
    "update.manifest_unreachable": ("无法获取更新清单（{url}）：网络不通或中心未发布。稍后会自动再试。", "The update manifest cannot be fetched ({url}): the network is down or the center has not published one. It is tried again automatically."),
    # selftest
    "selftest.integrity_failed": ("数据库完整性检查失败：{result}", "The database integrity check failed: {result}"),
    "selftest.password_check_failed": ("密码校验结果不正确", "The password check gave a wrong result"),
    "selftest.no_page_image": ("文书未能生成页面图像", "The document produced no page image"),
    # startup
    "startup.opening": ("正在打开本机数据，请稍候再试。", "The local data is still being opened: please try again in a moment."),
    "startup.open_failed": ("本机数据无法打开，已记录日志：请联系信息技术人员。", "The local data cannot be opened (the details are in the log): contact IT."),
    # i18n
    "i18n.unknown_language": ("界面语言“{language}”不受支持：请在配置文件中把 language 设为 zh_CN（中文）或 en（英文）。", "UI language \"{language}\" is not supported: set language to zh_CN (Chinese) or en (English) in the settings file."),
    "i18n.translation_missing": ("缺少界面翻译文件 {file}：请重新安装本程序。", "UI translation file {file} is missing: please reinstall the program."),
}
