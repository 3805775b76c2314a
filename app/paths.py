"""Where things are: bundled resources (source tree or PyInstaller bundle) and the user's data folder.

One helper for both cases so that nothing else in the code cares whether it runs frozen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "selfcheck"


def resource_root() -> Path:
    """The folder holding checklists/, exports/, forms/ and resources/.

    From source that is the repository root; in a PyInstaller bundle it is the bundle's data folder.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    """Path of a bundled data file, e.g. ``resource("checklists", "zhijian-2023.toml")``."""
    return resource_root().joinpath(*parts)


def executable_dir() -> Path:
    """Folder of the running program: the bundle's folder when frozen, the repository root from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return resource_root()


def portable_dir() -> Path | None:
    """A ``portable`` folder beside a frozen executable makes the program keep its data there (USB sticks)."""
    if not getattr(sys, "frozen", False):
        return None
    candidate = executable_dir() / "portable"
    return candidate if candidate.is_dir() else None


def data_dir() -> Path:
    """The folder for the database, evidence and backups.

    ``SELFCHECK_HOME`` wins, then a portable folder, then the platform's per-user data folder.
    """
    override = os.environ.get("SELFCHECK_HOME")
    if override:
        return Path(override).expanduser()
    portable = portable_dir()
    if portable is not None:
        return portable
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "selfcheck.db"


def is_writable_dir(path: Path) -> bool:
    """Whether files can really be created in ``path`` (a probe file, not permission bits: a write-protected
    USB stick or a read-only share can look writable)."""
    import tempfile

    try:
        with tempfile.NamedTemporaryFile(dir=path, prefix=".selfcheck-probe-"):
            return True
    except OSError:
        return False
