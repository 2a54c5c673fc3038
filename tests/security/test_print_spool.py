"""The retryable print queue never keeps a receipt in plaintext: with the printer out of paper (the
simulator, through the same DeviceManager the app builds), the waiting job is searched for byte by byte
under the data folder, as the acceptance test does for the whole profile."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from clerk_app.devices.base import DeviceError
from clerk_app.devices.manager import DeviceManager
from clerk_app.devices.printer.queue import PrintQueue
from clerk_app.documents.context import Person, demo_context
from clerk_app.documents.receipts import receipt_escpos
from clerk_app.security.files import FileVault, profile_vault
from clerk_app.settings import Settings

ID_NUMBER, NAME, PHONE = "11010519491231002X", "张三丰", "13800138000"
ENCODINGS = ("utf-8", "utf-16-le", "gb18030")


def _needles() -> dict[bytes, str]:
    out = {v.encode(enc): f"{v} ({enc})" for v in (ID_NUMBER, NAME, PHONE) for enc in ENCODINGS}
    out[ID_NUMBER.encode("ascii")] = f"{ID_NUMBER} (raw)"
    return out


def _found(folder: Path) -> list[tuple[str, str]]:
    files = [f for f in folder.rglob("*") if f.is_file()]
    return [(str(f.relative_to(folder)), label) for f in files for needle, label in _needles().items()
            if needle in f.read_bytes()]


def _receipt() -> bytes:
    """The real 受理回执 for the applicant, plus a line carrying every needle in every encoding, so that
    the search below would find the job if it were stored as it is printed."""
    ctx = dataclasses.replace(demo_context(), applicant=Person(NAME, ID_NUMBER, PHONE, "演示区人民路1号"))
    return receipt_escpos(ctx) + b"\n".join(_needles())


def test_a_receipt_waiting_for_paper_is_not_readable_on_disk(ctx) -> None:  # type: ignore[no-untyped-def]
    data = _receipt()
    assert all(needle in data for needle in _needles())  # the search would see a plaintext spool
    queue_dir = ctx.paths.root / "print_queue"
    devices = DeviceManager(Settings(printer="sim:paper_out").devices, queue_dir=queue_dir,
                            vault=profile_vault(ctx.paths.root))
    try:
        with pytest.raises(DeviceError, match="缺纸.*已保存在打印队列中"):
            devices.print_receipt(data, "受理回执").result(timeout=20)
        [job] = devices.print_queue.pending()
        assert list(queue_dir.glob("*.bin")) and FileVault.is_encrypted(queue_dir / f"{job.id}.bin")
        assert _found(ctx.paths.root) == []
        # Same folder after a restart of the app: the job is still there and prints once paper is back.
        queue = PrintQueue(queue_dir, devices.open_printer, profile_vault(ctx.paths.root))
        devices.simulator("printer").paper_out = False
        [printed] = queue.retry_all()
        assert printed.state == "printed"
        assert bytes(devices.simulator("printer").printed).endswith(data)
        assert not list(queue_dir.glob("*.bin"))
    finally:
        devices.close()


def test_an_old_plaintext_spool_is_encrypted_when_the_queue_opens(ctx) -> None:  # type: ignore[no-untyped-def]
    queue_dir = ctx.paths.root / "print_queue"
    old = PrintQueue(queue_dir, lambda: (_ for _ in ()).throw(DeviceError("打印机未连接。")))  # no vault
    job = old.submit(_receipt(), "受理回执")
    assert job.state == "pending" and not list(queue_dir.glob("*.bin"))  # without a key: memory only
    assert _found(ctx.paths.root) == []
    (queue_dir / f"{job.id}.bin").write_bytes(_receipt())  # as a spool written before encryption existed
    assert _found(ctx.paths.root) != []
    PrintQueue(queue_dir, lambda: None, profile_vault(ctx.paths.root))  # type: ignore[arg-type, return-value]
    assert _found(ctx.paths.root) == []
