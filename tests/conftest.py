"""Fixtures that build real objects: a profile folder with a real SQLite file, the demo catalogue,
the real calendar; no mocks."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from clerk_app.services.bootstrap import open_context

sys.path.insert(0, str(Path(__file__).parent))  # the --cpu-report plugin beside this file
from _cpu_report import pytest_addoption, pytest_configure  # noqa: E402,F401 - hooks pytest finds here

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Subprocesses started by tests (CLI, crash writer) have no OS keyring here: they may keep a
# profile unencrypted. In-process stores are encrypted through the memory keyring below.
os.environ.setdefault("CLERK_APP_ALLOW_UNENCRYPTED", "1")
# ... and that "no OS keyring" is said outright, never the host's keystore: unset, keyring would probe every
# backend (the macOS one runs ldconfig/gcc/ld, ~0.06 s CPU per spawned command) to arrive at the same
# fail.Keyring here. Tests that need a keyring in a subprocess override it (``shared_keyring``, cli_helpers).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
# A real machine-wide file (/etc/clerk-workbench/config.toml) on a developer's PC must not leak in.
os.environ["CLERK_APP_MACHINE_CONFIG"] = str(Path(__file__).parent / "no-machine-config.toml")
# A command spawned without --data-dir (``devices …``, which still writes its log there) uses a folder of this
# process, not the user's real profile shared by every xdist worker (and the developer's own).
_DEFAULT_PROFILE = tempfile.TemporaryDirectory(prefix="clerk-default-profile-")
os.environ["CLERK_APP_DATA_DIR"] = _DEFAULT_PROFILE.name


# The runs that take 15 s and more each (a full run's --durations, by node id prefix, longest first): they
# start first, in this order, so that the other xdist worker works through the short tests meanwhile (worksteal takes from the end of
# the other's queue) and both end together instead of one waiting on a long test started last. None of
# their modules has a module-scoped fixture, which moving one test out of its module would set up twice.
LONG_RUNS = (
    "tests/sync/test_faults_proxy.py::",
    "tests/sync/test_pull_quarantine.py::test_a_new_counter_pulls_past_bad_records",
    "tests/gui/test_changed_screens.py::test_output_desk_search_pages_and_print_queue",
    "tests/security/test_input_fuzz.py::",
    "tests/e2e/test_cli_clock.py::",
    "tests/sync/test_tls.py::",
    "tests/sync/test_faults_",
    "tests/documents/test_cli_and_case_file.py::test_render_for_a_seeded_case",
    "tests/sync/test_exchange.py::test_dead_letters_wait_for_the_admin",
    "tests/sync/test_backpressure.py::test_counters_back_from_an_outage",
    "tests/e2e/test_cli_edges.py::",
)


def _start_rank(item: pytest.Item) -> int:
    return next((i for i, prefix in enumerate(LONG_RUNS) if item.nodeid.startswith(prefix)), len(LONG_RUNS))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long runs (``LONG_RUNS``) start first, longest first; the order is otherwise kept."""
    items.sort(key=_start_rank)


class Clock:
    """A settable clock: the services read time only through ``ctx.clock``."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def _memory_keyring() -> Iterator[None]:
    """Every in-process store is SQLCipher-encrypted under a key in a memory keyring, as on a counter."""
    import sys

    import keyring

    sys.path.insert(0, str(Path(__file__).parent / "security"))
    from keyring_backends import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def shared_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """An OS-keystore stand-in shared with subprocesses (a JSON file outside the data folder).

    Request it before ``ctx`` so that the profile's key lands in the file; pass the returned
    variables into a subprocess's environment."""
    import sys

    import keyring

    security = Path(__file__).parent / "security"
    sys.path.insert(0, str(security))
    from keyring_backends import FILE_ENV, FileKeyring

    env = {FILE_ENV: str(tmp_path / "keyring.json"), "PYTHON_KEYRING_BACKEND": "keyring_backends.FileKeyring",
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent.parent), str(security)])}
    for name, value in env.items():  # subprocesses inherit them; this process uses the backend below
        monkeypatch.setenv(name, value)
    keyring.set_keyring(FileKeyring())
    return env


CLOCK_START = datetime(2026, 3, 2, 9, 30)


@pytest.fixture
def clock() -> Clock:
    return Clock(CLOCK_START)


@pytest.fixture
def profile(tmp_path: Path):  # type: ignore[no-untyped-def]
    from clerk_app.paths import ProfilePaths

    return ProfilePaths(tmp_path / "profile").ensure()


