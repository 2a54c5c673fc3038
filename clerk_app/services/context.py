"""What every use case needs, built once by the composition root (app.py / cli)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from clerk_app.domain.matters import Catalogue, CatalogueError, parse_catalogue
from clerk_app.errors import UserError
from clerk_app.fsutil import FileTooLarge, loads_toml, read_capped
from clerk_app.paths import RESOURCES, ProfilePaths
from clerk_app.settings import Settings, load_settings
from clerk_app.store.db import Store

DEMO_CATALOGUE = RESOURCES / "catalogue" / "demo.toml"
MAX_CATALOGUE_BYTES = 8 * 1024 * 1024  # catalogue_admin.MAX_FILE_BYTES: a county's catalogue is a few hundred KB


def working_catalogue_path(paths: ProfilePaths) -> Path:
    """The profile's own copy, written by the manager view (edits, imports) or the sync; it wins."""
    return paths.root / "catalogue" / "catalogue.toml"


def load_catalogue(path: Path) -> Catalogue:
    try:
        data = loads_toml(read_capped(path, MAX_CATALOGUE_BYTES).decode("utf-8"))
    except FileTooLarge:
        raise UserError(f"事项目录文件 {path} 过大（超过 {MAX_CATALOGUE_BYTES // 1024 // 1024} MB，或不是普通文件），"
                        "不像事项目录：请核对配置项 catalogue_file。") from None
    except FileNotFoundError:
        raise UserError(f"找不到事项目录文件 {path}。") from None
    except IsADirectoryError:
        raise UserError(f"{path} 是文件夹，不是事项目录文件：请核对配置项 catalogue_file。") from None
    except OSError as exc:
        raise UserError(f"无法读取事项目录文件 {path}：{exc.strerror or exc}。") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"目录文件 {path} 格式错误：{exc}。") from exc
    return parse_catalogue(data, str(path))


@dataclass
class ServiceContext:
    paths: ProfilePaths
    store: Store
    settings: Settings
    catalogue: Catalogue
    calendar: Any  # clerk_app.domain.workdays.WorkCalendar
    clock: Callable[[], datetime] = field(default=datetime.now)

    @classmethod
    def open(cls, paths: ProfilePaths, *, clock: Callable[[], datetime] = datetime.now,
             overrides: Sequence[str] = ()) -> ServiceContext:
        """``overrides`` are command-line ``KEY=VALUE`` settings, the last and strongest layer."""
        paths.ensure()
        settings = load_settings(paths.root / "settings.toml", overrides=overrides)
        working = working_catalogue_path(paths)
        catalogue = load_catalogue(working if working.exists() else
                                   Path(settings.catalogue_file) if settings.catalogue_file else DEMO_CATALOGUE)
        from clerk_app.services.calendar import load_calendar
        from clerk_app.services.distribution import effective_catalogue

        store = Store(paths.database)
        # The catalogue and authorised list received from the center, when this PC is enrolled.
        catalogue = effective_catalogue(store, catalogue)
        return cls(paths=paths, store=store, settings=settings, catalogue=catalogue,
                   calendar=load_calendar(paths), clock=clock)

    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)
