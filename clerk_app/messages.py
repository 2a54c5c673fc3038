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

Public API: ``CATALOGUE``, ``Text``, ``render(code, params, language, label)``, ``LANGUAGES``.
"""

from __future__ import annotations

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
    "queue.cannot_call": ("{number} 号当前{state}，不能叫号。", "Ticket {number} is {state} and cannot be called."),
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
}
