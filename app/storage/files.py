"""Writing output files safely: a temporary name in the target folder, renamed into place when complete.

So a crash, a full disk or a file held open by another program never leaves a half-written file under the
final name, and an earlier good file of the same name survives a failed export.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from app.core.errors import SelfcheckError
from app.paths import data_dir

_UMASK = os.umask(0o022)
os.umask(_UMASK)
_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]')


def safe_filename(text: str, limit: int = 60) -> str:
    """A file-name part that works on Windows and Linux (no separators, reserved or control characters)."""
    text = _UNSAFE_FILENAME.sub("_", text).strip(" .")
    return text[:limit] or "未命名"


def ensure_writable_dir(folder: Path) -> Path:
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SelfcheckError(f"无法创建输出文件夹 {folder}:{exc.strerror or exc}") from None
    if not folder.is_dir():
        raise SelfcheckError(f"输出位置 {folder} 不是文件夹")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SelfcheckError(f"输出文件夹 {folder} 没有写入权限,请选择其他文件夹")
    return folder


def check_target(path: Path) -> Path:
    """Refuse early (before any work) a target whose folder cannot be written or whose name is a folder."""
    path = Path(path)
    ensure_writable_dir(path.parent)
    if path.is_dir():
        raise SelfcheckError(f"无法写入 {path}:同名的文件夹已存在")
    return path


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, on failure it is removed."""
    path = check_target(path)
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem[:40]}-", suffix=path.suffix + ".part", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; an exported file gets the usual permissions
    try:
        yield tmp
        try:
            os.replace(tmp, path)
        except PermissionError:
            raise SelfcheckError(f"无法替换 {path}:文件可能正被其他程序(如 Excel、WPS)打开,请关闭后重试") from None
        except OSError as exc:
            raise SelfcheckError(f"无法写入 {path}:{exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


# ---- a set of files that appear together or not at all --------------------------------------------------

STAGING_PREFIX = ".selfcheck-export-"
STAGING_SUFFIX = ".staging"
JOURNAL = "journal.json"
_LOCK = "lock"
_PENDING_DIR = "exports-pending"


def disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1))