# -- time savers: the same real objects, made once per session ----------------------------------------
@pytest.fixture(scope="session")
def _template_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One encrypted profile database migrated to every head, made once per session: migrating a
    fresh profile costs ~0.4 s and most tests only need a current, empty one. Returns the file and
    its master key (hex), which ``seed_profile`` places in the test's own keyring."""
    import secrets

    from clerk_app.security.keys import DATABASE_INFO, derive
    from clerk_app.store.db import Store

    folder = tmp_path_factory.mktemp("template-profile")
    master = secrets.token_hex(32)
    store = Store(folder / "clerk.sqlite3", key=derive(bytes.fromhex(master), DATABASE_INFO))
    store.close()  # the last connection checkpoints the WAL: the main file alone is the database
    return folder / "clerk.sqlite3", master


@pytest.fixture(scope="session")
def _template_with_users(_template_database: tuple[Path, str],
                         tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The template database with the three users of ``users`` (tests/_users.py) made in it through the
    real service at the ``clock`` fixture's start, once per session: ~18 ms of CPU a test that asks for them.
    Returns the file (same master key as the template) and the users as ``create_user`` returned them."""
    from _users import profile_with_users

    folder = tmp_path_factory.mktemp("template-users") / "profile"
    with profile_with_users(folder, _template_database, lambda: CLOCK_START) as (paths, _key_id, _context, users):
        pass
    return paths.database, users


@pytest.fixture
def seed_profile(_template_database: tuple[Path, str]) -> Callable[..., object]:
    """``seed_profile(paths)`` gives a profile that has no database yet a copy of the migrated template,
    under its own new key id whose entry in the current (test's) keyring holds the template's master key — what opening a new
    profile would have made, minus the migration. A profile with a database or a key id is left alone."""
    from _users import place_template

    from clerk_app.security.keys import KEY_ID_FILE

    def seed(paths, database: Path | None = None):  # type: ignore[no-untyped-def]
        if paths.database.exists() or (paths.root / KEY_ID_FILE).exists():
            return paths
        place_template(paths, database or _template_database[0], _template_database[1])
        return paths
    return seed


def _memoise_scrypt() -> None:
    """Test-only: scrypt at the production cost (N=2^14, ~0.1 s a call) is computed once per input in
    this test process. A verifier is still a real one with the production parameters: a password
    hashed twice gives the first verifier again (as if the salt had come out the same), and checking
    a password against a verifier remembers the real answer. ``domain.passwords`` itself is unchanged;
    only its view of ``hashlib`` and its ``hash_password`` name are replaced here, and in the modules
    that bound that name at import (services.auth)."""
    import functools
    import hashlib
    import types

    from clerk_app.domain import passwords
    from clerk_app.services import auth

    @functools.cache
    def scrypt(password: bytes, *, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
        return hashlib.scrypt(password, salt=salt, n=n, r=r, p=p, dklen=dklen)

    passwords.hashlib = types.SimpleNamespace(scrypt=scrypt)  # type: ignore[assignment]
    hash_password = functools.cache(passwords.hash_password)
    passwords.hash_password = hash_password  # type: ignore[assignment]
    auth.hash_password = hash_password  # type: ignore[assignment]


_memoise_scrypt()  # before any test module imports hash_password from the domain


def _memoise_catalogue() -> None:
    """Test-only: each profile opened parses its base catalogue file (~5 ms of CPU for the demo one, every
    ``open_context``) and the shipped year schedules (~3 ms); here a file's bytes are parsed once per test
    process. Catalogue and schedules are immutable (frozen dataclasses, tuples, frozensets), so sharing
    them is safe; a changed file is other bytes and is parsed again; an unreadable one, and every
    refusal, goes through the real function each time."""
    import functools

    from clerk_app.services import calendar, context

    calendar._parse = functools.cache(calendar._parse)  # (bytes, name) -> YearSchedule; errors are not cached

    real = context.load_catalogue
    parsed: dict[tuple[str, bytes], Any] = {}

    def load_catalogue(path: Path) -> Any:
        try:
            raw = path.read_bytes() if path.stat().st_size <= context.MAX_CATALOGUE_BYTES else None
        except OSError:
            raw = None
        if raw is None:
            return real(path)
        key = (str(path), raw)
        if key not in parsed:
            parsed[key] = real(path)
        return parsed[key]

    context.load_catalogue = load_catalogue  # type: ignore[assignment]


_memoise_catalogue()


def _share_default_tls_context() -> None:
    """Test-only: ``httpx.get``/``post``/… without ``verify`` build a client for one request, and that
    client reads and parses the whole CA bundle (~30-50 ms of CPU, a third of a rogue device's push); the
    sync and security tests send hundreds of such raw requests. Here a call that left ``verify`` at True
    gets the one context the product builds for True (``sync.client.engine.system_tls_context``: httpx's
    own ``create_ssl_context()``, made once per process); anything else passed goes through unchanged.
    The requests themselves are as before: a new client and connection each."""
    import functools

    import httpx

    for name in ("request", "get", "options", "head", "post", "put", "patch", "delete"):
        real = getattr(httpx, name)

        @functools.wraps(real)
        def shared(*args: Any, __real: Any = real, verify: Any = True, **kwargs: Any) -> Any:
            if verify is True:
                from sync.client.engine import system_tls_context

                verify = system_tls_context()
            return __real(*args, verify=verify, **kwargs)

        setattr(httpx, name, shared)


_share_default_tls_context()


USERS_IN_PROFILE = pytest.StashKey[dict[str, Any]]()


@pytest.fixture
def ctx(request, profile, clock, seed_profile) -> Iterator:  # type: ignore[no-untyped-def]
    """A test that also asks for ``users`` (and has not moved the clock) gets them already in its copy of
    the template, as ``users`` would have made them right after this fixture."""
    from clerk_app.security.keys import KEY_ID_FILE

    database = None
    fresh = not profile.database.exists() and not (profile.root / KEY_ID_FILE).exists()  # seed_profile copies
    if "users" in request.fixturenames and clock.now == CLOCK_START and fresh:
        database, made = request.getfixturevalue("_template_with_users")
        request.node.stash[USERS_IN_PROFILE] = made
    context = open_context(seed_profile(profile, database), clock=clock)
    yield context
    context.store.close()


@pytest.fixture
def users(request, ctx, clock) -> dict:  # type: ignore[no-untyped-def]
    import dataclasses

    from _users import standard_users

    made = request.node.stash.get(USERS_IN_PROFILE, None)
    if made is None:
        return standard_users(ctx)
    # A fixture between ``ctx`` and this one that moved the clock would have had them made later: say so.
    assert clock.now == CLOCK_START, "users come from the template, made at CLOCK_START; ask for them first"
    return {name: dataclasses.replace(actor, window=ctx.settings.window) for name, actor in made.items()}


@pytest.fixture
def new_applicant(ctx, users) -> Callable:  # type: ignore[no-untyped-def]
    from clerk_app.domain.applicants import ApplicantKind
    from clerk_app.services.cases import register_applicant

    def make(id_number: str = "11010519491231002X", name: str = "张三丰", phone: str = "13800138000"):  # type: ignore[no-untyped-def]
        return register_applicant(ctx, users["clerk"], kind=ApplicantKind.PERSON, name=name, id_number=id_number,
                                  phone=phone, address="北京市海淀区中关村大街1号")
    return make


@pytest.fixture(scope="session")
def qapp(qapp):  # type: ignore[no-untyped-def]
    """pytest-qt's application, with the product's collector: cyclic garbage is collected on the GUI
    thread only, as in the app (``clerk_app/ui/gui_collector.py``)."""
    from clerk_app.ui.gui_collector import collect_on_gui_thread

    collect_on_gui_thread(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _collect_between_tests() -> Iterator[None]:
    """Once a Qt application exists, automatic collection is off; tests that turn no event loop still
    have their garbage collected after them, on this (the GUI) thread."""
    yield
    collector = sys.modules.get("clerk_app.ui.gui_collector")
    if collector is not None:
        collector.check_now()


@pytest.fixture(autouse=True)
def _qasync_loop(request: pytest.FixtureRequest) -> Iterator[object]:
    """A test with Qt widgets (it asks for ``qtbot``) runs under qasync's event loop, as the app does:
    the views' async slots advance whenever Qt processes events (qtbot.waitUntil, qtbot.wait).
    Tasks still pending at the end are cancelled and the loop is closed."""
    if "qtbot" not in request.fixturenames:
        yield None
        return
    import asyncio

    import qasync

    qapp = request.getfixturevalue("qapp")
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    # Qt's loop is driven by pytest-qt (qtbot.waitUntil, qtbot.wait): asyncio is told it runs, as
    # QEventLoop.run_forever does in the app (asyncio's hook for event loop implementations)
    asyncio._set_running_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    deadline = datetime.now().timestamp() + 5
    while any(not t.done() for t in pending) and datetime.now().timestamp() < deadline:
        qapp.processEvents()
    asyncio._set_running_loop(None)
    asyncio.set_event_loop(None)
    loop.close()
