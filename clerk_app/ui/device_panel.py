"""Device status for the clerk: one indicator per device in the status bar, and the start-of-shift
self-check (seed 000 §25(二): 检查窗口办公设备正常运行情况) with what to fix."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clerk_app.devices.base import KIND_LABELS, DeviceState, DeviceStatus
from clerk_app.devices.manager import DeviceManager
from clerk_app.i18n import arg
from clerk_app.ui.labels import device_kind, message
from clerk_app.ui.tasks import TaskRunner

COLOURS = {DeviceState.READY: "#1b7f3b", DeviceState.NOT_CONNECTED: "#9a6700", DeviceState.ERROR: "#b00020"}


class DeviceStatusRelay(QObject):
    """Status listeners run on device worker threads; this re-posts them to the GUI thread."""

    changed = Signal(object)


class DeviceIndicators(QWidget):
    def __init__(self, manager: DeviceManager) -> None:
        super().__init__()
        self.labels: dict[str, QLabel] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for kind in KIND_LABELS:
            w = QLabel(f"● {device_kind(kind)}", objectName=f"device_{kind}")
            w.setStyleSheet("color: #888;")
            w.setToolTip(self.tr("尚未检查"))
            self.labels[kind] = w
            row.addWidget(w)
        self.relay = DeviceStatusRelay(self)
        self.relay.changed.connect(self.show_status)
        manager.add_status_listener(self.relay.changed.emit)

    @Slot(object)
    def show_status(self, status: DeviceStatus) -> None:
        dot = self.labels.get(status.kind)
        if dot is None:
            return
        dot.setStyleSheet(f"color: {COLOURS.get(status.state, '#888')};")
        dot.setToolTip(message(status.message))  # the devices speak Chinese: see ui/labels.py


class ShiftCheckDialog(QDialog):
    """Runs every device's probe off the GUI thread and lists the result with what to do."""

    def __init__(self, manager: DeviceManager, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("班前设备自检"))
        self.setMinimumWidth(520)
        self.summary = QLabel(self.tr("正在检查设备……"), objectName="shiftCheckSummary")
        self.rows = QLabel("", objectName="shiftCheckRows")
        self.rows.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows)
        layout.addWidget(buttons)
        self.results: list[DeviceStatus] = []
        runner.follow(manager.probe_all_async(), on_success=self._show, on_error=self.summary.setText)

    def _show(self, statuses: list[DeviceStatus]) -> None:
        self.results = statuses
        bad = [s for s in statuses if s.state is not DeviceState.READY]
        self.summary.setText(self.tr("全部设备就绪。") if not bad else self.tr("有 %n 台设备需要处理：", "", len(bad)))
        self.rows.setText("\n".join(arg(self.tr("%1 %2：%3"), "✔" if s.state is DeviceState.READY else "✘",
                                        device_kind(s.kind), message(s.message)) for s in statuses))
        self.adjustSize()  # the results arrive after the dialog was laid out for one line
