"""SQLite URIs for opening a database without any chance of changing it.

A URI built by hand (``f"file:{path}?mode=ro"``) breaks on a folder named like "第1#科室": ``#`` starts the
URI's fragment, so SQLite opens (and may create) a different file. :meth:`Path.as_uri` escapes every such
character, so every URI in the program is built here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def read_only_uri(path: Path | str, immutable: bool = False) -> str:
    """``file:`` URI opening ``path`` read-only. A read-only connection still reads a pending WAL but never
    checkpoints it; ``immutable`` also skips the WAL and all locking (write-protected media)."""
    return Path(path).resolve().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")


def peek_user_version(path: Path | str) -> int:
    """``PRAGMA user_version`` of an existing database, read as the file (and its pending WAL) says, without
    writing to either: opening a newer version's database read-write would checkpoint its WAL on close."""
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
