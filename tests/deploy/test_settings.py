"""The configuration layers of docs/configuration.md: defaults < machine file < user file < command
line, read from real files; every refusal names the key and where it came from."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from clerk_app.devices.config import DeviceConfig
from clerk_app.errors import UserError
from clerk_app.services.bootstrap import open_context
from clerk_app.settings import Settings, declared_keys, load_settings, machine_config_path, resolve_settings

MACHINE_TOML = """
center_code = "HD01"
center_name = "海淀区政务服务中心"
window = "02"
server_url = "https://zwfw.example.gov.cn"
idle_lock_minutes = 10
update_public_key = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="

[devices]
printer = "tcp://10.1.2.3:9100"
printer_width_mm = 58
id_reader = "COM3"
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "absent.toml")
    assert s == Settings()
    assert (s.retention_days, s.followup_contact_working_days, s.followup_rectify_working_days) == (90, 1, 5)
    # The simulators: the settings' declared defaults are the only ones (devices/config.py has none).
    assert s.devices == DeviceConfig(id_reader="sim:", printer="sim:", camera="sim:", evaluator="sim:",
                                     printer_width_mm=80, printer_encoding="gb18030", id_reader_baud=115200,
                                     evaluator_baud=9600)


def test_machine_user_and_command_line_layer_in_order(tmp_path: Path, machine_config: Path) -> None:
    write(machine_config, MACHINE_TOML)
    user = write(tmp_path / "settings.toml", 'window = "03"\nidle_lock_minutes = 3\n[devices]\nprinter_width_mm = 80\n')
    r = resolve_settings(user, overrides=["window=04", "devices.camera=eloam://127.0.0.1:38088"])
    s = r.settings
    assert (s.center_code, s.center_name, s.server_url) == ("HD01", "海淀区政务服务中心", "https://zwfw.example.gov.cn")
    assert s.window == "04" and r.origins["window"] == "命令行"
    assert s.idle_lock_minutes == 3 and r.origins["idle_lock_minutes"] == f"用户配置 {user}"
    assert r.origins["center_code"] == f"本机配置 {machine_config}"
    assert r.origins["language"] == "默认值"
    assert s.devices == DeviceConfig(id_reader="COM3", printer="tcp://10.1.2.3:9100",
                                     camera="eloam://127.0.0.1:38088", evaluator="sim:", printer_width_mm=80,
                                     printer_encoding="gb18030", id_reader_baud=115200, evaluator_baud=9600)
    assert r.files == (("本机配置", machine_config), ("用户配置", user))


def test_the_profile_path_alone_finds_the_machine_file(tmp_path: Path, machine_config: Path) -> None:
    """What services/context.py does: ``load_settings(profile / "settings.toml")``."""
    write(machine_config, 'center_code = "CY07"\n[devices]\nprinter_encoding = "gbk"\n')
    s = load_settings(tmp_path / "settings.toml")
    assert s.center_code == "CY07" and s.devices.printer_encoding == "gbk"


def test_service_context_opens_with_the_machine_file(profile, machine_config: Path) -> None:  # type: ignore[no-untyped-def]

    write(machine_config, 'center_code = "XC02"\nwindow = "09"\n')
    ctx = open_context(profile)
    try:
        assert (ctx.settings.center_code, ctx.settings.window) == ("XC02", "09")
    finally:
        ctx.store.close()


@pytest.mark.parametrize(("text", "key", "words"), [
    ("idle_lock_minutes = \"10\"\n", "idle_lock_minutes", "应为整数"),
    ("idle_lock_minutes = 45\n", "idle_lock_minutes", "1 到 30"),
    ("window = \"三号\"\n", "window", "英文字母和数字"),
    ("server_url = \"ftp://x\"\n", "server_url", "http://"),
    ("[devices]\nprinter_width_mm = 70\n", "devices.printer_width_mm", "58、80"),
    ("[devices]\nprinter_encoding = \"klingon\"\n", "devices.printer_encoding", "字符编码"),
    ("[devices]\nprinter = \"tcp://a b\"\n", "devices.printer", "设备地址"),
    ("windows = \"03\"\n", "windows", "不存在"),
    ("language = \"fr\"\n", "language", "zh_CN、en"),
    ("update_public_key = \"AAAA\"\n", "update_public_key", "32 字节"),
])
def test_a_bad_machine_value_names_key_and_file(machine_config: Path, tmp_path: Path, text: str, key: str,
                                                 words: str) -> None:
    write(machine_config, text)
    with pytest.raises(UserError) as err:
        load_settings(tmp_path / "settings.toml")
    message = err.value.message
    assert f"“{key}”" in message and str(machine_config) in message and "本机配置" in message and words in message


def test_update_keys_belong_to_the_machine_file_only(tmp_path: Path) -> None:
    user = write(tmp_path / "settings.toml", 'update_manifest_url = "https://evil.example/m.json"\n')
    with pytest.raises(UserError) as err:
        load_settings(user)
    assert "“update_manifest_url”" in err.value.message and str(user) in err.value.message
    assert "只能由 IT" in err.value.message


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    user = write(tmp_path / "settings.toml", 'window = "03\n')
    with pytest.raises(UserError) as err:
        load_settings(user)
    assert str(user) in err.value.message and "格式错误" in err.value.message


@pytest.mark.parametrize(("arg", "key"), [("due_soon_working_days=abc", "due_soon_working_days"),
                                          ("nonsense", "nonsense"), ("devices.scanner=sim:", "devices.scanner")])
def test_a_bad_command_line_value_names_key(tmp_path: Path, arg: str, key: str) -> None:
    with pytest.raises(UserError) as err:
        load_settings(None, overrides=[arg])
    assert f"“{key}”" in err.value.message and "命令行" in err.value.message


def test_machine_path_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLERK_APP_MACHINE_CONFIG")
    assert machine_config_path() == Path("/etc/clerk-workbench/config.toml") or sys.platform == "win32"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", r"D:\PD")
    assert machine_config_path() == Path(r"D:\PD") / "ClerkWorkbench" / "config.toml"


def test_every_default_passes_its_own_declaration() -> None:
    decls = declared_keys()
    assert {"server_url", "devices.id_reader", "devices.printer", "devices.camera", "devices.evaluator",
            "devices.printer_width_mm", "devices.printer_encoding", "retention_days"} <= set(decls)
    for d in decls.values():
        assert d.doc and isinstance(d.default, d.type)
        assert d.check is None or d.check(d.default) is None, d.key
