"""What every use case needs, built once by the composition root (app.py / cli) with
``clerk_app.services.bootstrap.open_context``; this module imports no other service, so that every
service can import it without a cycle."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from clerk_app.domain.matters import Catalogue, CatalogueError, parse_catalogue
from clerk_app.domain.workdays import WorkCalendar
from clerk_app.errors import UserError
from clerk_app.fsutil import FileTooLarge, loads_toml, read_capped
from clerk_app.paths import RESOURCES, ProfilePaths
from clerk_app.settings import Settings
from clerk_app.store.db import Store

DEMO_CATALOGUE = RESOURCES / "catalogue" / "demo.toml"
MAX_CATALOGUE_BYTES = 8 * 1024 * 1024  # catalogue_admin.MAX_FILE_BYTES: a county's catalogue is a few hundred KB


def working_catalogue_path(paths: ProfilePaths) -> Path:
    """The profile's own copy, written by the manager view (edits, imports) or the sync; it wins."""
    return paths.root / "catalogue" / "catalogue.toml"


def base_catalogue_path(paths: ProfilePaths, settings: Settings) -> Path:
    """The one choice of the base catalogue: the profile's working copy (the supervisor's edits, an
    import, the center's distribution), else the ``catalogue_file`` setting, else the demo file."""
    working = working_catalogue_path(paths)
    if working.exists():
        return working
    return Path(settings.catalogue_file) if settings.catalogue_file else DEMO_CATALOGUE


def base_catalogue(paths: ProfilePaths, settings: Settings) -> Catalogue:
    """The catalogue at ``base_catalogue_path``, parsed (before the center's authorised list)."""
    return load_catalogue(base_catalogue_path(paths, settings))


def load_catalogue(path: Path) -> Catalogue:
    try:
        data = loads_toml(read_capped(path, MAX_CATALOGUE_BYTES).decode("utf-8"))
    except FileTooLarge:
        raise UserError("catalogue.configured_too_large", path=path, limit_mb=MAX_CATALOGUE_BYTES // 1024 // 1024) from None
    except FileNotFoundError:
        raise UserError("catalogue.file_not_found", file=path) from None
    except IsADirectoryError:
        raise UserError("catalogue.configured_is_folder", path=path) from None
    except OSError as exc:
        raise UserError("catalogue.unreadable", file=path, reason=exc.strerror or exc) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogueError("catalogue.configured_bad_toml", path=path, reason=exc) from exc
    return parse_catalogue(data, str(path))


@dataclass
class ServiceContext:
    paths: ProfilePaths
    store: Store
    settings: Settings
    catalogue: Catalogue
    calendar: WorkCalendar
    clock: Callable[[], datetime] = field(default=datetime.now)

    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)
