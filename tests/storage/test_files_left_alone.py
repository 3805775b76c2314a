"""Promises about database files: a check never changes what it checks, a 0-byte file is not a database,
and paths with URI characters (a folder named "第1#科室") work everywhere."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.errors import StoreError
from app.core.model import UNIT_ENTITY, Verdict
from app.storage import Store
from app.storage.backup import list_backups, make_backup, restore_backup
from app.storage.migrations import SCHEMA_VERSION
from app.storage.store import open_for_doctor

ROOT = Path(__file__).resolve().parents[2]


def fingerprint(db: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(db.parent.glob(db.name + "*"))
            if not p.name.endswith("-shm")}


def newer_database_with_pending_wal(path: Path) -> Path:
    """What a newer selfcheck leaves after a crash: version above ours, the last writes still in the WAL."""
    code = ("import os, sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA journal_mode=WAL'); c.execute('CREATE TABLE future(x)')\n"
            "c.execute('PRAGMA wal_checkpoint(TRUNCATE)')\n"
            f"c.execute('INSERT INTO future VALUES (1)'); c.execute('PRAGMA user_version = {SCHEMA_VERSION + 5}')\n"
            "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    assert Path(str(path) + "-wal").stat().st_size > 0
    return path


def selfcheck(*args: str):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_doctor_leaves_a_newer_versions_database_and_its_wal_untouched(tmp_path):
    db = newer_database_with_pending_wal(tmp_path / "unit.db")
    before = fingerprint(db)
    out = selfcheck("doctor", "--db", str(db))
    assert out.returncode == 1 and "更新版本" in out.stderr
    assert fingerprint(db) == before


def test_opening_a_newer_versions_database_does_not_checkpoint_its_wal(tmp_path):
    db = newer_database_with_pending_wal(tmp_path / "unit.db")
    before = fingerprint(db)
    with pytest.raises(StoreError, match="不会修改该文件"):
        Store(db)
    assert fingerprint(db) == before


def test_doctor_opens_the_current_version_read_only(store, inspection):
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT)  # still in the WAL
    before = fingerprint(store.path)
    with open_for_doctor(store.path) as checked:
        assert checked.read_only and checked.doctor() == []
    assert fingerprint(store.path) == before


def test_doctor_sees_what_is_still_in_the_wal(store, inspection):
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT, "已传达学习")
    with open_for_doctor(store.path) as checked:
        assert checked.answer(inspection.id, UNIT_ENTITY, "A01-01").note == "已传达学习"


def test_a_zero_byte_file_is_not_a_database(tmp_path):
    empty = tmp_path / "unit.db"
    empty.touch()
    out = selfcheck("doctor", "--db", str(empty))
    assert out.returncode == 1 and "0 字节" in out.stderr
    assert empty.stat().st_size == 0


def test_opening_a_zero_byte_file_as_an_existing_database_is_refused(tmp_path):
    (tmp_path / "unit.db").touch()
    with pytest.raises(StoreError, match="0 字节"):
        Store(tmp_path / "unit.db", create=False)


# ---- URI characters in paths -----------------------------------------------------------------------------

@pytest.fixture
def hash_folder_store(tmp_path, inspection, store):
    """A unit database in a folder whose name holds a URI fragment mark."""
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT, "已传达学习")
    store.close()
    folder = tmp_path / "第1#科室" / "数据?备份"
    folder.mkdir(parents=True)
    for p in store.path.parent.glob(store.path.name + "*"):
        os.replace(p, folder / p.name)
    return folder / store.path.name


def test_a_database_in_a_folder_named_with_hash_backs_up_in_full(hash_folder_store, tmp_path):
    backup = make_backup(hash_folder_store, "manual")
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT note FROM answer").fetchone() == ("已传达学习",)
    copy.close()
    assert not (tmp_path / "第1").exists()  # a hand-built URI ends the path at "#" and creates this file


def test_a_backup_in_a_folder_named_with_hash_restores(hash_folder_store):
    backup = make_backup(hash_folder_store, "manual")
    restore_backup(backup, hash_folder_store)
    with Store(hash_folder_store) as again:
        assert again.schema_version == SCHEMA_VERSION
    assert [b.reason for b in list_backups(hash_folder_store)][:2] == ["restore", "manual"]


def test_doctor_works_in_a_folder_named_with_hash(hash_folder_store):
    with open_for_doctor(hash_folder_store) as checked:
        assert checked.doctor() == []
