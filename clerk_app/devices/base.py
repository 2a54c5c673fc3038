"""What every device shares: a status for the UI and the error a device fault raises.

Public API: ``DeviceState``, ``DeviceStatus``, ``DeviceError``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from clerk_app.errors import UserError


class DeviceState(enum.Enum):
    READY = "ready"
    NOT_CONNECTED = "not_connected"
    ERROR = "error"

    @property
    def label(self) -> str:
        return {"ready": "就绪", "not_connected": "未连接", "error": "故障"}[self.value]


@dataclass(frozen=True)
class DeviceStatus:
    """``message`` is a Chinese sentence for the clerk: what is wrong and what to do."""

    kind: str
    url: str
    state: DeviceState
    message: str
    detail: str = ""

    @property
    def ready(self) -> bool:
        return self.state is DeviceState.READY


class DeviceError(UserError):
    """A device fault; ``state`` tells the UI whether the device is missing or failing."""

    def __init__(self, code: str, /, *, state: DeviceState = DeviceState.ERROR, detail: str | None = None,
                 **params: Any) -> None:
        super().__init__(code, detail=detail, **params)
        self.state = state


class DeviceTimeout(DeviceError):
    """Nothing (or not enough) came back in time."""

    def __init__(self, code: str, /, *, detail: str | None = None, **params: Any) -> None:
        super().__init__(code, state=DeviceState.NOT_CONNECTED, detail=detail, **params)


KIND_LABELS = {"id_reader": "身份证阅读器", "printer": "小票打印机", "camera": "高拍仪", "evaluator": "评价器"}

