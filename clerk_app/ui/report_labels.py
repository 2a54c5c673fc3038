"""The manager view's Chinese report texts in the UI language (issue 15 item 13): the services build
their tables in Chinese (they are also what the exported reports print); the dashboard shows the
indicator names, headers, periods, decisions and rating levels through this table. Data (matter
and department names, people) stays as it is.

Public API: ``report_text(text)``, ``translated(table)``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

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
    QT_TRANSLATE_NOOP("ReportText", "超 15 分钟的暂停服务（次）"), QT_TRANSLATE_NOOP("ReportText", "延时服务（分钟）"),
    QT_TRANSLATE_NOOP("ReportText", "已超期办件"), QT_TRANSLATE_NOOP("ReportText", "即将到期办件"),
    QT_TRANSLATE_NOOP("ReportText", "今日"), QT_TRANSLATE_NOOP("ReportText", "本周"),
    QT_TRANSLATE_NOOP("ReportText", "本月"), QT_TRANSLATE_NOOP("ReportText", "本季度"),
    QT_TRANSLATE_NOOP("ReportText", "非常满意"), QT_TRANSLATE_NOOP("ReportText", "满意"),
    QT_TRANSLATE_NOOP("ReportText", "基本满意"), QT_TRANSLATE_NOOP("ReportText", "不满意"),
    QT_TRANSLATE_NOOP("ReportText", "非常不满意"), QT_TRANSLATE_NOOP("ReportText", "未评价"),
    QT_TRANSLATE_NOOP("ReportText", "等级"), QT_TRANSLATE_NOOP("ReportText", "件数"),
    QT_TRANSLATE_NOOP("ReportText", "占已评价"),
)
SHARE = QT_TRANSLATE_NOOP("ReportText", "%1（占比）")
_SHARE = re.compile("^(.+)" + re.escape(SHARE.replace("%1", "")) + "$")  # the services' share suffix


def report_text(text: str) -> str:
    """A report's Chinese text in the UI language; a state or another domain label through ``message``;
    anything else (data) unchanged."""
    if text in TEXTS:
        return QCoreApplication.translate(CONTEXT, text)
    m = _SHARE.match(text)
    if m:
        return arg(QCoreApplication.translate(CONTEXT, SHARE), report_text(m.group(1)))
    return message(text)


def translated(table: Table) -> Table:
    """Headers and the first column (the indicator names) in the UI language."""
    rows = [(report_text(r[0]) if isinstance(r[0], str) else r[0], *r[1:]) for r in table.rows]
    return replace(table, headers=tuple(report_text(h) for h in table.headers), rows=rows)
