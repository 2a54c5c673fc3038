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
            raise UserError(f"数据库完整性检查失败：{result}")
        step = "主窗口"
        create_qt_app()
        from clerk_app.domain.roles import SYSTEM
        from clerk_app.ui.main_window import MainWindow

        window = MainWindow(ctx, SYSTEM)
        window.close()
        today = ctx.now().date()
        calendar_state = "正式" if ctx.calendar.known_year(today.year) else "暂定（无本年度节假日安排）"
    except UserError as exc:
        print(f"自检失败（{step}）：{exc.message}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a smoke test reports every failure as one line
        print(f"自检失败（{step}）：{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"自检通过 clerk-app {__version__}：数据库 {ctx.paths.database}（版本 {ctx.store.revision}，完整），"
          f"事项目录 {len(ctx.catalogue.matters)} 项，工作日历 {today.year} 年{calendar_state}，主窗口已创建；"
          f"启动耗时 {elapsed:.2f} 秒")
    return 0
