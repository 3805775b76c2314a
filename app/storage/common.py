"""Small helpers shared by the store's parts."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import Any


def timestamp() -> str:
    """The local time, to the second, as the database records it."""
    return dt.datetime.now().isoformat(timespec="seconds")


def scalar(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> Any:
    """The first column of the first row, or ``None`` when there is no row."""
    row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]
