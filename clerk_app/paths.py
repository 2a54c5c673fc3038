"""Every path the app uses, derived from one profile folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "clerk-workbench"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FORMS = Path(__file__).resolve().parent.parent / "forms"


def default_data_dir() -> Path:
    env = os.environ.get("CLERK_APP_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class ProfilePaths:
    root: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None) -> ProfilePaths:
        return cls(Path(data_dir) if data_dir else default_data_dir())

    @property
    def database(self) -> Path:
        return self.root / "clerk.sqlite3"

    @property
    def calendar_dir(self) -> Path:
        return self.root / "calendar"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def documents(self) -> Path:
        return self.root / "documents"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def ensure(self) -> ProfilePaths:
        for p in (self.root, self.calendar_dir, self.attachments, self.documents, self.logs):
            p.mkdir(parents=True, exist_ok=True)
        return self
