"""Writing output files safely: a temporary name in the target folder, renamed into place when complete.

So a crash, a full disk or a file held open by another program never leaves a half-written file under the
final name, and an earlier good file of the same name survives a failed export.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app.core.errors import SelfcheckError

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
