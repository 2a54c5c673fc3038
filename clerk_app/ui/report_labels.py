"""The manager view's Chinese report texts in the UI language (issue 15 item 13): the services build
their tables in Chinese (they are also what the exported reports print); the dashboard shows the
indicator names, headers, periods, decisions and rating levels through this table. Data (matter
and department names, people) stays as it is.

A label whose numbers come from a rule (``domain.labels.FilledLabel``) is translated by its template
(``TEMPLATES``) and filled with its own numbers, so a changed rule changes both languages.

Public API: ``report_text(text)``, ``translated(table)``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clerk_app.domain.labels import FilledLabel
from clerk_app.i18n import arg
from clerk_app.services.report_tables import Table
from clerk_app.ui.labels import message

CONTEXT = "ReportText"
TEXTS = (
    QT_TRANSLATE_NOOP("ReportText", "指标"), QT_TRANSLATE_NOOP("ReportText", "数值"),
    QT_TRANSLATE_NOOP("ReportText", "收件量"), QT_TRANSLATE_NOOP("ReportText", "受理"),
    QT_TRANSLATE_NOOP("ReportText", "一次性告知"), QT_TRANSLATE_NOOP("ReportText", "不予受理"),
    QT_TRANSLATE_NOOP("ReportText", "平均受理用时（接件→受理，分钟）"),
    QT_TRANSLATE_NOOP("ReportText", "平均办理时长（受理→办结，天）"),
    QT_TRANSLATE_NOOP("ReportText", "等候分钟（取号→叫号）平均/中位/P90"),
    QT_TRANSLATE_NOOP("ReportText", "办理分钟（叫号→办结）平均/中位/P90"),
    QT_TRANSLATE_NOOP("ReportText", "参评率"), QT_TRANSLATE_NOOP("ReportText", "实名差评回访整改率"),
    QT_TRANSLATE_NOOP("ReportText", "投诉建议（件）"), QT_TRANSLATE_NOOP("ReportText", "超期未办结的投诉建议（件）"),
    QT_TRANSLATE_NOOP("ReportText", "延时服务（分钟）"),
    QT_TRANSLATE_NOOP("ReportText", "已超期办件"), QT_TRANSLATE_NOOP("ReportText", "即将到期办件"),
    QT_TRANSLATE_NOOP("ReportText", "今日"), QT_TRANSLATE_NOOP("ReportText", "本周"),
    QT_TRANSLATE_NOOP("ReportText", "本月"), QT_TRANSLATE_NOOP("ReportText", "本季度"),
    QT_TRANSLATE_NOOP("ReportText", "非常满意"), QT_TRANSLATE_NOOP("ReportText", "满意"),
    QT_TRANSLATE_NOOP("ReportText", "基本满意"), QT_TRANSLATE_NOOP("ReportText", "不满意"),
    QT_TRANSLATE_NOOP("ReportText", "非常不满意"), QT_TRANSLATE_NOOP("ReportText", "未评价"),
    QT_TRANSLATE_NOOP("ReportText", "等级"), QT_TRANSLATE_NOOP("ReportText", "件数"),
    QT_TRANSLATE_NOOP("ReportText", "占已评价"),
    QT_TRANSLATE_NOOP("ReportText", "本机文件"), QT_TRANSLATE_NOOP("ReportText", "中心下发"),
    # the other manager pages: the ledgers', the follow-ups', the ranking's and the waiting tables' titles,
    # headers and labels (services/reports.py, performance.py, statistics.py, waiting.py, domain/complaints.py)
    QT_TRANSLATE_NOOP("ReportText", "未当日转办的办不成事（件）"), QT_TRANSLATE_NOOP("ReportText", "投诉首次回访核实超时（件）"),
    QT_TRANSLATE_NOOP("ReportText", "容缺承诺逾期未履行（失信，件）"),
    QT_TRANSLATE_NOOP("ReportText", "暂停服务"), QT_TRANSLATE_NOOP("ReportText", "延时服务"),
    QT_TRANSLATE_NOOP("ReportText", "延时服务汇总与调休余额"), QT_TRANSLATE_NOOP("ReportText", "咨询登记"),
    QT_TRANSLATE_NOOP("ReportText", "帮办代办"), QT_TRANSLATE_NOOP("ReportText", "应急登记"),
    QT_TRANSLATE_NOOP("ReportText", "办不成事与投诉建议台账"), QT_TRANSLATE_NOOP("ReportText", "差评回访整改台账"),
    QT_TRANSLATE_NOOP("ReportText", "窗口人员"), QT_TRANSLATE_NOOP("ReportText", "窗口"),
    QT_TRANSLATE_NOOP("ReportText", "开始"), QT_TRANSLATE_NOOP("ReportText", "结束"),
    QT_TRANSLATE_NOOP("ReportText", "分钟"), QT_TRANSLATE_NOOP("ReportText", "原因"),
    QT_TRANSLATE_NOOP("ReportText", "说明"),
    QT_TRANSLATE_NOOP("ReportText", "本期延时（分钟）"), QT_TRANSLATE_NOOP("ReportText", "调休余额（分钟）"),
    QT_TRANSLATE_NOOP("ReportText", "时间"), QT_TRANSLATE_NOOP("ReportText", "方式"),
    QT_TRANSLATE_NOOP("ReportText", "问题"), QT_TRANSLATE_NOOP("ReportText", "答复"),
    QT_TRANSLATE_NOOP("ReportText", "首问人员"), QT_TRANSLATE_NOOP("ReportText", "需回电"),
    QT_TRANSLATE_NOOP("ReportText", "回电期限"), QT_TRANSLATE_NOOP("ReportText", "已回电"),
    QT_TRANSLATE_NOOP("ReportText", "类型"), QT_TRANSLATE_NOOP("ReportText", "服务对象"),
    QT_TRANSLATE_NOOP("ReportText", "姓名"), QT_TRANSLATE_NOOP("ReportText", "事项"),
    QT_TRANSLATE_NOOP("ReportText", "办件编号"), QT_TRANSLATE_NOOP("ReportText", "经过与处置"),
    QT_TRANSLATE_NOOP("ReportText", "未办结人员"), QT_TRANSLATE_NOOP("ReportText", "已优先办理"),
    QT_TRANSLATE_NOOP("ReportText", "受理时间"), QT_TRANSLATE_NOOP("ReportText", "类别"),
    QT_TRANSLATE_NOOP("ReportText", "内容"), QT_TRANSLATE_NOOP("ReportText", "处理方式"),
    QT_TRANSLATE_NOOP("ReportText", "当前环节"), QT_TRANSLATE_NOOP("ReportText", "反映人"),
    QT_TRANSLATE_NOOP("ReportText", "联系电话"), QT_TRANSLATE_NOOP("ReportText", "承办人"),
    QT_TRANSLATE_NOOP("ReportText", "承办部门/人"), QT_TRANSLATE_NOOP("ReportText", "转办日期"),
    QT_TRANSLATE_NOOP("ReportText", "转办时效"), QT_TRANSLATE_NOOP("ReportText", "首次回访期限"),
    QT_TRANSLATE_NOOP("ReportText", "首次回访"), QT_TRANSLATE_NOOP("ReportText", "办结期限"),
    QT_TRANSLATE_NOOP("ReportText", "办结日期"), QT_TRANSLATE_NOOP("ReportText", "时效"),
    QT_TRANSLATE_NOOP("ReportText", "评价时间"), QT_TRANSLATE_NOOP("ReportText", "被评人员"),
    QT_TRANSLATE_NOOP("ReportText", "负责人"), QT_TRANSLATE_NOOP("ReportText", "回访期限"),
    QT_TRANSLATE_NOOP("ReportText", "整改期限"), QT_TRANSLATE_NOOP("ReportText", "核实结论"),
    QT_TRANSLATE_NOOP("ReportText", "整改情况"), QT_TRANSLATE_NOOP("ReportText", "评价人意见"),
    QT_TRANSLATE_NOOP("ReportText", "状态"), QT_TRANSLATE_NOOP("ReportText", "超期"),
    QT_TRANSLATE_NOOP("ReportText", "排名"), QT_TRANSLATE_NOOP("ReportText", "办件量"),
    QT_TRANSLATE_NOOP("ReportText", "加权办件量"), QT_TRANSLATE_NOOP("ReportText", "平均办理天数"),
    QT_TRANSLATE_NOOP("ReportText", "评价数"), QT_TRANSLATE_NOOP("ReportText", "好评率"),
    QT_TRANSLATE_NOOP("ReportText", "差评数"), QT_TRANSLATE_NOOP("ReportText", "逾期件数"),
    QT_TRANSLATE_NOOP("ReportText", "按时办结率"), QT_TRANSLATE_NOOP("ReportText", "得分"),
    QT_TRANSLATE_NOOP("ReportText", "按事项"), QT_TRANSLATE_NOOP("ReportText", "按部门"),
    QT_TRANSLATE_NOOP("ReportText", "按窗口人员"), QT_TRANSLATE_NOOP("ReportText", "按渠道"),
    QT_TRANSLATE_NOOP("ReportText", "部门"), QT_TRANSLATE_NOOP("ReportText", "评价分布"),
    QT_TRANSLATE_NOOP("ReportText", "日期"), QT_TRANSLATE_NOOP("ReportText", "服务人次"),
    QT_TRANSLATE_NOOP("ReportText", "平均等候"), QT_TRANSLATE_NOOP("ReportText", "中位等候"),
    QT_TRANSLATE_NOOP("ReportText", "P90 等候"), QT_TRANSLATE_NOOP("ReportText", "平均办理"),
    QT_TRANSLATE_NOOP("ReportText", "中位办理"), QT_TRANSLATE_NOOP("ReportText", "P90 办理"),
    QT_TRANSLATE_NOOP("ReportText", "未办件（咨询等）"), QT_TRANSLATE_NOOP("ReportText", "是"),
    QT_TRANSLATE_NOOP("ReportText", "进行中"), QT_TRANSLATE_NOOP("ReportText", "超时未回访"),
    QT_TRANSLATE_NOOP("ReportText", "待回访"), QT_TRANSLATE_NOOP("ReportText", "（保密）"),
    QT_TRANSLATE_NOOP("ReportText", "已办结"), QT_TRANSLATE_NOOP("ReportText", "待整改"),
    QT_TRANSLATE_NOOP("ReportText", "待反馈"), QT_TRANSLATE_NOOP("ReportText", "待办结"),
    QT_TRANSLATE_NOOP("ReportText", "投诉"), QT_TRANSLATE_NOOP("ReportText", "建议"),
    QT_TRANSLATE_NOOP("ReportText", "咨询"), QT_TRANSLATE_NOOP("ReportText", "表扬"),
    QT_TRANSLATE_NOOP("ReportText", "当场解决"),
    QT_TRANSLATE_NOOP("ReportText", "转本级主管部门（当日转办）"), QT_TRANSLATE_NOOP("ReportText", "非本级事权（告知办理途径）"),
    QT_TRANSLATE_NOOP("ReportText", "发现问题"), QT_TRANSLATE_NOOP("ReportText", "分析原因"),
    QT_TRANSLATE_NOOP("ReportText", "派发工单"), QT_TRANSLATE_NOOP("ReportText", "限期解决"),
    QT_TRANSLATE_NOOP("ReportText", "结果核查"), QT_TRANSLATE_NOOP("ReportText", "监督检查"),
    QT_TRANSLATE_NOOP("ReportText", "办理中"), QT_TRANSLATE_NOOP("ReportText", "已超期"),
    QT_TRANSLATE_NOOP("ReportText", "按时办结"), QT_TRANSLATE_NOOP("ReportText", "超期办结"),
    QT_TRANSLATE_NOOP("ReportText", "当日转办"), QT_TRANSLATE_NOOP("ReportText", "待转办"),
    QT_TRANSLATE_NOOP("ReportText", "未当日转办"), QT_TRANSLATE_NOOP("ReportText", "网上"),
    QT_TRANSLATE_NOOP("ReportText", "邮寄"), QT_TRANSLATE_NOOP("ReportText", "移动端"),
    QT_TRANSLATE_NOOP("ReportText", "自助终端"),
)
# Labels whose numbers come from a rule (``domain.labels.FilledLabel``): translated as templates, each
# word for word as the service or domain writes it, then filled with the label's own numbers.
TEMPLATES = (
    # services/statistics.Dashboard.summary and services/reports.ledger_tables: the pause limit
    QT_TRANSLATE_NOOP("ReportText", "超 {minutes} 分钟的暂停服务（次）"),
    QT_TRANSLATE_NOOP("ReportText", "正在暂停且已超 {minutes} 分钟（个窗口）"),
    QT_TRANSLATE_NOOP("ReportText", "超{minutes}分钟"),
    # domain/complaints.COMPLEX_LABEL: the complex items' working days (a setting)
    QT_TRANSLATE_NOOP("ReportText", "复杂问题（{days}个工作日内办结）"),
    # domain/performance.FORMULA_TEMPLATE: the ranking's coefficients and complexity bands
    QT_TRANSLATE_NOOP("ReportText", "得分 = {volume} × 加权办件量 ÷ 本季最高加权办件量 + {good} × 好评率 + {on_time} × 按时办结率 − {bad_penalty} × 差评数（最低 0 分）。\n加权办件量 = Σ 事项复杂度权重：即办件 {immediate_weight}；承诺时限 ≤{short_days} 个工作日 {short_weight}；{medium_from}–{medium_days} 个工作日 {medium_weight}；{medium_days} 个工作日以上 {long_weight}。\n好评率 = （非常满意＋满意＋基本满意）÷ 已评价数，无评价记 0；按时办结率 = 1 − 逾期件数 ÷ 有办结期限的件数，无期限件记 1。\n差评回访核实为误评或恶意的评价不计入。"),
)
SHARE = QT_TRANSLATE_NOOP("ReportText", "%1（占比）")
# Figures the services print with their share or count in full-width brackets ("12（92.3%）", "—（0/0）"),
# time limits ("3个工作日") and a late call-back's time: the number stays, the words follow the language.


def _pattern(source: str, *groups: str) -> re.Pattern[str]:
    """A regular expression for a translatable ``source`` whose %1, %2 … match ``groups``."""
    rx = re.escape(source)
    for i, group in enumerate(groups, 1):
        rx = rx.replace(f"%{i}", f"({group})")
    return re.compile(f"^{rx}$")


NUMBER = r"[\d.,%—-]+"
PATTERNS = [(_pattern(source, *groups), source) for source, groups in (
    (QT_TRANSLATE_NOOP("ReportText", "%1（%2）"), (NUMBER, r"[\d.,%/—-]+")),
    (QT_TRANSLATE_NOOP("ReportText", "%1个工作日"), (r"\d+",)),
    (QT_TRANSLATE_NOOP("ReportText", "%1个自然日"), (r"\d+",)),
    (QT_TRANSLATE_NOOP("ReportText", "%1（超时）"), (r"[\d: -]+",)),
)]
_SHARE = re.compile("^(.+)" + re.escape(SHARE.replace("%1", "")) + "$")  # the services' share suffix


def report_text(text: str) -> str:
    """A report's Chinese text in the UI language; a state or another domain label through ``message``;
    anything else (data) unchanged."""
    if isinstance(text, FilledLabel):
        return text.fill(QCoreApplication.translate(CONTEXT, text.template))
    if text in TEXTS:
        return QCoreApplication.translate(CONTEXT, text)
    m = _SHARE.match(text)
    if m:
        return arg(QCoreApplication.translate(CONTEXT, SHARE), report_text(m.group(1)))
    for pattern, source in PATTERNS:
        m = pattern.match(text)
        if m:
            return arg(QCoreApplication.translate(CONTEXT, source), *m.groups())
    return message(text)


def translated(table: Table) -> Table:
    """Headers and the first column (the indicator names) in the UI language."""
    rows = [(report_text(r[0]) if isinstance(r[0], str) else r[0], *r[1:]) for r in table.rows]
    return replace(table, headers=tuple(report_text(h) for h in table.headers), rows=rows)
