"""Security benchmarks (issue 8): search by ID number over 1,000,000 cases in the SQLCipher store
(target p95 ≤ 30 ms, as without protection), and the start-up cost of opening the protected store
(keyring read, HKDF, SQLCipher key, schema check) against the same file unprotected.

The keyring is an in-memory backend set explicitly: the OS keystore's own latency is not measured
(Windows Credential Manager answers in about a millisecond). The protected million-case profile is
generated once (lean demo seed) and cached in bench/.cache/.
Usage: python bench/bench_security.py [--cases N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

from clerk_app.services.bootstrap import open_context

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "bench" / ".cache"


class BenchKeyring(KeyringBackend):
    """Entries persist in a JSON file beside the cache so the cached profile can be reopened."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def get_password(self, service: str, username: str) -> str | None:
        import json

        return json.loads(self.path.read_text()).get(username) if self.path.exists() else None

    def set_password(self, service: str, username: str, password: str) -> None:
        import json

        data = json.loads(self.path.read_text()) if self.path.exists() else {}
        data[username] = password
        self.path.write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def protected_profile(cases: int) -> Path:
    from clerk_app.paths import ProfilePaths
    from clerk_app.services.demo import seed

    root = CACHE / f"secure-{cases}"
    if not (root / "clerk.sqlite3").exists():
        shutil.rmtree(root, ignore_errors=True)
        t = time.perf_counter()
        ctx = open_context(ProfilePaths(root))
        assert ctx.store.protected
        seed(ctx, cases, seed=7, lean=True, batch=20000)
        ctx.store.close()
        print(f"seeded {cases:,} protected cases in {time.perf_counter() - t:.0f} s")
    return root


def bench_search(root: Path) -> None:
    from sqlalchemy import select

    from clerk_app.paths import ProfilePaths
    from clerk_app.services.auth import login
    from clerk_app.services.search import search_cases
    from clerk_app.store.tables import ApplicantRow, CaseRow

    ctx = open_context(ProfilePaths(root))
    actor = login(ctx, "clerk", "clerk1234")
    with ctx.store.read() as s:
        ids = list(s.scalars(select(ApplicantRow.id_number).join(CaseRow, CaseRow.applicant_id == ApplicantRow.id)
                             .limit(20000)))
    sample = random.Random(1).sample(ids, 300)
    search_cases(ctx, actor, sample[0])
    times = []
    for number in sample:
        t = time.perf_counter()
        rows = search_cases(ctx, actor, number)
        times.append((time.perf_counter() - t) * 1000)
        assert rows, number
    ctx.store.close()
    print(f"search by ID number, protected store: p50 {statistics.median(times):.2f} ms, "
          f"p95 {p95(times):.2f} ms (target ≤ 30 ms)")


def bench_open(root: Path) -> None:
    from sqlalchemy import text

    from clerk_app.store.db import Store

    def timed(key: object, path: Path) -> float:
        t = time.perf_counter()
        store = Store(path, key=key)  # type: ignore[arg-type]
        with store.read() as s:
            s.execute(text("SELECT count(*) FROM users")).scalar()
        store.close()
        return (time.perf_counter() - t) * 1000

    protected = [timed("auto", root / "clerk.sqlite3") for _ in range(10)]
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "clerk.sqlite3"
        Store(plain, key=None).close()
        unprotected = [timed(None, plain) for _ in range(10)]
    print(f"open store + first query: protected median {statistics.median(protected):.1f} ms, "
          f"unprotected median {statistics.median(unprotected):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(BenchKeyring(CACHE / f"secure-{args.cases}.keyring.json"))
    root = protected_profile(args.cases)
    bench_open(root)
    bench_search(root)


if __name__ == "__main__":
    main()
