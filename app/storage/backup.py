"""Rolling backups of the unit database, made with SQLite's online backup API.

A backup is taken at each start of the app, before each export and before each schema migration, so a bad
day (a wrong bulk answer, a broken disk write, an upgrade gone wrong) costs at most the work since then.
The newest ``KEEP`` backups are kept in a ``<db>-backups`` folder beside the database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import StoreError
from app.storage import sqlite_errors
from app.storage.sqlite_uri import read_only_uri

KEEP = 10
_NAME = re.compile(r"^(?P<stamp>\d{8}-\d{6}(?:-\d+)?)-(?P<reason>[a-z]+(?:-[a-z]+)*)\.db$")
REASON_LABELS = {"start": "启动时", "export": "导出前", "migration": "升级前", "restore": "恢复前", "manual": "手动",
                 "checklist-upgrade": "清单升级前"}


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime
    reason: str

    @property
    def label(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M:%S} {REASON_LABELS.get(self.reason, self.reason)}"


def backup_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + "-backups")


def _backup_into_new_file(src: sqlite3.Connection, tmp: Path) -> None:
    """A consistent copy of ``src`` in a fresh file ``tmp`` (replaced if a killed run left one)."""
    tmp.unlink(missing_ok=True)
    target = sqlite3.connect(tmp)
    try:
        src.backup(target)
    finally:
        target.close()


def _copy(src: sqlite3.Connection, dest: Path) -> None:
    tmp = dest.with_name(dest.name + ".part")
    _backup_into_new_file(src, tmp)
    os.replace(tmp, dest)


def make_backup(db_path: Path, reason: str, keep: int = KEEP, conn: sqlite3.Connection | None = None) -> Path | None:
    """Copy the database consistently (even while it is open and in WAL mode); ``None`` if there is nothing
    to back up yet. Raises :class:`StoreError` when the backup folder cannot be written."""
    if reason not in REASON_LABELS:  # a name list_backups could not read back would be a backup no one finds
        raise ValueError(f"unknown backup reason {reason!r}")
    db_path = Path(db_path)
    if conn is None and (not db_path.exists() or db_path.stat().st_size == 0):
        return None
    folder = backup_dir(db_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = folder / f"{stamp}-{reason}.db"
    n = 1
    while dest.exists():
        dest = folder / f"{stamp}-{n}-{reason}.db"
        n += 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if conn is not None:
            _copy(conn, dest)
        else:
            src = sqlite3.connect(read_only_uri(db_path), uri=True)
            try:
                _copy(src, dest)
            finally:
                src.close()
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"无法备份数据库到 {folder}:{exc}") from None
    for old in list_backups(db_path)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return dest


def list_backups(db_path: Path) -> list[Backup]:
    """Backups of ``db_path``, newest first."""
    folder = backup_dir(Path(db_path))
    found = []
    for p in folder.glob("*.db") if folder.is_dir() else []:
        m = _NAME.match(p.name)
        if not m:
            continue
        stamp = m.group("stamp")[:15]
        found.append(Backup(p, dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S"), m.group("reason")))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def restore_backup(backup: Path, db_path: Path, timeout: float = 5.0) -> Path | None:
    """Replace the database's content with a backup's. The current database is backed up first (reason
    ``restore``), so a restore can itself be undone.

    The pages are copied into the database file with SQLite's backup API, in one transaction, not by replacing
    the file: on Windows a file that another handle holds (a second window, an antivirus scan, the search
    indexer) cannot be deleted or replaced, and on Linux a replaced file leaves other open connections
    writing into the old, unlinked copy. When another program holds a lock for longer than ``timeout``
    seconds the restore is refused with a message saying so, and the database is left as it was.
    """
    backup, db_path = Path(backup), Path(db_path)
    try:
        check = sqlite3.connect(read_only_uri(backup), uri=True)
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            check.close()
    except sqlite3.Error as exc:
        raise StoreError(f"备份文件 {backup} 无法读取:{exc}") from None
    if not ok:
        raise StoreError(f"备份文件 {backup} 已损坏,未恢复")
    try:
        saved = make_backup(db_path, "restore")
    except StoreError:
        if _readable(db_path):
            raise
        saved = None  # the database is damaged beyond copying: that is why it is being restored
    try:
        src = sqlite3.connect(read_only_uri(backup), uri=True)
        try:
            if _readable(db_path):
                target = sqlite3.connect(db_path, timeout=min(timeout, 1.0))
                try:
                    src.backup(target, progress=_give_up_after(timeout), sleep=0.05)
                finally:
                    target.close()
            else:
                _replace_damaged(src, db_path)
        finally:
            src.close()
    except (_Busy, sqlite3.OperationalError) as exc:
        if isinstance(exc, _Busy) or sqlite_errors.kind_of(exc) == sqlite_errors.BUSY:
            raise StoreError(
                f"数据库 {db_path} 正被另一个程序使用(例如另一个 selfcheck 窗口、杀毒软件或同步盘),未恢复,"
                "数据库保持原样。请关闭该程序后重试。") from None
        raise StoreError(f"无法从 {backup} 恢复数据库 {db_path}:{exc}") from None
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"无法从 {backup} 恢复数据库 {db_path}:{exc}") from None
    return saved


class _Busy(Exception):
    """Another connection kept its lock on the database for the whole timeout."""


def _give_up_after(timeout: float) -> Callable[[int, int, int], None]:
    """A backup progress callback that aborts the copy once the target has stayed locked for ``timeout``
    seconds (Python's backup loop otherwise retries a busy database for ever)."""
    deadline = time.monotonic() + timeout

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise _Busy
    return progress


def _readable(db_path: Path) -> bool:
    """Whether SQLite can read the file as a database (a missing file counts: the copy creates it)."""
    if not db_path.exists():
        return True
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        return sqlite_errors.kind_of(exc) == sqlite_errors.BUSY
    except sqlite3.DatabaseError:
        return False
    return True


def _replace_damaged(src: sqlite3.Connection, db_path: Path) -> None:
    """A file SQLite cannot read as a database cannot take pages: write the backup beside it and swap."""
    tmp = db_path.with_name(db_path.name + ".restore")
    _backup_into_new_file(src, tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_path)
