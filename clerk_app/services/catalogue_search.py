"""Instant matter search: by name, keyword, code, full pinyin or pinyin initials (`gtgsh` → 个体工商户…).

The index is built once per catalogue (pypinyin loads its dictionary then) and kept; queries are
plain substring tests over a few hundred short strings.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from clerk_app.domain.matters import Catalogue, Matter

_preload_lock = threading.Lock()
_preload: threading.Thread | None = None


def _import_pypinyin() -> None:
    import pypinyin.core  # noqa: F401  (loads the character and phrase dictionaries)


def preload_dictionary() -> None:
    """Load pypinyin's dictionaries in the background, once per process: ~0.4 s of CPU, several
    seconds on a busy machine, that the first ``MatterIndex`` would otherwise spend in the UI thread
    when the clerk first reaches the matter step (an import in progress is waited for, not repeated)."""
    global _preload
    with _preload_lock:
        if _preload is None:
            _preload = threading.Thread(target=_import_pypinyin, name="pypinyin-preload")
            _preload.start()


@dataclass(frozen=True)
class _Entry:
    matter: Matter
    haystack: tuple[str, ...]


class MatterIndex:
    def __init__(self, catalogue: Catalogue, *, authorised_only: bool = True) -> None:
        from pypinyin import Style, lazy_pinyin

        def keys(text: str) -> tuple[str, str]:
            syllables = lazy_pinyin(text, style=Style.NORMAL, errors="ignore")
            return "".join(syllables).lower(), "".join(s[0] for s in syllables if s).lower()

        self.catalogue = catalogue  # an edited catalogue is a new object: holders rebuild on a mismatch
        matters = catalogue.authorised() if authorised_only else catalogue.matters
        entries = []
        for m in matters:
            texts = (m.name, *m.keywords, m.department)
            hay: list[str] = [m.code.lower(), m.task_code.lower()]
            for t in texts:
                full, initials = keys(t)
                hay.extend((t.lower(), full, initials))
            entries.append(_Entry(m, tuple(h for h in hay if h)))
        self._entries = tuple(entries)

    def search(self, query: str, limit: int = 50) -> list[Matter]:
        q = "".join(query.lower().split())
        if not q:
            return [e.matter for e in self._entries[:limit]]
        ranked: list[tuple[int, int, Matter]] = []
        for i, e in enumerate(self._entries):
            best = min((h.find(q) for h in e.haystack if q in h), default=-1)
            if best >= 0:
                ranked.append((best, i, e.matter))
        ranked.sort(key=lambda r: (r[0], r[1]))
        return [m for _, _, m in ranked[:limit]]
