"""``clerk-app devices list|doctor|read-id|print-test|capture`` — the IT diagnostics contract.

Exit codes: 0 success; 1 device error (the message says what to do); 2 no card before the
timeout (read-id) or a usage error. On error nothing is written to stdout and one line to stderr.
The devices are those of the resolved settings (machine file, the profile's file, ``--set``), each
option below overriding one of them for this run. Heavy imports (pyserial, Pillow) happen inside
the handlers, for start-up time.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clerk_app.devices.config import DeviceConfig

EXIT_OK, EXIT_DEVICE, EXIT_NO_CARD = 0, 1, 2


def _device_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--id-reader", metavar="URL", help="ID-card reader, e.g. /dev/ttyUSB0, COM3, socket://host:port, sim:")
    p.add_argument("--printer", metavar="URL", help="receipt printer, e.g. tcp://192.168.1.50:9100, COM4, sim:")
    p.add_argument("--camera", metavar="URL", help="document camera: eloam://127.0.0.1:38088, sim:, file:")
    p.add_argument("--evaluator", metavar="URL", help="evaluator keypad, e.g. COM5, sim:")
    p.add_argument("--printer-width", type=int, choices=(58, 80), help="paper width in mm")
    p.add_argument("--printer-encoding", choices=("gb18030", "gbk", "utf-8"))


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    dev = subparsers.add_parser("devices", help="设备诊断：列出、自检、读证、打印测试、拍照")
    sub = dev.add_subparsers(dest="devices_command", required=True)

    p = sub.add_parser("list", help="configured devices and the serial ports found")
    _device_options(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("doctor", help="start-of-shift self-check of every configured device")
    _device_options(p)
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("read-id", help="wait for an ID card and print it")
    p.add_argument("--port", metavar="URL", help="reader URL (default: the configured reader, sim:)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(func=cmd_read_id)

    p = sub.add_parser("print-test", help="print a Chinese test receipt with a QR code")
    _device_options(p)
    p.set_defaults(func=cmd_print_test)

    p = sub.add_parser("capture", help="capture one document image")
    p.add_argument("--camera", metavar="URL")
    p.add_argument("--out", required=True, metavar="FILE.jpg")
    p.add_argument("--no-deskew", action="store_true", help="keep the image as the camera took it")
    p.set_defaults(func=cmd_capture)


def _quiet_logging() -> None:
    """Without a configured handler, warnings would reach stderr and break the one-line rule."""
    import logging

    root = logging.getLogger("clerk_app")
    if not root.handlers and not logging.getLogger().handlers:
        root.addHandler(logging.NullHandler())
        root.propagate = False


def _config(args: argparse.Namespace) -> DeviceConfig:
    """The counter's devices as the app sees them, with this command's options on top."""
    from dataclasses import replace

    from clerk_app.paths import ProfilePaths
    from clerk_app.settings import load_settings

    profile = ProfilePaths.resolve(getattr(args, "data_dir", None))
    settings = load_settings(profile.root / "settings.toml", overrides=getattr(args, "set", None) or ())
    chosen: dict[str, object] = {key: value for key in ("id_reader", "printer", "camera", "evaluator")
                                 if (value := getattr(args, key, None))}
    if getattr(args, "printer_width", None):
        chosen["printer_width_mm"] = args.printer_width
    if getattr(args, "printer_encoding", None):
        chosen["printer_encoding"] = args.printer_encoding
    return replace(settings.devices, **chosen)  # type: ignore[arg-type]


def _fail(message: str, code: int = EXIT_DEVICE) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return code


def cmd_list(args: argparse.Namespace) -> int:
    from serial.tools import list_ports

    from clerk_app.devices.base import KIND_LABELS

    cfg = _config(args)
    print("已配置的设备：")
    for kind, label in KIND_LABELS.items():
        print(f"  {label}\t{getattr(cfg, kind)}")
    print(f"  打印纸宽\t{cfg.printer_width_mm} 毫米\t编码 {cfg.printer_encoding.upper()}")
    ports = sorted(list_ports.comports(), key=lambda p: p.device)
    print(f"本机串口（{len(ports)} 个）：")
    for port in ports:
        vidpid = f"{port.vid:04X}:{port.pid:04X}" if port.vid is not None else "-"
        print(f"  {port.device}\t{vidpid}\t{port.description}")
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from clerk_app.devices.manager import DeviceManager, describe

    _quiet_logging()
    with DeviceManager(_config(args)) as mgr:
        statuses = mgr.probe_all()
    for st in statuses:
        print(describe(st))
    return EXIT_OK if all(st.ready for st in statuses) else EXIT_DEVICE


def cmd_read_id(args: argparse.Namespace) -> int:
    import json
    from dataclasses import replace

    from clerk_app.devices.id_reader.adapter import CardWaitTimeout
    from clerk_app.devices.manager import DeviceManager
    from clerk_app.errors import UserError

    _quiet_logging()
    cfg = _config(args)
    if args.port:
        cfg = replace(cfg, id_reader=args.port)
    if args.timeout <= 0:
        return _fail("--timeout 须为正数秒。", EXIT_NO_CARD)
    try:
        with DeviceManager(cfg) as mgr:
            reader = mgr.open_id_reader()
            try:
                card = reader.wait_for_card(args.timeout)
            finally:
                reader.close()
    except CardWaitTimeout as exc:
        return _fail(exc.message, EXIT_NO_CARD)
    except UserError as exc:
        return _fail(exc.message)
    if args.json:
        sys.stdout.write(json.dumps(card.to_json_dict(), ensure_ascii=False) + "\n")
        return EXIT_OK
    d = card.to_json_dict()
    labels = {"card_type": "证件类型", "name": "姓名", "sex": "性别", "nation": "民族", "birth_date": "出生日期",
              "address": "住址", "id_number": "证件号码", "authority": "签发机关", "valid_from": "有效期起",
              "valid_to": "有效期止", "english_name": "英文姓名", "nationality": "国籍"}
    d["card_type"] = card.card_type.label
    if card.nation is None and card.nation_code:
        d["nation"] = f"代码 {card.nation_code}"
    for key, label in labels.items():
        if d.get(key):
            print(f"{label}：{d[key]}")
    if card.appended_address:
        print(f"追加住址：{card.appended_address}")
    print(f"照片：{len(card.photo_wlt)} 字节 WLT（未解码）")
    for problem in card.problems:
        print(f"注意：{problem}")
    return EXIT_OK


def cmd_print_test(args: argparse.Namespace) -> int:
    import datetime as dt

    from clerk_app.devices.manager import DeviceManager
    from clerk_app.devices.printer.adapter import build_test_receipt
    from clerk_app.errors import UserError

    _quiet_logging()
    try:
        with DeviceManager(_config(args)) as mgr:
            printer = mgr.open_printer()
            try:
                data = build_test_receipt(mgr.encoder(), dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
                status = printer.print_bytes(data)
            finally:
                printer.close()
    except UserError as exc:
        return _fail(exc.message)
    print(f"测试票据已发送（{len(data)} 字节）。打印机状态：{status.message}")
    return EXIT_OK


def cmd_capture(args: argparse.Namespace) -> int:
    from pathlib import Path

    from clerk_app.devices.camera.capture import capture_document
    from clerk_app.devices.manager import DeviceManager
    from clerk_app.errors import UserError

    _quiet_logging()
    cfg = _config(args)
    out = Path(args.out)
    try:
        with DeviceManager(cfg) as mgr:
            cam = mgr.open_camera()
            try:
                jpeg = capture_document(cam, deskew=not args.no_deskew)
            finally:
                cam.close()
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(jpeg)
        tmp.replace(out)
    except OSError as exc:
        return _fail(f"无法写入 {out}：请检查文件夹是否存在、是否有写入权限。（{exc.strerror}）")
    except UserError as exc:
        return _fail(exc.message)
    print(f"已保存 {out}（{len(jpeg) // 1024} KB）。")
    return EXIT_OK
