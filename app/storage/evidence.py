"""Evidence files, stored once by content (SHA-256) in a folder beside the database.

Files are copied to a temporary name, hashed while copying and renamed into place, so a crash never leaves a
half-written file under a final name. The original file name is metadata in the database, never a path.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import EvidenceError

DEFAULT_LIMIT = 50 * 1024 * 1024  # 50 MiB per file
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]')
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    original_name: str


def safe_name(name: str) -> str:
    """A display name without path parts, control or direction-override characters; never empty."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = _UNSAFE.sub("_", name).strip(" .")
    if name in {"", ".", ".."}:
        name = "证明材料"
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 110] + dot + ext[:9]) if dot and len(ext) <= 9 else name[:120]
    return name


class EvidenceStore:
    def __init__(self, root: Path, limit: int = DEFAULT_LIMIT) -> None:
        self.root = Path(root)
        self.limit = limit

    def path_for(self, sha256: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise EvidenceError(f"证明材料编号无效:{sha256!r}")
        return self.root / sha256[:2] / sha256

    def add(self, source: Path | str) -> StoredFile:
        """Copy ``source`` into the store (or find it already there) and return its hash and size."""
        source = Path(source)
        try:
            size = source.stat().st_size
        except FileNotFoundError:
            raise EvidenceError(f"找不到证明材料文件:{source}") from None
        except OSError as exc:
            raise EvidenceError(f"无法读取证明材料文件 {source}:{exc.strerror or exc}") from None
        if not source.is_file():
            raise EvidenceError(f"证明材料必须是文件:{source}")
        if size > self.limit:
            raise EvidenceError(
                f"证明材料 {source.name} 过大:{size / 1048576:.1f} MB,单个文件上限为 {self.limit / 1048576:.0f} MB"
            )
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=self.root)
        tmp = Path(tmp_name)
        try:
            copied = 0
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                while chunk := src.read(_CHUNK):
                    copied += len(chunk)
                    if copied > self.limit:
                        raise EvidenceError(f"证明材料 {source.name} 过大:超过 {self.limit / 1048576:.0f} MB 上限")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            final = self.path_for(sha)
            if final.exists() and final.stat().st_size == copied:
                tmp.unlink()
            else:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, final)
            return StoredFile(sha, copied, safe_name(source.name))
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise EvidenceError(f"无法保存证明材料 {source.name}:{exc.strerror or exc}") from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def check(self, sha256: str, size: int | None = None) -> str | None:
        """Why the stored file for ``sha256`` is not intact, or ``None`` when it is."""
        path = self.path_for(sha256)
        if not path.is_file():
            return f"缺少文件 {path}"
        if size is not None and path.stat().st_size != size:
            return f"文件大小不符 {path}"
        digest = hashlib.sha256()
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != sha256:
            return f"文件内容与哈希不符(已被修改或损坏){path}"
        return None
