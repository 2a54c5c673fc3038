"""Sync status, visible at all times in the status bar: what waits to go to the center, since when,
the last sync, conflicts for the supervisor, and the alarm when something has waited over 24 h
although the center was reachable. Status arrives from the sync worker thread through a signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel

from clerk_app.i18n import arg
from clerk_app.ui.labels import message


class SyncStatusRelay(QObject):
    changed = Signal(object)  # SyncStatus, after each round
    committed = Signal(object)  # Changes a round wrote to the store (TaskRunner.emit_changes takes them)


class SyncIndicator(QLabel):
    def __init__(self) -> None:
        super().__init__(objectName="syncStatus")
        self.relay = SyncStatusRelay(self)
        self.relay.changed.connect(self.show_status)
        self.show_offline()

    def show_offline(self) -> None:
        self.setText(self.tr("同步：未连接中心（数据仅存本机）"))
        self.setStyleSheet("color: #888;")

    @Slot(object)
    def show_status(self, st) -> None:  # type: ignore[no-untyped-def]  # sync.client.engine.SyncStatus
        parts = [arg(self.tr("同步：待上传 %1 条"), str(st.pending))]
        if st.last_sync:
            parts.append(arg(self.tr("最近 %1"), st.last_sync.replace("T", " ")[5:16]))
        if st.conflicts:
            parts.append(arg(self.tr("冲突 %1 件待带班处理"), str(st.conflicts)))
        if st.quarantined:
            parts.append(arg(self.tr("%1 条待核查"), str(st.quarantined)))
            reason = getattr(st, "quarantine_reason", None)
            if reason:  # the sync client's sentence: the record kind and field, never a value
                parts.append(message(reason[:80]))
        if st.stopped:
            parts.append(self.tr("已停止：本机被中心停用"))
        elif st.last_error:
            parts.append(message(st.last_error))  # the sync client stores its error in Chinese
        if st.alarm:
            parts.insert(0, self.tr("⚠ 有数据超过 24 小时未上传"))
        self.setText("　".join(parts))
        self.setToolTip(self.tr("本机数据先保存在本地，联网时自动上传中心；断网期间不会丢失。"))
        bad = st.alarm or st.stopped or st.conflicts or st.quarantined
        self.setStyleSheet("color: #b00020; font-weight: bold;" if bad else
                           "color: #9a6700;" if st.last_error or st.pending else "color: #1b7f3b;")
