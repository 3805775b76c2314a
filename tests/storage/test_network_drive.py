"""A database on a network drive is opened with a rollback journal: WAL's shared memory does not work there."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.model import UNIT_ENTITY, Verdict
from app.merge.store import ProvinceStore
from app.storage import Store, netfs
from app.storage.netfs import is_unc, mount_fstype

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
35 22 0:31 / /mnt/单位共享 rw,relatime shared:20 - cifs //fileserver/自查 rw,vers=3.1.1
36 22 0:32 / /srv/nfs rw,relatime shared:21 - nfs4 nas:/export rw
37 36 8:2 / /srv/nfs/local rw,relatime shared:22 - ext4 /dev/sdb1 rw
38 22 0:33 / /media/U\\040盘 rw,nosuid - vfat /dev/sdc1 rw
"""


@pytest.mark.parametrize(("path", "fstype"), [
    ("/home/科员/selfcheck.db", "ext4"),
    ("/mnt/单位共享/2025/selfcheck.db", "cifs"),
    ("/srv/nfs/selfcheck.db", "nfs4"),
    ("/srv/nfs/local/selfcheck.db", "ext4"),  # a local disk mounted inside a network share
    ("/media/U 盘/selfcheck.db", "vfat"),
    ("/mnt/单位共享其他/selfcheck.db", "ext4"),  # a name that only starts like the share
])
def test_the_mount_holding_a_path_is_found(path, fstype):
    assert mount_fstype(path, MOUNTINFO) == fstype


@pytest.mark.parametrize(("path", "unc"), [
    (r"\\fileserver\自查\selfcheck.db", True),
    ("//fileserver/自查/selfcheck.db", True),
    (r"\\?\UNC\fileserver\自查\selfcheck.db", True),
    (r"\\?\C:\自查\selfcheck.db", False),
    (r"Z:\自查\selfcheck.db", False),  # a mapped drive letter is asked of Windows itself
    ("/home/科员/selfcheck.db", False),
])
def test_unc_paths_are_recognised(path, unc):
    assert is_unc(path) is unc


@pytest.fixture
def on_network_drive(monkeypatch):
    monkeypatch.setattr(netfs, "is_network_path", lambda path: True)


def test_a_unit_database_on_a_network_drive_uses_a_rollback_journal(on_network_drive, tmp_path, checklist, unit):
    path = tmp_path / "selfcheck.db"
    with Store(path) as store:
        assert store.journal_mode == "delete"
        store.save_unit(unit)
        inspection = store.start_inspection(2025, checklist)
        store.set_answer(inspection.id, UNIT_ENTITY, "A01-01", Verdict.COMPLIANT, "已传达学习")
        assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    with Store(path) as again:
        assert again.answer(inspection.id, UNIT_ENTITY, "A01-01").note == "已传达学习"


def test_a_wal_database_moved_to_a_network_drive_is_switched_to_the_rollback_journal(tmp_path, monkeypatch):
    Store(tmp_path / "selfcheck.db").close()
    monkeypatch.setattr(netfs, "is_network_path", lambda path: True)
    with Store(tmp_path / "selfcheck.db") as store:
        assert store.journal_mode == "delete"


def test_a_local_database_keeps_wal(tmp_path):
    with Store(tmp_path / "selfcheck.db") as store:
        assert store.journal_mode == "wal"


def test_the_province_database_on_a_network_drive_uses_a_rollback_journal(on_network_drive, tmp_path):
    with ProvinceStore(tmp_path / "province.db") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
