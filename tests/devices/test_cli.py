"""The IT CLI contract, run as a real subprocess against the simulators."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

import pytest

KEYS = {"card_type", "name", "sex", "nation", "birth_date", "address", "id_number", "authority",
        "valid_from", "valid_to", "english_name", "nationality", "photo_wlt"}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clerk_app", "devices", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=60, env=env)


@pytest.mark.parametrize(("card", "ctype"), [("01_resident", "resident"), ("hk_mo_tw", "hk_mo_tw"),
                                             ("foreigner_2017", "foreigner_2017"),
                                             ("foreigner_2023", "foreigner_2023")])
def test_read_id_json(card: str, ctype: str) -> None:
    r = run("read-id", "--port", f"sim:{card}", "--timeout", "5", "--json")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    obj = json.loads(r.stdout)
    assert set(obj) == KEYS and obj["card_type"] == ctype
    assert obj["sex"] in ("男", "女")
    assert len(base64.b64decode(obj["photo_wlt"])) == 1024
    assert obj["valid_to"] == "长期" or obj["valid_to"][4] == "-"
    if ctype == "resident":
        assert obj["nation"] == "汉" and obj["nationality"] is None and obj["english_name"] is None
    else:
        assert obj["nation"] is None
    if ctype.startswith("foreigner"):
        assert obj["nationality"] and obj["english_name"]


def test_read_id_no_card_times_out_cleanly() -> None:
    r = run("read-id", "--port", "sim:empty", "--timeout", "1", "--json")
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "未检测到证件" in lines[0]


def test_read_id_port_missing() -> None:
    r = run("read-id", "--port", "/dev/ttyNOSUCH0", "--timeout", "1", "--json")
    assert r.returncode == 1 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "/dev/ttyNOSUCH0" in lines[0]


def test_print_test_ok_and_faults() -> None:
    r = run("print-test", "--printer", "sim:near_end", "--printer-width", "58")
    assert r.returncode == 0 and "快用完" in r.stdout
    for flag, word in [("paper_out", "缺纸"), ("cover_open", "盖子"), ("offline", "离线")]:
        r = run("print-test", "--printer", f"sim:{flag}")
        assert r.returncode == 1 and word in r.stderr and r.stdout == ""


def test_doctor_all_ready_then_one_failing() -> None:
    r = run("doctor")
    assert r.returncode == 0
    assert len(r.stdout.strip().splitlines()) == 4 and r.stdout.count("就绪") >= 4
    r = run("doctor", "--printer", "sim:cover_open", "--camera", "file:")
    assert r.returncode == 1
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 4
    assert "盖子" in lines[1] and "导入文件" in lines[2]


def test_list_shows_configuration() -> None:
    r = run("list", "--printer", "tcp://192.168.1.50:9100")
    assert r.returncode == 0 and "tcp://192.168.1.50:9100" in r.stdout and "串口" in r.stdout


def test_capture(tmp_path) -> None:
    out = tmp_path / "doc.jpg"
    r = run("capture", "--camera", "sim:", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:2] == b"\xff\xd8"
    r = run("capture", "--camera", "file:", "--out", str(tmp_path / "x.jpg"))
    assert r.returncode == 1 and r.stdout == "" and not (tmp_path / "x.jpg").exists()


def test_list_and_doctor_use_the_machine_files_devices(tmp_path) -> None:
    """The devices of the resolved settings, as the app opens them: a reader configured on a port that
    is not there is reported missing, not the simulator's success."""
    machine = tmp_path / "config.toml"
    machine.write_text('[devices]\nid_reader = "/dev/ttyUSB7"\nprinter_width_mm = 58\n', encoding="utf-8")
    env = {**os.environ, "CLERK_APP_MACHINE_CONFIG": str(machine), "CLERK_APP_DATA_DIR": str(tmp_path / "profile")}
    r = run("list", env=env)
    assert r.returncode == 0, r.stderr
    assert "/dev/ttyUSB7" in r.stdout and "58 毫米" in r.stdout
    r = run("doctor", env=env)
    assert r.returncode == 1
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 4 and "/dev/ttyUSB7" in lines[0] and "就绪" not in lines[0]
    assert all("就绪" in line for line in lines[1:])
    r = run("doctor", "--id-reader", "sim:", env=env)  # an option still overrides the file for one run
    assert r.returncode == 0, r.stdout
