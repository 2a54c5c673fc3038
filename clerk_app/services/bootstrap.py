"""Opening a profile: the one place that builds a ``ServiceContext`` from its parts (settings, store,
catalogue, calendar). Called by the composition roots (app.py, the CLI, tools and tests); no service
imports it, which keeps ``services.context`` free of imports of other services (no cycles).

Public API: ``open_context(paths, *, clock=datetime.now, overrides=()) -> ServiceContext``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from clerk_app.paths import ProfilePaths
from clerk_app.services.calendar import load_calendar
from clerk_app.services.context import ServiceContext, base_catalogue
from clerk_app.services.distribution import effective_catalogue
from clerk_app.settings import load_settings
from clerk_app.store.db import Store


def open_context(paths: ProfilePaths, *, clock: Callable[[], datetime] = datetime.now,
                 overrides: Sequence[str] = ()) -> ServiceContext:
    """``overrides`` are command-line ``KEY=VALUE`` settings, the last and strongest layer."""
    paths.ensure()
    settings = load_settings(paths.root / "settings.toml", overrides=overrides)
    catalogue = base_catalogue(paths, settings)
    store = Store(paths.database)
    # The catalogue and authorised list received from the center, when this PC is enrolled.
    catalogue = effective_catalogue(store, catalogue)
    return ServiceContext(paths=paths, store=store, settings=settings, catalogue=catalogue,
                          calendar=load_calendar(paths), clock=clock)
