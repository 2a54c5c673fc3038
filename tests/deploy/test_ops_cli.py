"""``clerk-app config`` and ``clerk-app diagnostics`` as IT runs them: real subprocesses, a real
seeded profile; the bundle is unzipped and searched for the applicant in three encodings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from clerk_app import __version__
from clerk_app.security.masking import mask_id_number

ID, NAME, PHONE = "11010519491231002X", "张三丰", "13800138000"


def clerk_app(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "clerk_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_config_show_tells_value_and_origin(tmp_path: Path, machine_config: Path) -> None:
    machine_config.write_text('center_code = "HD01"\n[devices]\nprinter = "tcp://10.0.0.5:9100"\n', encoding="utf-8")
    r = clerk_app("config", "show", "--set", "window=07", data_dir=tmp_path / "p")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert f'center_code = "HD01"    # 本机配置 {machine_config}' in lines
    assert 'window = "07"    # 命令行' in lines
    assert 'devices.printer = "tcp://10.0.0.5:9100"    # 本机配置 ' + str(machine_config) in lines
    assert "idle_lock_minutes = 5    # 默认值" in lines


def test_config_check_refuses_a_bad_file_naming_key_and_file(tmp_path: Path, machine_config: Path) -> None:
    machine_config.write_text("[devices]\nprinter_width_mm = 76\n", encoding="utf-8")
    r = clerk_app("config", "check", data_dir=tmp_path / "p")
    assert r.returncode == 1
    assert "“devices.printer_width_mm”" in r.stderr and str(machine_config) in r.stderr
    machine_config.write_text("[devices]\nprinter_width_mm = 58\n", encoding="utf-8")
    r = clerk_app("config", "check", data_dir=tmp_path / "p")
    assert r.returncode == 0 and str(machine_config) in r.stdout


LOG_SOMETHING_CARELESS = f"""
import logging, sys
from clerk_app.logs import setup_logging
from clerk_app.paths import ProfilePaths
setup_logging(ProfilePaths(__import__("pathlib").Path(sys.argv[1])))
log = logging.getLogger("clerk.ui")
log.info("读卡 %s 电话 %s", "{ID}", "{PHONE}")
try:
    raise RuntimeError("申请人 {ID} / {PHONE} 保存失败")
except RuntimeError:
    log.exception("intake failed")
"""


def test_diagnostics_bundle_holds_no_citizen_data(tmp_path: Path, machine_config: Path) -> None:
    profile = tmp_path / "profile"
    seeded = clerk_app("demo", "seed", "--cases", "50", "--applicant", f"{ID},{NAME},{PHONE}", data_dir=profile)
    assert seeded.returncode == 0, seeded.stderr
    logged = subprocess.run([sys.executable, "-c", LOG_SOMETHING_CARELESS, str(profile)], capture_output=True,
                            text=True, timeout=60)
    assert logged.returncode == 0, logged.stderr
    # A log written without the filter (an older version, a crash handler): the bundle scrubs it too.
    (profile / "logs" / "crash.log").write_text(f"Traceback: id={ID} phone={PHONE}\n", encoding="utf-8")
    machine_config.write_text('server_url = "https://it:s3cretpw@zwfw.example.gov.cn/api?token=T0KEN"\n',
                              encoding="utf-8")
    out = tmp_path / "diag" / "bundle.zip"
    r = clerk_app("diagnostics", "--out", str(out), data_dir=profile)
    assert r.returncode == 0, r.stderr

    with zipfile.ZipFile(out) as bundle:
        contents = {name: bundle.read(name) for name in bundle.namelist()}
    assert {"versions.json", "config.json", "devices.json", "profile.json", "logs/clerk-app.log",
            "logs/crash.log"} <= set(contents)
    assert not any(name.endswith((".sqlite3", ".pdf", ".enc")) for name in contents)
    for name, data in contents.items():
        for secret in (ID, NAME, PHONE, ID.lower()):
            for encoding in ("utf-8", "utf-16-le", "gb18030"):
                assert secret.encode(encoding) not in data, f"{secret} ({encoding}) in {name}"
        assert b"s3cretpw" not in data and b"T0KEN" not in data, name
    log_text = contents["logs/clerk-app.log"].decode("utf-8")
    assert mask_id_number(ID) in log_text and "RuntimeError" in log_text  # the lines are there, masked
    config = json.loads(contents["config.json"])
    assert config["settings"]["server_url"]["value"] == "https://***@zwfw.example.gov.cn/api"
    assert json.loads(contents["versions.json"])["clerk_app"] == __version__
    assert json.loads(contents["devices.json"])["configured"]["printer"] == "sim:"
    assert json.loads(contents["profile.json"])["entries"]["clerk.sqlite3"]["bytes"] > 0


def test_diagnostics_still_reports_a_broken_configuration(tmp_path: Path, machine_config: Path) -> None:
    machine_config.write_text("idle_lock_minutes = 0\n", encoding="utf-8")
    out = tmp_path / "b.zip"
    r = clerk_app("diagnostics", "--out", str(out), data_dir=tmp_path / "p")
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as bundle:
        error = json.loads(bundle.read("config.json"))["error"]
    assert "“idle_lock_minutes”" in error and str(machine_config) in error


def test_set_machine_writes_what_the_msi_passes_and_refuses_bad_values(tmp_path: Path, machine_config: Path) -> None:
    """The MSI's custom action: properties SERVER_URL, CENTER_CODE, WINDOW_NO; empty ones skipped."""
    machine_config.write_text('[devices]\nprinter = "tcp://10.0.0.5:9100"\n', encoding="utf-8")
    r = clerk_app("config", "set-machine", "server_url=https://zwfw.example.gov.cn", "center_code=HD01",
                  "window=03", "center_name=", data_dir=tmp_path / "p")
    assert r.returncode == 0, r.stderr
    import tomllib

    data = tomllib.loads(machine_config.read_text(encoding="utf-8"))
    assert data == {"server_url": "https://zwfw.example.gov.cn", "center_code": "HD01", "window": "03",
                    "devices": {"printer": "tcp://10.0.0.5:9100"}}
    before = machine_config.read_bytes()
    r = clerk_app("config", "set-machine", "window=0-3", data_dir=tmp_path / "p")
    assert r.returncode == 1 and "“window”" in r.stderr and machine_config.read_bytes() == before
