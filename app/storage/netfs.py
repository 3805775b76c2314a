"""Whether a database lies on a network drive, and which SQLite journal it must use there.

WAL keeps its index in shared memory beside the database (the ``-shm`` file), which every process opening the
database maps. SMB shares (Windows network drives, UNC paths ``\\\\server\\share``) and NFS do not give
processes on different machines that shared memory: a WAL database there can be corrupted or refuse to open
(SQLite's documentation: "WAL does not work over a network filesystem"). Such a database is opened with the
classic rollback journal instead, which only needs file locks.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

# Linux file-system types (from /proc/self/mountinfo) that are remote.
NETWORK_FS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs", "lustre", "gpfs",
    "fuse.sshfs", "fuse.glusterfs", "fuse.davfs2", "davfs", "fuse.rclone", "fuse.cephfs",
})
DRIVE_REMOTE = 4  # GetDriveTypeW


def is_unc(path: str | os.PathLike[str]) -> bool:
    """``\\\\server\\share\\…`` or ``\\\\?\\UNC\\server\\share\\…`` (not the ``\\\\?\\C:\\`` long form of a local path)."""
    drive = PureWindowsPath(path).drive
    if drive.startswith(("\\\\?\\", "\\\\.\\")):
        return drive[4:].upper().startswith("UNC\\")
    return drive.startswith("\\\\")


def mount_fstype(path: str, mountinfo: str) -> str | None:
    """The file-system type of the mount holding the absolute ``path``, from /proc/self/mountinfo's text."""
    best, fstype = "", None
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields = left.split()
        if not sep or len(fields) < 5 or not right:
            continue
        point = fields[4].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, fstype = point, right.split()[0]
    return fstype


def is_network_path(path: Path) -> bool:
    """Whether ``path`` (a file that may not exist yet) is on a network file system. False when unsure."""
    try:
        if sys.platform == "win32":
            if is_unc(path):
                return True
            import ctypes

            drive = PureWindowsPath(Path(path).resolve()).drive
            return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE
        where = Path(path).parent.resolve() / Path(path).name
        return mount_fstype(str(where), Path("/proc/self/mountinfo").read_text(encoding="utf-8")) in NETWORK_FS
    except (OSError, ValueError, AttributeError):
        return False


def journal_mode_for(path: Path) -> str:
    """WAL on local disks (readers never wait for a writer); the rollback journal on network drives."""
    return "DELETE" if is_network_path(path) else "WAL"
