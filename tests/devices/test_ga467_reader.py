"""The GA/T 467 adapter against the simulator over a real pseudo-terminal."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from clerk_app.devices.base import DeviceError, DeviceTimeout
from clerk_app.devices.id_reader import protocol as p
from clerk_app.devices.id_reader.adapter import Ga467Reader, NoCard
from clerk_app.devices.id_reader.cardtext import CardType
from clerk_app.devices.id_reader.simulator import Fault, SamSimulator

TODAY = dt.date(2024, 6, 1)


def test_reads_every_demo_card_type(reader: Ga467Reader, sam: SamSimulator) -> None:
    seen = set()
    for demo in sam.cards:
        sam.place_card(demo)
        card = reader.read_card(today=TODAY)
        assert card.raw_text == demo.text and card.photo_wlt == demo.photo
        seen.add(card.card_type)
    assert seen == set(CardType)


def test_flow_and_appended_address(reader: Ga467Reader, sam: SamSimulator) -> None:
    sam.place_card("02_resident_expired")
    card = reader.read_card(today=TODAY)
    names = [r.command.name for r in sam.requests if r.command]
    assert names == ["find_card", "select_card", "read", "read_appended_address"]
    assert card.appended_address == "广东省深圳市福田区福华路100号"
    assert any("有效期" in msg for msg in card.problems)


def test_no_card_then_same_card(reader: Ga467Reader, sam: SamSimulator) -> None:
    with pytest.raises(NoCard) as info:
        reader.read_card()
    assert not info.value.same_card
    sam.place_card(0)
    reader.read_card(today=TODAY)
    with pytest.raises(NoCard) as info:
        reader.read_card()
    assert info.value.same_card and "重新放置" in info.value.message
    sam.remove_card()
    sam.place_card(0)  # lifted and put back
    assert reader.read_card(today=TODAY).name == "张丽华"


@pytest.mark.parametrize("kind", ["bad_checksum", "garbage", "split", "silence", "truncate"])
def test_transport_faults_are_recovered(reader: Ga467Reader, sam: SamSimulator, kind: str) -> None:
    sam.place_card(0)
    sam.inject(Fault(kind, command=p.READ_TEXT_PHOTO if kind != "silence" else p.FIND_CARD))
    card = reader.read_card(today=TODAY)
    assert card.id_number == "11010519491231002X"


def test_sw3_fault_gives_its_message(reader: Ga467Reader, sam: SamSimulator) -> None:
    sam.inject(Fault("sw3", 0x60, command=p.SAM_STATUS))
    with pytest.raises(DeviceError) as info:
        reader.sam_status()
    assert "自检失败" in info.value.message
    reader.sam_status()  # one-shot fault: healthy again


def test_read_failure_is_retried_once(reader: Ga467Reader, sam: SamSimulator) -> None:
    sam.place_card(0)
    sam.inject(Fault("sw3", 0x41, command=p.READ_TEXT_PHOTO))
    card = reader.read_card(today=TODAY)
    assert card.name == "张丽华"
    names = [r.command.name for r in sam.requests if r.command]
    assert names.count("find_card") == 2


def test_sam_id_hex(reader: Ga467Reader, sam: SamSimulator) -> None:
    assert reader.sam_id() == sam.sam_id.hex().upper()


def test_wait_for_card_timeout_and_success(reader: Ga467Reader, sam: SamSimulator) -> None:
    with pytest.raises(DeviceTimeout):
        reader.wait_for_card(timeout=0.5)
    timer = threading.Timer(0.4, sam.place_card, args=("04_foreigner_2017",))
    timer.start()
    card = reader.wait_for_card(timeout=5)
    timer.join()
    assert card.card_type is CardType.FOREIGNER_2017


def test_wait_for_card_cancel(reader: Ga467Reader) -> None:
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    with pytest.raises(DeviceError) as info:
        reader.wait_for_card(timeout=30, cancel=cancel)
    assert info.value.code == "reader.cancelled"


def test_unplugged_reader_is_a_timeout(sam_pty) -> None:
    from clerk_app.devices.transports import SerialTransport

    host, _ = sam_pty
    r = Ga467Reader(SerialTransport(host.port))
    host.close()
    with pytest.raises(DeviceError):
        r.sam_status()
    r.close()


def test_id_number_checked_with_domain_rule(reader: Ga467Reader, sam: SamSimulator) -> None:
    from clerk_app.devices.id_reader.cardtext import build_card_text
    from clerk_app.devices.id_reader.simulator import DemoCard, fake_wlt

    fields = {"name": "赵六", "sex": "1", "nation": "01", "birth_date": "19990110", "address": "示例地址",
              "id_number": "440308199901101513", "authority": "示例", "valid_from": "20200101",
              "valid_to": "20400101"}
    sam.place_card(DemoCard("bad", CardType.RESIDENT, build_card_text(fields, CardType.RESIDENT), fake_wlt("x")))
    card = reader.read_card(today=TODAY)
    assert card.id_number == "440308199901101513"  # kept as read, never "corrected"
    assert any("校验" in msg for msg in card.problems)
