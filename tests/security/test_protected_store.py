"""The store is a SQLCipher file under a key that lives only in the keyring."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import text

from clerk_app.errors import UserError
from clerk_app.security import keys
from clerk_app.store.db import SQLITE_HEADER, Store

SECRET = "11010519491231002X"


def _write_secret(store: Store) -> None:
    with store.transaction() as s:
        s.execute(text("CREATE TABLE IF NOT EXISTS probe (v TEXT)"))
        s.execute(text("INSERT INTO probe VALUES (:v)"), {"v": SECRET})


def test_new_store_is_encrypted_and_key_is_not_in_the_folder(tmp_path, memory_keyring):
    path = tmp_path / "profile" / "clerk.sqlite3"
    store = Store(path)
    _write_secret(store)
    store.close()
    assert store.protected
    assert path.read_bytes()[:16] != SQLITE_HEADER
    stored = dict(memory_keyring.entries)
    assert len(stored) == 1
    master_hex = next(iter(stored.values()))
    key_id = (path.parent / keys.KEY_ID_FILE).read_text().strip()
    assert next(iter(stored))[1] == key_id
    for f in path.parent.rglob("*"):
        if f.is_file():
            blob = f.read_bytes()
            assert master_hex.encode() not in blob and bytes.fromhex(master_hex) not in blob
            assert SECRET.encode() not in blob


def test_reopening_reads_the_data_back(tmp_path):
    path = tmp_path / "p" / "clerk.sqlite3"
    _write_secret(store := Store(path))
    store.close()
    again = Store(path)
    with again.read() as s:
        assert s.execute(text("SELECT v FROM probe")).scalar() == SECRET
    assert again.integrity_check() == "ok"
    again.close()


def test_copied_folder_without_the_key_is_refused(tmp_path, memory_keyring):
    path = tmp_path / "p" / "clerk.sqlite3"
    Store(path).close()
    memory_keyring.entries.clear()  # another PC: same files, empty keystore
    with pytest.raises(UserError, match="其他电脑复制"):
        Store(path)


def test_wrong_key_is_one_clear_sentence(tmp_path, memory_keyring):
    path = tmp_path / "p" / "clerk.sqlite3"
    Store(path).close()
    (service, user), _ = next(iter(memory_keyring.entries.items()))
    memory_keyring.entries[(service, user)] = "ab" * 32
    with pytest.raises(UserError, match="密钥与数据文件不匹配"):
        Store(path)


def test_plaintext_database_is_encrypted_on_first_protected_open(tmp_path):
    path = tmp_path / "p" / "clerk.sqlite3"
    old = Store(path, key=None)
    _write_secret(old)
    old.close()
    assert path.read_bytes()[:16] == SQLITE_HEADER
    store = Store(path)
    assert store.protected and path.read_bytes()[:16] != SQLITE_HEADER
    with store.read() as s:
        assert s.execute(text("SELECT v FROM probe")).scalar() == SECRET
        assert s.execute(text("SELECT count(*) FROM audit_log")).scalar() == 0
    store.close()
    assert SECRET.encode() not in path.read_bytes()


def test_without_os_keyring_an_existing_encrypted_store_is_refused(tmp_path):
    path = tmp_path / "p" / "clerk.sqlite3"
    Store(path).close()
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(keys.KeyringUnavailable):
        Store(path)


def test_without_os_keyring_and_required_protection_nothing_is_created(tmp_path, monkeypatch):
    monkeypatch.setenv("CLERK_APP_REQUIRE_KEYRING", "1")
    keyring.set_keyring(fail.Keyring())
    path = tmp_path / "p" / "clerk.sqlite3"
    with pytest.raises(keys.KeyringUnavailable, match="系统密钥库"):
        Store(path)
    assert not path.exists()


def test_write_ahead_log_is_encrypted_while_the_store_is_open(tmp_path):
    path = tmp_path / "p" / "clerk.sqlite3"
    store = Store(path)
    with store.transaction() as s:
        s.execute(text("PRAGMA wal_autocheckpoint=0"))
    _write_secret(store)
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    for f in path.parent.iterdir():
        assert SECRET.encode() not in f.read_bytes(), f.name
    store.close()


def test_every_connection_keeps_decrypted_pages_in_a_large_cache(tmp_path):  # type: ignore[no-untyped-def]
    from clerk_app.store.db import PAGE_CACHE_KIB

    store = Store(tmp_path / "clerk.sqlite3")
    try:
        # Two connections at once: the pragma is set per connection, not once per store.
        with store.engine.connect() as a, store.engine.connect() as b:
            for conn in (a, b):
                assert conn.execute(text("PRAGMA cache_size")).scalar() == -PAGE_CACHE_KIB
        assert PAGE_CACHE_KIB >= 64 * 1024
    finally:
        store.close()
