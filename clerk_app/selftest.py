"""``clerk-app --self-test``: the smoke test IT and both installers run."""

from __future__ import annotations

import argparse
import os
import sys
import time

from clerk_app import __version__
from clerk_app.errors import UserError


def run_self_test(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    step = "数据库"
    try:
        from clerk_app.app import build_context, create_qt_app

        ctx = build_context(args.data_dir, getattr(args, "set", None))
        step = "数据库完整性"
        if (result := ctx.store.integrity_check()) != "ok":
            raise UserError("selftest.integrity_failed", result=result)
        # The parts that load bundled native libraries an old PC may lack (issue 17): OpenSSL for sync,
        # scrypt for logins, a notice rendered and rasterised through ctypes (pypdfium2) for printing.
        step = "安全连接组件"
        import ssl

        ssl.create_default_context()
        step = "密码校验"
        import secrets

        from clerk_app.services.auth import hash_password, verify_password

        probe = secrets.token_hex(8)
        stored = hash_password(probe)
        if not verify_password(probe, stored) or verify_password(probe + "x", stored):
            raise UserError("selftest.password_check_failed")
        step = "主窗口"
        create_qt_app()
        step = "文书"
        from clerk_app.documents.context import demo_context
        from clerk_app.documents.pdf import render_notice
        from clerk_app.documents.printing import pdf_page_images
        from clerk_app.documents.templates import KINDS, load_template

        pages = pdf_page_images(render_notice(load_template(sorted(KINDS)[0]), demo_context(), ["存档"]), dpi=50)
        if not pages or pages[0].isNull():
            raise UserError("selftest.no_page_image")
        step = "主窗口"
        from clerk_app.domain.roles import SYSTEM
        from clerk_app.ui.main_window import MainWindow

        window = MainWindow(ctx, SYSTEM)
        window.close()
        today = ctx.now().date()
        calendar_state = "正式" if ctx.calendar.known_year(today.year) else "暂定（无本年度节假日安排）"
        from PySide6.QtGui import QGuiApplication

        platform = QGuiApplication.platformName()
    except UserError as exc:
        print(f"自检失败（{step}）：{exc.message}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a smoke test reports every failure as one line
        print(f"自检失败（{step}）：{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"自检通过 clerk-app {__version__}：数据库 {ctx.paths.database}（版本 {ctx.store.revision}，完整），"
          f"事项目录 {len(ctx.catalogue.matters)} 项，工作日历 {today.year} 年{calendar_state}，"
          f"{ssl.OPENSSL_VERSION}，密码校验正常，文书 {len(pages)} 页已渲染，主窗口已创建（{platform}）；"
          f"启动耗时 {elapsed:.2f} 秒")
    return 0
