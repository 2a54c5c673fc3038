"""Every use case in clerk_app.services refuses a role without its permission, called directly.

Use cases are found, not listed: every public function of a services module whose parameters start
with (ctx, actor). A probe actor learns which permission each one demands; then every role that lacks
it calls the use case with real arguments (a real case, a real applicant) and must get PermissionDenied,
with nothing written.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import pkgutil
import typing
from datetime import date, datetime
from types import ModuleType, UnionType
from typing import Any

import pytest
from sqlalchemy import func, select

import clerk_app.services
from clerk_app.domain.roles import ROLE_PERMISSIONS, Actor, Role
from clerk_app.errors import PermissionDenied
from clerk_app.store.tables import AuditRow


class _Probed(Exception):
    pass


class ProbeActor(Actor):
    """Raises at the first permission check (``require`` or ``can``), carrying the permission asked for."""

    def require(self, permission: str) -> None:
        raise _Probed(permission)

    def can(self, permission: str) -> bool:
        raise _Probed(permission)


# Use cases that do not (always) check a role, with the reason; each entry is itself tested, so that a
# fix makes this list shrink rather than rot. Reported to their owners (issue 8 report).
KNOWN_GAPS: dict[str, str] = {}  # service name -> why it may skip the role check (none today)


def _service_modules() -> list[ModuleType]:
    names = [m.name for m in pkgutil.iter_modules(clerk_app.services.__path__)]
    return [importlib.import_module(f"clerk_app.services.{n}") for n in sorted(names)]


def use_cases() -> list[tuple[str, Any]]:
    found = []
    for module in _service_modules():
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_"):
                continue
            params = list(inspect.signature(fn).parameters)
            if params[:2] == ["ctx", "actor"]:
                found.append((f"{module.__name__.rsplit('.', 1)[1]}.{name}", fn))
    return found


def _hints(fn: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(fn)
    except Exception:  # noqa: BLE001 - unresolved forward references: fall back to names only
        return {}


def _value_for(name: str, hint: Any, real: dict[str, Any]) -> Any:
    if name in real:
        return real[name]
    if isinstance(hint, UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0] if args else str
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum):
            return next(iter(hint))
        if issubclass(hint, bool):
            return False
        if issubclass(hint, int):
            return 1
        if issubclass(hint, datetime):
            return datetime(2026, 3, 2, 10)
        if issubclass(hint, date):
            return date(2026, 3, 2)
    return "测试"


def _arguments(fn: Any, real: dict[str, Any]) -> dict[str, Any]:
    hints = _hints(fn)
    out = {}
    for p in list(inspect.signature(fn).parameters.values())[2:]:
        required = p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        if required or p.name in real:
            out[p.name] = _value_for(p.name, hints.get(p.name), real)
    return out


def _make_real(ctx, users) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from clerk_app.domain.applicants import ApplicantKind
    from clerk_app.domain.complaints import Handling
    from clerk_app.services.cases import open_case, register_applicant
    from clerk_app.services.complaints import take_complaint

    applicant = register_applicant(ctx, users["clerk"], kind=ApplicantKind.PERSON, name="张三丰",
                                   id_number="11010519491231002X", phone="13800138000",
                                   address="北京市海淀区中关村大街1号")
    matter = ctx.catalogue.authorised()[0]
    case = open_case(ctx, users["clerk"], matter_code=matter.code, applicant_id=applicant.id)
    complaint = take_complaint(ctx, users["supervisor"], category="投诉", content="等候时间过长",
                               handling=Handling.COMPLEX)
    return {"case_number": case.number, "applicant_id": applicant.id, "matter_code": matter.code,
            "receiver_id_number": applicant.id_number, "clerk_id": users["clerk"].user_id,
            "username": "newuser", "password": "newpass1234", "query": "", "seq": 1, "complaint_id": complaint,
            "verification": "属实", "purpose": "export"}


@pytest.fixture(scope="module")
def _seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str, str, dict[str, Any]]:
    """The profile every test here starts from — the three users, an applicant, a case, a complaint — made
    once through the services (as ``ctx``, ``users`` and ``new_applicant`` would for each test) and copied
    for each test with its key: ~115 tests each probe one service and then try it with every wrong role.
    Returns the profile folder, its key id and master key (hex), and the records' values."""
    import keyring
    from _users import standard_users
    from keyring_backends import MemoryKeyring

    from clerk_app.paths import ProfilePaths
    from clerk_app.security.keys import KEY_ID_FILE, KEYRING_SERVICE
    from clerk_app.services.bootstrap import open_context

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        paths = ProfilePaths(tmp_path_factory.mktemp("roles-enforced") / "profile").ensure()
        context = open_context(paths, clock=lambda: datetime(2026, 3, 2, 9, 30))  # the ``clock`` fixture's start
        users = standard_users(context)
        real = _make_real(context, users)
        context.store.close()  # the last connection checkpoints the WAL: the folder alone is the profile
        key_id = (paths.root / KEY_ID_FILE).read_text(encoding="ascii").strip()
        master = keyring.get_password(KEYRING_SERVICE, key_id)
        assert master is not None
    finally:
        keyring.set_keyring(previous)
    return paths, key_id, master, real


@pytest.fixture
def ctx(_seeded, tmp_path, clock) -> Any:  # type: ignore[no-untyped-def]
    """This test's own copy of the seeded profile, its key in this test's keyring."""
    import shutil

    import keyring

    from clerk_app.paths import ProfilePaths
    from clerk_app.security.keys import KEYRING_SERVICE
    from clerk_app.services.bootstrap import open_context

    template, key_id, master, _ = _seeded
    shutil.copytree(template.root, tmp_path / "profile")
    keyring.set_password(KEYRING_SERVICE, key_id, master)
    context = open_context(ProfilePaths(tmp_path / "profile").ensure(), clock=clock)
    yield context
    context.store.close()


@pytest.fixture
def real(_seeded, ctx) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return dict(_seeded[3])


def _audit_count(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditRow)) or 0)


def test_use_cases_are_found():
    names = {n for n, _ in use_cases()}
    assert {"cases.open_case", "cases.decide_intake", "cases.archive", "cases.get_case", "cases.intake_options",
            "search.search_cases", "auth.create_user", "evaluation.record_rating"} <= names


def _probe(ctx, fn, args) -> str | None:  # type: ignore[no-untyped-def]
    probe = ProbeActor(user_id="probe", username="probe", display_name="探针", role=Role.ADMIN)
    try:
        fn(ctx, probe, **args)
    except _Probed as asked:
        return str(asked)
    return None


CHECKED = [(n, f) for n, f in use_cases() if n not in KNOWN_GAPS]


@pytest.mark.parametrize(("name", "fn"), CHECKED, ids=[n for n, _ in CHECKED])
def test_wrong_role_is_refused_by_the_service(ctx, real, name, fn):
    args = _arguments(fn, real)
    permission = _probe(ctx, fn, args)
    assert permission is not None, f"{name} finished without asking for any permission"
    wrong_roles = [r for r in Role if permission not in ROLE_PERMISSIONS[r]]
    assert wrong_roles, f"{name} needs {permission!r}, which every role holds"
    before = _audit_count(ctx)
    for role in wrong_roles:
        actor = Actor(user_id=f"u-{role.value}", username=role.value, display_name="测试", role=role)
        with pytest.raises(PermissionDenied):
            fn(ctx, actor, **args)
    assert _audit_count(ctx) == before


def test_no_service_is_exempt_from_role_checks() -> None:
    assert KNOWN_GAPS == {}
