"""The three users most tests log in as (clerk, supervisor, IT), made through the real service: one
definition for the ``users`` fixture and the profile templates built once per session or module, and the
one way those templates are placed in a profile."""

from __future__ import annotations

import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def standard_users(context: Any) -> dict[str, Any]:
    from clerk_app.domain.roles import Role
    from clerk_app.services.auth import create_user

    return {
        "clerk": create_user(context, None, username="clerk", display_name="王小明", role=Role.CLERK,
                             password="clerk1234"),
        "supervisor": create_user(context, None, username="sup", display_name="李带班", role=Role.SUPERVISOR,
                                  password="super1234"),
        "it": create_user(context, None, username="it", display_name="赵运维", role=Role.IT, password="itit1234"),
    }


def place_template(paths: Any, template: Path, master: str) -> str:
    """Copy a migrated template database into ``paths`` under a new key id whose entry in the current
    keyring holds the template's master key: what opening a new profile makes, minus the migration.
    Returns the key id."""
    import keyring

    from clerk_app.security.keys import KEY_ID_FILE, KEYRING_SERVICE

    paths.root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, paths.database)
    key_id = f"profile-{uuid.uuid4()}"
    (paths.root / KEY_ID_FILE).write_text(key_id + "\n", encoding="ascii")
    keyring.set_password(KEYRING_SERVICE, key_id, master)
    return key_id


@contextmanager
def opened_template(folder: Path, template: tuple[Path, str],
                    clock: Callable[[], Any]) -> Iterator[tuple[Any, str, Any]]:
    """A profile template made once (per session or module): ``template`` (database, master key) copied into
    ``folder`` and opened, under a memory keyring of its own. Yields the paths, the key id and the open
    context; the context is closed after, so the main file alone is the database (the last connection
    checkpoints the WAL)."""
    import keyring

    from clerk_app.paths import ProfilePaths
    from clerk_app.services.bootstrap import open_context

    sys.path.insert(0, str(Path(__file__).parent / "security"))
    from keyring_backends import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        paths = ProfilePaths(folder).ensure()
        key_id = place_template(paths, *template)
        context = open_context(paths, clock=clock)
        try:
            yield paths, key_id, context
        finally:
            context.store.close()
    finally:
        keyring.set_keyring(previous)


@contextmanager
def profile_with_users(folder: Path, template: tuple[Path, str],
                       clock: Callable[[], Any]) -> Iterator[tuple[Any, str, Any, dict[str, Any]]]:
    """``opened_template`` with the standard users made in it through the real service. Yields the paths,
    the key id, the open context and the users."""
    with opened_template(folder, template, clock) as (paths, key_id, context):
        yield paths, key_id, context, standard_users(context)
