"""The layering of docs/architecture.md, checked on every module's imports (top level and inside
functions): the domain imports no Qt, no SQLAlchemy and no other layer of ours; store, services and
security import no Qt; the UI never touches the store."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "clerk_app"

RULES = {
    "domain": ("PySide6", "sqlalchemy", "alembic", "clerk_app.store", "clerk_app.services", "clerk_app.ui",
               "clerk_app.devices", "clerk_app.documents", "clerk_app.security"),
    "store": ("PySide6", "clerk_app.services", "clerk_app.ui"),
    "services": ("PySide6", "clerk_app.ui"),
    "security": ("PySide6",),
    "ui": ("clerk_app.store", "sqlalchemy"),
}


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


CASES = [(layer, p) for layer in RULES for p in sorted((ROOT / layer).rglob("*.py"))]


@pytest.mark.parametrize(("layer", "path"), CASES, ids=[f"{layer}/{p.name}" for layer, p in CASES])
def test_layer_imports(layer: str, path: Path) -> None:
    bad = sorted(i for i in imports(path) for banned in RULES[layer] if i == banned or i.startswith(banned + "."))
    assert not bad, f"{path.relative_to(ROOT.parent)} imports {bad}, which the {layer} layer must not"


def test_every_layer_is_checked() -> None:
    assert len(CASES) > 60 and {layer for layer, _ in CASES} == set(RULES)
