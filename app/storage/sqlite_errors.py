"""What kind of SQLite failure an exception is, decided by SQLite's result code, not by its message.

Since Python 3.11 every error raised by SQLite itself carries ``sqlite_errorcode`` (the extended code; the
low byte is the primary one: ``SQLITE_IOERR_WRITE`` is an ``SQLITE_IOERR``). Messages are SQLite's own
English sentences and vary between versions and builds ("database or disk is full", "disk I/O error"…), so a
decision made on them could silently stop matching. The message is read only when there is no code: errors
the sqlite3 module raises itself (a closed connection) or that a test raises by hand.
"""

from __future__ import annotations

import sqlite3

FULL, BUSY, READ_ONLY, NOT_A_DATABASE, IO_ERROR, OTHER = "full", "busy", "read_only", "not_a_database", "io", "other"

_BY_PRIMARY_CODE = {
    sqlite3.SQLITE_FULL: FULL,
    sqlite3.SQLITE_BUSY: BUSY,
    sqlite3.SQLITE_LOCKED: BUSY,
    sqlite3.SQLITE_READONLY: READ_ONLY,
    sqlite3.SQLITE_NOTADB: NOT_A_DATABASE,
    sqlite3.SQLITE_CORRUPT: NOT_A_DATABASE,
    sqlite3.SQLITE_IOERR: IO_ERROR,
}
_BY_TEXT = (("full", FULL), ("locked", BUSY), ("busy", BUSY), ("readonly", READ_ONLY), ("read-only", READ_ONLY),
            ("not a database", NOT_A_DATABASE), ("malformed", NOT_A_DATABASE), ("disk i/o", IO_ERROR))


def kind_of(exc: BaseException) -> str:
    """One of FULL, BUSY (locked or busy), READ_ONLY, NOT_A_DATABASE (also corrupt), IO_ERROR or OTHER."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _BY_PRIMARY_CODE.get(code & 0xFF, OTHER)
    text = str(exc).lower()
    return next((kind for word, kind in _BY_TEXT if word in text), OTHER)
