"""Rolling backups: taken while the database is open, pruned, restorable, and taken before a migration."""

import sqlite3

import pytest

from app.core.errors import StoreError
from app.core.model import UNIT_ENTITY, Verdict
from app.storage import Store
from app.storage.backup import list_backups, make_backup, restore_backup
from tests.conftest import unit_database_at_version_1


def test_a_backup_of_an_open_database_holds_its_answers(store, inspection):
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT, "已传达学习")
    path = store.backup("start")
    copy = sqlite3.connect(path)
    assert copy.execute("SELECT note FROM answer").fetchone() == ("已传达学习",)
    copy.close()


def test_only_the_newest_backups_are_kept(store, inspection):
    for _ in range(5):
        make_backup(store.path, "manual", keep=3, conn=store.conn)
    assert len(list_backups(store.path)) == 3


def test_the_backup_before_a_checklist_upgrade_is_listed_for_restoring(store, inspection):
    path = store.backup("checklist-upgrade")
    [listed] = list_backups(store.path)
    assert listed.path == path and listed.label.endswith("清单升级前")


def test_a_backup_reason_the_list_could_not_read_back_is_refused(store, inspection):
    with pytest.raises(ValueError):
        store.backup("before upgrade")


def test_restoring_brings_back_the_earlier_state_and_keeps_the_current_one(tmp_path, store, inspection):
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT)
    before = store.backup("export")
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.NONCOMPLIANT)
    store.close()
    saved = restore_backup(before, store.path)
    with Store(store.path) as again:
        assert again.answer(inspection.id, UNIT_ENTITY, "A01-01").verdict == Verdict.COMPLIANT
    assert saved is not None and next(b.reason for b in list_backups(store.path)) == "restore"


def test_a_damaged_backup_is_refused_and_the_database_left_alone(tmp_path, store, inspection):
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT)
    store.close()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    with pytest.raises(StoreError):
        restore_backup(bad, store.path)
    with Store(store.path) as again:
        assert again.answer(inspection.id, UNIT_ENTITY, "A01-01").verdict == Verdict.COMPLIANT


def test_a_migration_is_preceded_by_a_backup(tmp_path):
    path = unit_database_at_version_1(tmp_path / "old.db")
    Store(path).close()
    assert [b.reason for b in list_backups(path)] == ["migration"]


def test_a_restore_works_while_another_handle_holds_the_database_open(store, inspection):
    """On Windows a file another program holds cannot be replaced: the backup's pages are copied in instead,
    and the other connection sees the restored answers rather than a stale, unlinked file."""
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT, "已传达学习")
    before = store.backup("export")
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.NONCOMPLIANT, "尚未整改")
    restore_backup(before, store.path)
    assert store.answer(inspection.id, UNIT_ENTITY, "A01-01").verdict == Verdict.COMPLIANT
    store.close()


def test_a_restore_blocked_by_another_programs_lock_explains_and_leaves_the_database_alone(store, inspection):
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT)
    before = store.backup("export")
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.NONCOMPLIANT)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another window in the middle of saving
    try:
        with pytest.raises(StoreError, match="正被另一个程序使用.*数据库保持原样"):
            restore_backup(before, store.path, timeout=0.1)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.answer(inspection.id, UNIT_ENTITY, "A01-01").verdict == Verdict.NONCOMPLIANT
    store.close()


def test_a_damaged_database_can_be_restored_from_a_backup(store, inspection):
    store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT)
    before = store.backup("export")
    store.close()
    store.path.write_bytes(b"\x00garbage written by a failing disk" * 100)
    restore_backup(before, store.path)
    with Store(store.path) as again:
        assert again.answer(inspection.id, UNIT_ENTITY, "A01-01").verdict == Verdict.COMPLIANT
