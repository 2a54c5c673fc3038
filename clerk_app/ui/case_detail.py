"""Case detail (一事一档 at a glance): people, materials, timeline, and the next steps allowed now."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.cases import AcceptMode, Action, CaseState, CommitmentStatus
from clerk_app.domain.deadline_policy import DECISION_CLOCK
from clerk_app.domain.deadlines import MAX_EXTENSION_DAYS, SUSPENSION_REASONS
from clerk_app.domain.roles import Actor
from clerk_app.i18n import arg
from clerk_app.services import cases as svc
from clerk_app.services.context import ServiceContext
from clerk_app.ui.labels import label
from clerk_app.ui.tasks import TaskRunner

# Steps a counter may take from the detail; the domain decides which of them are allowed now.
COUNTER_STEPS: tuple[tuple[Action, str], ...] = (
    (Action.TRANSFER, QT_TRANSLATE_NOOP("CaseDetailDialog", "流转至部门")),
    (Action.SUPPLEMENT_DELIVERED, QT_TRANSLATE_NOOP("CaseDetailDialog", "补件已送部门")),
    (Action.RESULT_READY, QT_TRANSLATE_NOOP("CaseDetailDialog", "结果已到，待出件")),
    (Action.FULFIL_COMMITMENT, QT_TRANSLATE_NOOP("CaseDetailDialog", "容缺材料已补齐")),
    (Action.WITHDRAW, QT_TRANSLATE_NOOP("CaseDetailDialog", "申请人撤回")),
    (Action.ARCHIVE, QT_TRANSLATE_NOOP("CaseDetailDialog", "归档")),
)


class CaseDetailDialog(QDialog):
    def __init__(self, ctx: ServiceContext, actor: Actor, runner: TaskRunner, case_number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.runner, self.number = ctx, actor, runner, case_number
        self.setWindowTitle(arg(self.tr("办件详情 — %1"), case_number))
        # Large and resizable: the timeline's times and state changes are read whole.
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setSizeGripEnabled(True)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1280, screen.width() - 40), min(860, screen.height() - 40))
        self.header = QLabel(objectName="detailHeader")
        self.header.setStyleSheet("font-size: 15px;")
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.people = QFormLayout()
        self.id_label = QLabel(objectName="detailId")
        self.reveal = QPushButton(self.tr("显示完整证件号（将记录审计）"), objectName="revealId")
        self.reveal.setEnabled(actor.can("applicant.reveal_id"))
        id_row = QHBoxLayout()
        id_row.addWidget(self.id_label)
        id_row.addWidget(self.reveal)
        id_row.addStretch(1)
        self.name_label, self.phone_label, self.agent_label = QLabel(), QLabel(), QLabel()
        self.people.addRow(self.tr("申请人"), self.name_label)
        self.people.addRow(self.tr("证件号码"), id_row)
        self.people.addRow(self.tr("联系电话"), self.phone_label)
        self.people.addRow(self.tr("代办人"), self.agent_label)
        self.linked_label = QLabel(objectName="linkedCases")
        self.linked_label.setWordWrap(True)
        self.linked_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                  | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.linked_label.linkActivated.connect(self.open_linked)
        self.people.addRow(self.tr("联办件"), self.linked_label)
        self.materials = QTableWidget(0, 4, objectName="detailMaterials")
        self.materials.setHorizontalHeaderLabels([self.tr("材料"), self.tr("必要性"), self.tr("核验结果"), self.tr("说明")])
        self.materials.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.timeline = QTableWidget(0, 5, objectName="timeline")
        self.timeline.setHorizontalHeaderLabels([self.tr("时间"), self.tr("经办人"), self.tr("操作"), self.tr("状态变化"),
                                                 self.tr("说明")])
        self.timeline.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for col in (0, 1, 2, 3):
            self.timeline.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.setWordWrap(True)
        for t in (self.materials, self.timeline):
            t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            t.verticalHeader().setVisible(False)
        self.actions_row = QHBoxLayout()
        self.step_buttons: dict[Action, QPushButton] = {}
        for action, text in COUNTER_STEPS:
            b = QPushButton(QCoreApplication.translate("CaseDetailDialog", text), objectName=f"step_{action.value}")
            b.clicked.connect(lambda _c=False, a=action: self._step(a))
            self.step_buttons[action] = b
            self.actions_row.addWidget(b)
        # 行政许可法 第45条 clock stops and 第42条 extensions (the extension needs a supervisor)
        self.suspend_button = QPushButton(self.tr("暂停计时（特别程序）"), objectName="suspendClock")
        self.resume_button = QPushButton(self.tr("恢复计时"), objectName="resumeClock")
        self.extend_button = QPushButton(self.tr("延长期限"), objectName="extendLimit")
        # seed 001 §5.3.6 d: a supervisor records a 告知承诺 found untrue on checking
        self.false_button = QPushButton(self.tr("认定虚假承诺"), objectName="falseCommitment")
        for b in (self.suspend_button, self.resume_button, self.extend_button, self.false_button):
            self.actions_row.addWidget(b)
        self.false_button.clicked.connect(self._false_commitment)
        self.suspend_button.clicked.connect(self._suspend)
        self.resume_button.clicked.connect(self._resume)
        self.extend_button.clicked.connect(self._extend)
        self.ask_suspension, self.ask_extension = self._ask_suspension, self._ask_extension
        self.ask_false_finding = self._ask_false_finding
        self.actions_row.addStretch(1)
        self.message = QLabel(objectName="detailMessage")
        self.message.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(self.people)
        layout.addWidget(QLabel(self.tr("材料")))
        layout.addWidget(self.materials, 1)
        layout.addWidget(QLabel(self.tr("办理过程")))
        layout.addWidget(self.timeline, 1)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.message)
        self.reveal.clicked.connect(self._reveal)
        self.ask_password = self._ask_password
        self.ask_text = self._ask_text  # replaced in tests, like ask_password
        self.load()

    def load(self) -> None:
        self.runner.run(svc.case_detail, self.ctx, self.actor, self.number, on_success=self._show,
                        on_error=self.message.setText)

    def _show(self, d: svc.CaseDetail) -> None:
        c = d.case
        due = "" if c.due_date is None else arg(self.tr("承诺办结 %1"), f"{c.due_date:%Y-%m-%d}") + (
            self.tr("（暂定）") if c.due_provisional else "")
        mode = arg(self.tr("（%1）"), label(c.accept_mode)) if c.accept_mode else ""
        rq = (arg(self.tr("　容缺材料须于 %1 前补交（%2）"), f"{c.rongque_due:%Y-%m-%d}", label(c.commitment))
              if c.rongque_due else "")
        stopped = next((x for x in c.suspensions if x.end is None), None)
        if stopped is not None:
            due += arg(self.tr("　暂停计时中：%1（自 %2）"), stopped.reason, f"{stopped.start:%Y-%m-%d}")
        if c.extensions:
            due += arg(self.tr("　已延长 %1 个工作日（%2 批准）"), sum(e.days for e in c.extensions),
                       "、".join(dict.fromkeys(e.approver for e in c.extensions)))
        self.header.setText(arg(self.tr("<b>%1</b>　%2　%3<br>状态：<b>%4</b>%5　接件 %6　%7"), c.number, c.matter_name,
                                c.department, label(c.state), mode, f"{c.received_at:%Y-%m-%d %H:%M}", due + rq))
        self.name_label.setText(d.applicant_name)
        self.id_label.setText(d.applicant_id_masked)
        self.phone_label.setText(d.applicant_phone_masked or "—")
        self.agent_label.setText(d.agent_name or "—")
        # the other cases of the same joint application; a click opens one
        self.linked_label.setText("　".join(arg(self.tr("%1 %2（%3）"), f'<a href="{n}">{n}</a>', html.escape(m), label(st))
                                           for n, m, st in d.linked) or "—")
        self.linked = d.linked
        self.materials.setRowCount(len(c.materials))
        for i, m in enumerate(c.materials):
            for j, v in enumerate((f"{m.seq}. {m.name}", label(m.necessity), label(m.status), m.note)):
                self.materials.setItem(i, j, QTableWidgetItem(v))
        self.timeline.setRowCount(len(c.history) + 1)
        received = (f"{c.received_at:%Y-%m-%d %H:%M}", d.actors.get(c.clerk_id, c.clerk_id), self.tr("接件"),
                    self.tr("已接件"), arg(self.tr("%1号窗口"), c.window))
        for j, v in enumerate(received):
            self.timeline.setItem(0, j, QTableWidgetItem(v))
        for i, t in enumerate(c.history, start=1):
            change = label(t.from_state) if t.from_state is t.to_state else f"{label(t.from_state)} → {label(t.to_state)}"
            for j, v in enumerate((f"{t.at:%Y-%m-%d %H:%M}", d.actors.get(t.actor, t.actor), label(t.action), change,
                                   t.reason)):
                self.timeline.setItem(i, j, QTableWidgetItem(v))
        allowed = c.allowed_actions()
        for action, button in self.step_buttons.items():
            button.setVisible(action in allowed)
        running = c.state in DECISION_CLOCK
        self.suspend_button.setVisible(running and not c.clock_paused)
        self.resume_button.setVisible(running and c.clock_paused)
        self.extend_button.setVisible(running and self.actor.can("case.extend"))
        self.false_button.setVisible(c.is_open and self.actor.can("ledger.manage") and c.accept_mode is AcceptMode.TELL_COMMIT
                                     and c.commitment is CommitmentStatus.NONE)
        self.case = c

    def open_linked(self, number: str) -> CaseDetailDialog:
        dialog = CaseDetailDialog(self.ctx, self.actor, self.runner, number, self.parentWidget())
        dialog.show()
        self.linked_dialog = dialog
        return dialog

    def _reveal(self) -> None:
        """A sensitive action: the clerk types the password again; the reveal is audited."""
        password = self.ask_password()
        if not password:
            return
        from clerk_app.services import reauth

        def work() -> str:
            elevation = reauth.reauthenticate(self.ctx, self.actor, password, "applicant.reveal_id")
            return reauth.reveal_applicant_id(self.ctx, self.actor, self.number, elevation)
        self.runner.run(work, on_success=self.id_label.setText, on_error=self.message.setText)

    def _ask_text(self, title: str, label: str) -> tuple[str, bool]:
        return QInputDialog.getText(self, title, label)

    def _ask_password(self) -> str:
        password, ok = QInputDialog.getText(self, self.tr("确认身份"), self.tr("显示完整证件号须再次输入您的密码："),
                                            QLineEdit.EchoMode.Password)
        return password if ok else ""

    def _step(self, action: Action) -> None:
        n, a, ctx = self.number, self.actor, self.ctx
        if action is Action.WITHDRAW:
            reason, ok = QInputDialog.getText(self, self.tr("申请人撤回"), self.tr("撤回原因："))
            if not ok:
                return
            call = (svc.withdraw, ctx, a, n)
            kwargs = {"reason": reason}
        elif action is Action.TRANSFER:  # the 交接单 names the department's receiver (seed 001 §5.1.4)
            receiver, ok = self.ask_text(self.tr("流转至部门"), self.tr("部门接收人："))
            if not ok:
                return
            call, kwargs = (svc.transfer, ctx, a, n), {"receiver": receiver}
        elif action is Action.ARCHIVE and self.case.state is CaseState.UNDELIVERABLE:
            receiver, ok = self.ask_text(self.tr("退回部门"), self.tr("部门接收人："))
            if not ok:
                return
            reason, ok = self.ask_text(self.tr("退回部门"), self.tr("退回原因："))
            if not ok:
                return
            call, kwargs = (svc.return_to_department, ctx, a, n), {"receiver": receiver, "reason": reason}
        else:
            call = ({Action.TRANSFER: svc.transfer, Action.SUPPLEMENT_DELIVERED: svc.supplement_delivered,
                     Action.RESULT_READY: svc.mark_result_ready, Action.FULFIL_COMMITMENT: svc.fulfil_commitment,
                     Action.ARCHIVE: svc.archive}[action], ctx, a, n)
            kwargs = {}
        self.runner.run(*call, **kwargs, on_success=lambda _c: self.load(), on_error=self.message.setText)

    # -- clock stops and extensions ----------------------------------------------------------------
    def _ask_suspension(self) -> str:
        reason, ok = QInputDialog.getItem(self, self.tr("暂停计时"), self.tr("特别程序（所需时间不计入办理时限）："),
                                          list(SUSPENSION_REASONS), 0, True)
        return reason.strip() if ok else ""

    def _ask_extension(self) -> tuple[int, str]:
        days, ok = QInputDialog.getInt(self, self.tr("延长期限"), self.tr("延长的工作日数："), 5, 1,
                                       MAX_EXTENSION_DAYS)
        if not ok:
            return 0, ""
        reason, ok = QInputDialog.getText(self, self.tr("延长期限"), self.tr("延长理由（将写入办件并告知申请人）："))
        return (days, reason.strip()) if ok else (0, "")

    def _done(self, _case: object) -> None:
        self.load()

    def _suspend(self) -> None:
        reason = self.ask_suspension()
        if reason:
            self.runner.run(svc.suspend_clock, self.ctx, self.actor, self.number, reason=reason, on_success=self._done,
                            on_error=self.message.setText)

    def _resume(self) -> None:
        self.runner.run(svc.resume_clock, self.ctx, self.actor, self.number, on_success=self._done,
                        on_error=self.message.setText)

    def _extend(self) -> None:
        days, reason = self.ask_extension()
        if days:
            self.runner.run(svc.extend_limit, self.ctx, self.actor, self.number, days=days, reason=reason,
                            on_success=self._done, on_error=self.message.setText)

    def _ask_false_finding(self) -> str:
        text, ok = QInputDialog.getText(self, self.tr("认定虚假承诺"), self.tr("核查发现的情况（将记入申请人信用）："))
        return text.strip() if ok else ""

    def _false_commitment(self) -> None:
        finding = self.ask_false_finding()
        if finding:
            self.runner.run(svc.record_false_commitment, self.ctx, self.actor, self.number, reason=finding,
                            on_success=self._done, on_error=self.message.setText)
