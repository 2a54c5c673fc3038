"""The UI shows the message catalogue's sentences in its language, with the enums inside them named
in that language too; a sentence kept in the database (a sync round's last error) follows the
language of the day, and the UI's keyed tables stay the lower layers' own texts."""

from __future__ import annotations

from clerk_app.devices import base as device_base
from clerk_app.devices.base import DeviceError
from clerk_app.devices.printer.status import MESSAGES as PRINTER_MESSAGES
from clerk_app.devices.printer.status import PrinterCondition
from clerk_app.domain import id_numbers
from clerk_app.domain.cases import Action, CaseState, IntakeDecision
from clerk_app.domain.id_numbers import IdKind
from clerk_app.domain.queue import TicketState
from clerk_app.errors import DomainError
from clerk_app.messages import Text, dumps, loads
from clerk_app.ui import labels
from sync.client import distribution
from sync.client.engine import SyncError


def test_keyed_tables_are_the_lower_layers_own_texts() -> None:
    assert labels.TABLES[IdKind][1] == id_numbers.KIND_LABELS
    assert labels.DEVICE_KINDS[1] == device_base.KIND_LABELS
    assert labels.SYNC_ITEMS[1] == distribution.LABELS


def test_chinese_ui_shows_the_chinese_sentence(qapp) -> None:  # type: ignore[no-untyped-def]
    err = DeviceError("device.cannot_open", url="COM3")
    assert labels.message(err) == labels.message(err.message) == "无法打开设备端口 COM3：请检查设备电源和数据线是否插好，或在设置中核对端口。"
    assert labels.message(PRINTER_MESSAGES[PrinterCondition.PAPER_OUT]).startswith("打印机缺纸")
    assert labels.message("某个未登记的提示。") == "某个未登记的提示。"  # data: as it is


def test_english_ui_shows_the_english_sentence_with_its_enums_named_in_english(language) -> None:  # type: ignore[no-untyped-def]
    language("en")
    refused = DomainError("case.illegal_transition", number="C-1", state=CaseState.RECEIVED, action=Action.ARCHIVE)
    assert labels.message(refused) == "Case C-1 is “Received”: “Archive” is not possible now."
    nested = DomainError("case.decision_not_allowed", decision=IntakeDecision.ACCEPT,
                         why=Text("intake.incomplete", materials=["身份证", "营业执照"]))
    assert labels.message(nested) == "Cannot Accept: Materials incomplete: 身份证, 营业执照."  # names are data
    assert labels.message(DomainError("queue.cannot_call", number=12, state=TicketState.CALLED)) == \
        "Ticket 12 cannot be called: it is “Called”."
    assert labels.message(PRINTER_MESSAGES[PrinterCondition.PAPER_OUT]).startswith("Printer out of paper")
    stored = dumps(SyncError("sync.center_error", status=503).message)  # as sync keeps its last error
    assert labels.message(loads(stored)) == "Center error (503); retrying automatically."
