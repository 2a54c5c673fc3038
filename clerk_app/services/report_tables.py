"""``Table``: what every statistic, ledger and export speaks — a title, headers and plain rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: Sequence[tuple[Cell, ...]] = field(default_factory=list)  # read only: any row shape of cells
    note: str = ""

    def column(self, header: str) -> list[Cell]:
        i = self.headers.index(header)
        return [r[i] for r in self.rows]