def write_failure(exc: OSError, folder: Path, name: str | None = None) -> SelfcheckError:
    """A plain message for a failed write (disk full above all), naming the file and saying that the
    earlier files are untouched."""
    what = f"“{name}”" if name else "导出文件"
    if disk_full(exc):
        return SelfcheckError(f"磁盘空间不足:无法在 {folder} 中写入{what}。原有的导出文件未被改动;请清理磁盘空间后重试")
    if isinstance(exc, PermissionError):
        return SelfcheckError(f"无法在 {folder} 中写入{what}:没有权限,或文件正被其他程序(如 Excel、WPS)打开。"
                              "原有的导出文件未被改动")
    return SelfcheckError(f"无法在 {folder} 中写入{what}:{exc.strerror or exc}。原有的导出文件未被改动")


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` durable (POSIX; Windows has no directory handles to flush)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool:
    """An exclusive, non-blocking lock the system drops when the process dies (even by SIGKILL)."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _pending_dir() -> Path | None:
    try:
        return data_dir() / _PENDING_DIR
    except Exception:  # no data folder (odd environment): folders are still recovered at their next export
        return None


class ExportSet:
    """New files written into a hidden staging folder beside their targets, then swapped in together.

    The staging folder holds ``new/`` (the files being written), ``old/`` (the previous files, moved aside
    during the swap) and, once every new file is complete and on disk, ``journal.json``: the decision to
    commit. A process killed before the journal exists leaves only the staging folder, which the next start
    deletes (the previous files never moved). Killed after it, the next start finishes the swap. A lock held
    by the running export keeps another process from "recovering" a staging folder still in use; a note in the
    data folder tells the next start (CLI or GUI) which output folders to look at.
    """

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.folder = ensure_writable_dir(Path(folder))
        self.names = list(names)
        for name in self.names:
            check_target(self.folder / name)
        recover_folder(self.folder)
        self.id = uuid.uuid4().hex
        self.staging = self.folder / f"{STAGING_PREFIX}{self.id}{STAGING_SUFFIX}"
        self.new = self.staging / "new"
        self.old = self.staging / "old"
        self._lock_fd: int | None = None
        self._note: Path | None = None
        self.writing: str | None = None  # the file being written, for messages
        try:
            self.staging.mkdir()
            self._lock_fd = os.open(self.staging / _LOCK, os.O_RDWR | os.O_CREAT, 0o600)
            _try_lock(self._lock_fd)
            self.new.mkdir()
            self.old.mkdir()
        except OSError as exc:
            self.discard()
            raise write_failure(exc, self.folder) from None
        self._write_note()

    def path(self, name: str) -> Path:
        """Where to write ``name`` now (inside the staging folder); later failures are reported as its."""
        self.writing = name
        return self.new / name

    def _write_note(self) -> None:
        pending = _pending_dir()
        if pending is None:
            return
        try:
            pending.mkdir(parents=True, exist_ok=True)
            note = pending / f"{self.id}.json"
            note.write_text(json.dumps({"folder": str(self.folder), "staging": self.staging.name},
                                       ensure_ascii=False), encoding="utf-8")
            self._note = note
        except OSError:
            self._note = None  # best effort: the folder is also recovered before its next export

    def commit(self) -> None:
        """Swap the new files in (and any earlier file of the set's names out) as one step."""
        present = [n for n in self.names if (self.new / n).is_file()]
        try:
            for name in present:
                fsync_file(self.new / name)
            fsync_dir(self.new)
            _write_journal(self.staging, self.names, present)
        except OSError as exc:
            self.discard()
            raise write_failure(exc, self.folder) from None
        moved_old: list[str] = []
        moved_new: list[str] = []
        try:
            for name in self.names:
                if (self.folder / name).exists():
                    os.replace(self.folder / name, self.old / name)
                    moved_old.append(name)
            for name in present:
                os.replace(self.new / name, self.folder / name)
                moved_new.append(name)
            fsync_dir(self.folder)
        except OSError as exc:
            self._undo(moved_old, moved_new)
            raise write_failure(exc, self.folder) from None
        self.discard()

    def _undo(self, moved_old: list[str], moved_new: list[str]) -> None:
        """Put the earlier files back after a failed swap; if that fails too, the journal finishes it later."""
        try:
            for name in moved_new:
                os.replace(self.folder / name, self.new / name)
            for name in moved_old:
                os.replace(self.old / name, self.folder / name)
            (self.staging / JOURNAL).unlink()
            fsync_dir(self.folder)
        except OSError:
            self._release()
            return
        self.discard()

    def _release(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock_fd)
            self._lock_fd = None

    def discard(self) -> None:
        """Remove the staging folder and the note (after success, or on failure before the swap)."""
        self._release()
        shutil.rmtree(self.staging, ignore_errors=True)
        if self._note is not None:
            self._note.unlink(missing_ok=True)
            self._note = None

    def __enter__(self) -> ExportSet:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.staging.exists() and not (self.staging / JOURNAL).exists():
            self.discard()


def _write_journal(staging: Path, names: list[str], present: list[str]) -> None:
    tmp = staging / (JOURNAL + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"names": names, "new": present}, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, staging / JOURNAL)
    fsync_dir(staging)


def _recover_staging(folder: Path, staging: Path) -> None:
    """Finish (journal present) or roll back (no journal) one staging folder left by a killed export."""
    lock = staging / _LOCK
    fd = None
    if lock.exists():
        try:
            fd = os.open(lock, os.O_RDWR)
        except OSError:
            return
        if not _try_lock(fd):
            os.close(fd)
            return  # another export is using it right now
    try:
        journal = staging / JOURNAL
        if journal.is_file():
            try:
                plan = json.loads(journal.read_text(encoding="utf-8"))
                names, present = list(plan["names"]), set(plan["new"])
            except (OSError, ValueError, KeyError, TypeError):
                names, present = [], set()
            for name in names:
                new, target, old = staging / "new" / name, folder / name, staging / "old" / name
                if name in present and not new.exists():
                    continue  # already swapped in
                if target.exists() and not old.exists():
                    os.replace(target, old)
                if new.exists():
                    os.replace(new, target)
            fsync_dir(folder)
    except OSError:
        return  # leave it for the next start rather than half-undo anything
    finally:
        if fd is not None:
            os.close(fd)
    shutil.rmtree(staging, ignore_errors=True)


def recover_folder(folder: Path) -> None:
    """Finish or roll back every interrupted export in ``folder`` and remove its leftovers."""
    folder = Path(folder)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith(STAGING_PREFIX) and name.endswith(STAGING_SUFFIX) and entry.is_dir(follow_symlinks=False):
            _recover_staging(folder, Path(entry.path))
        elif _LEGACY_PART.match(name) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)  # a half-written file of an earlier version's export


# Earlier versions wrote ".<name>-XXXX.pdf.part" (and ".part.signed") beside the targets.
_LEGACY_PART = re.compile(r"^\.[0-9A-Z]{18}_.*-[a-z0-9_]{8}\.(pdf|xlsx|docx)\.part(\.signed)?$")


def recover_pending_exports() -> None:
    """At start (CLI and GUI): finish or clean up exports a killed process left in any output folder."""
    pending = _pending_dir()
    if pending is None or not pending.is_dir():
        return
    for note in pending.glob("*.json"):
        try:
            info = json.loads(note.read_text(encoding="utf-8"))
            folder = Path(info["folder"])
            staging = folder / str(info["staging"])
        except (OSError, ValueError, KeyError, TypeError):
            note.unlink(missing_ok=True)
            continue
        if staging.parent != folder or not staging.name.startswith(STAGING_PREFIX):
            note.unlink(missing_ok=True)
            continue
        if not folder.is_dir():
            continue  # a USB stick not plugged in now: keep the note for a later start
        if staging.is_dir():
            _recover_staging(folder, staging)
        if not staging.exists():
            note.unlink(missing_ok=True)
