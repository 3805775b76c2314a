"""The province store: one current submission per unit and year, every file ever seen in the history.

Each file is applied in ONE transaction, so an interrupted merge leaves a consistent database and a re-run
recognises the files already stored by their SHA-256 alone (:meth:`ProvinceStore.known`), without reading
them again. Rules: the same file (SHA-256) or the same export (submission id) again is a duplicate; a
different valid file for a unit and year replaces the stored one only when it was exported later.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.errors import StoreError
from app.merge.worker import FileResult
from app.storage.migrations import (
    PROVINCE_APPLICATION_ID,
    UNIT_APPLICATION_ID,
    Schema,
    SchemaMismatch,
    execute_script,
    identify,
    migrate,
)
from app.storage.netfs import journal_mode_for
from app.workbook.layout import load_layout

APPLICATION_ID = PROVINCE_APPLICATION_ID  # marks a province database (a unit database passed by mistake is refused)
SCHEMA = """
CREATE TABLE submission (
    id INTEGER PRIMARY KEY,
    unit_code TEXT NOT NULL, year INTEGER NOT NULL,
    unit_name TEXT, region_code TEXT, level TEXT, contact_name TEXT, contact_phone TEXT, inspection_date TEXT,
    checklist_id TEXT, checklist_version TEXT, app_version TEXT,
    submission_id TEXT NOT NULL, sha256 TEXT NOT NULL, exported_at TEXT NOT NULL, file_name TEXT,
    signer TEXT, verify_status TEXT, warnings TEXT, merged_at TEXT NOT NULL,
    UNIQUE (unit_code, year)
);
CREATE TABLE known_file (            -- every file whose outcome never changes: stored, older, same export
    sha256 TEXT PRIMARY KEY, submission_id TEXT, unit_code TEXT, year INTEGER, outcome TEXT NOT NULL
);
CREATE INDEX known_file_submission ON known_file (submission_id);
CREATE TABLE history (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, file_name TEXT, sha256 TEXT, submission_id TEXT,
    unit_code TEXT, year INTEGER, exported_at TEXT, event TEXT NOT NULL, reasons TEXT
);
CREATE TABLE entity (submission INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
                     kind TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX entity_submission ON entity (submission, kind, seq);
CREATE TABLE problem (submission INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
                      seq INTEGER NOT NULL, article TEXT, status TEXT, data TEXT NOT NULL);
CREATE INDEX problem_submission ON problem (submission, seq);
CREATE TABLE result_stat (submission INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
                          scope TEXT, article TEXT, verdict TEXT, n INTEGER NOT NULL);
CREATE INDEX result_stat_submission ON result_stat (submission);
"""
# Version 2: each input file's standing outcome (by base name and content), so the master lists rejected and
# duplicate files from the store — a re-run of the same files gives the same master — and an unchanged
# rejection read again adds nothing.
SCHEMA_V2 = """
CREATE TABLE file_outcome (
    file_name TEXT NOT NULL, sha256 TEXT NOT NULL, outcome TEXT NOT NULL, unit_code TEXT, year INTEGER,
    reasons TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (file_name, sha256)
);
CREATE INDEX file_outcome_sha256 ON file_outcome (sha256);
CREATE INDEX history_sha256 ON history (sha256);
CREATE INDEX known_file_unit ON known_file (unit_code, year);
"""


# Version 3: a problem recorded for several answers has one 问题编号 on each of its rows (layout 3); only the
# first row of each counts, so the province counts problems as the unit's report does. Rows of older files
# each count, as before.
SCHEMA_V3 = """
ALTER TABLE problem ADD COLUMN counted INTEGER NOT NULL DEFAULT 1;
"""


def p001_initial(conn: sqlite3.Connection) -> None:
    execute_script(conn, SCHEMA)


def p002_file_outcomes(conn: sqlite3.Connection) -> None:
    execute_script(conn, SCHEMA_V2)


def p003_problem_counted(conn: sqlite3.Connection) -> None:
    execute_script(conn, SCHEMA_V3)


def counted_flags(problems: list[tuple[Any, ...]], number_at: int | None) -> list[int]:
    """1 for the first row of each problem (by 问题编号), 0 for its other rows; 1 for rows without one."""
    seen: set[Any] = set()
    flags = []
    for p in problems:
        number = p[number_at] if number_at is not None else None
        flags.append(int(number is None or number not in seen))
        seen.add(number)
    return flags


# The same machinery as the unit database's (app.storage.migrations): user_version counts the migrations
# applied, each in its own transaction; every version carries the application_id.
PROVINCE = Schema("province", APPLICATION_ID, (p001_initial, p002_file_outcomes, p003_problem_counted))
SCHEMA_VERSION = PROVINCE.version
BATCH_FILES, BATCH_SECONDS = 64, 1.0
UNIT_COLUMNS = ("unit_name", "region_code", "level", "contact_name", "contact_phone", "inspection_date")
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # the same text as json.dumps(…, ensure_ascii=False)


def _problem_no_at() -> int | None:
    """Where 问题编号 stands in a stored problem row (the layout is read once and cached, not at import)."""
    keys = [c.key for c in load_layout().sheet("problems").columns]
    return keys.index("problem_no") if "problem_no" in keys else None


@dataclass(frozen=True)
class Outcome:
    """What storing one file did: ``accepted`` (new or replacing ``replaced``), ``duplicate``, ``older``."""

    event: str
    reason: str = ""
    replaced: str = ""


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _exported(text: str) -> dt.datetime:
    """Export times compare as instants; a time without zone is local (that is how the exporter writes it)."""
    try:
        value = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC) if value.tzinfo else value.astimezone().astimezone(dt.UTC)


class ProvinceStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._batch: list[Any] | None = None  # files, started, max files, max seconds while batching
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            try:
                version = self._identify()  # before the journal mode is set: a file not ours stays as it was
            except StoreError:
                self.db.close()
                raise
            self.db.execute(f"PRAGMA journal_mode={journal_mode_for(self.path)}")  # not WAL on a network drive
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            migrate(self.db, PROVINCE, version)  # create a new one, or upgrade an older one step by step
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"无法打开省级数据库 {self.path}:{exc}(文件可能不是本程序的省级数据库或已损坏)") from None
        except OSError as exc:
            raise StoreError(f"无法创建省级数据库 {self.path}:{exc.strerror or exc}") from None

    def _identify(self) -> int:
        """The schema version; a file that is not a province database (a unit's, another program's, a newer
        version's) is refused with a plain message."""
        try:
            return identify(self.db, PROVINCE)
        except SchemaMismatch as exc:
            if exc.reason == "newer":
                raise StoreError(f"省级数据库 {self.path} 来自更新版本的程序(版本 {exc.version}),请升级本程序") from None
            hint = "(可能是单位的自查数据库)" if exc.application_id in (0, UNIT_APPLICATION_ID) else ""
            raise StoreError(f"{self.path} 不是省级汇总数据库{hint},请指定其他文件") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ProvinceStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> Any:
        """One file's changes, all or nothing. Inside :meth:`batch` it is a savepoint of the batch's
        transaction, so a file still lands whole or not at all, and many files share one commit."""
        @contextlib.contextmanager
        def tx() -> Iterator[sqlite3.Connection]:
            if self._batch is not None:
                self.db.execute("SAVEPOINT one_file")
                try:
                    yield self.db
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        self.db.execute("ROLLBACK TO one_file")
                        self.db.execute("RELEASE one_file")
                    raise
                self.db.execute("RELEASE one_file")
                self._batch_commit_if_due()
                return
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back already (disk full)
                    self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

        return tx()

    def batch(self, files: int = BATCH_FILES, seconds: float = BATCH_SECONDS) -> Any:
        """Group the files stored meanwhile into commits of ``files`` files or ``seconds`` seconds.

        A commit per file cost the merge's main process most of its time per file; an interruption now loses
        at most the last uncommitted batch, which a re-run simply reads again (the store stays consistent:
        every file is still its own savepoint)."""
        @contextlib.contextmanager
        def run() -> Iterator[None]:
            self.db.execute("BEGIN IMMEDIATE")
            self._batch = [0, time.monotonic(), files, seconds]
            try:
                yield
            except BaseException:
                self._batch = None
                with contextlib.suppress(sqlite3.Error):
                    if self.db.in_transaction:
                        self.db.execute("COMMIT")  # every savepoint released is a whole file: keep them
                raise
            self._batch = None
            if self.db.in_transaction:
                self.db.execute("COMMIT")

        return run()

    def _batch_commit_if_due(self) -> None:
        b = self._batch
        assert b is not None
        b[0] += 1
        if b[0] >= b[2] or time.monotonic() - b[1] >= b[3] or not self.db.in_transaction:
            if self.db.in_transaction:
                self.db.execute("COMMIT")
            self.db.execute("BEGIN IMMEDIATE")
            b[0], b[1] = 0, time.monotonic()

    # ---- reading ------------------------------------------------------------------------------------

    def known(self, sha256: str) -> tuple[str, str] | None:
        """(outcome, unit code) when this exact file was already stored, judged older or a copy of a stored
        export (outcome ``stored``, ``older``, ``duplicate``); else None."""
        row = self.db.execute("SELECT outcome, unit_code FROM known_file WHERE sha256 = ?", (sha256,)).fetchone()
        return (row[0], row[1] or "") if row else None

    def submissions(self) -> list[dict[str, Any]]:
        cur = self.db.execute("SELECT * FROM submission ORDER BY region_code, unit_code, year")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def count_problems(self) -> int:
        """Problems, not rows: a problem recorded for several answers counts once (see SCHEMA_V3)."""
        return self.db.execute("SELECT coalesce(sum(counted), 0) FROM problem").fetchone()[0]

    def count(self, table: str) -> int:
        if table not in ("submission", "known_file", "history", "entity", "problem", "result_stat"):
            raise ValueError(table)
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def entities(self, kind: str) -> Iterator[tuple[int, list[Any]]]:
        """(submission id, row values in layout order), by region and unit: streamed for the master."""
        cur = self.db.execute(
            "SELECT e.submission, e.data FROM entity e JOIN submission s ON s.id = e.submission WHERE e.kind = ?"
            " ORDER BY s.region_code, s.unit_code, s.year, e.seq", (kind,))
        for sub, data in cur:
            yield sub, json.loads(data)

    def problems(self) -> Iterator[tuple[int, list[Any]]]:
        cur = self.db.execute(
            "SELECT p.submission, p.data FROM problem p JOIN submission s ON s.id = p.submission"
            " ORDER BY s.region_code, s.unit_code, s.year, p.seq")
        for sub, data in cur:
            yield sub, json.loads(data)

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, params).fetchall()

    def integrity(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    # ---- writing -------------------------------------------------------------------------------------

    def record(self, c: sqlite3.Connection, r: FileResult, event: str, reasons: list[str]) -> None:
        c.execute("INSERT INTO history (at, file_name, sha256, submission_id, unit_code, year, exported_at, event,"
                  " reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  (_now(), r.name, r.sha256, r.meta.get("submission_id"), r.unit.get("credit_code"),
                   r.unit.get("year"), r.meta.get("exported_at"), event, json.dumps(reasons, ensure_ascii=False)))

    def record_rejection(self, r: FileResult) -> None:
        """Log a rejection; the same file rejected again for the same reasons changes nothing."""
        reasons = json.dumps(r.reasons, ensure_ascii=False)
        with self.transaction() as c:
            last = c.execute("SELECT event, reasons FROM history WHERE sha256 = ? ORDER BY id DESC LIMIT 1",
                             (r.sha256,)).fetchone()
            if not (r.sha256 and last == ("rejected", reasons)):
                self.record(c, r, "rejected", r.reasons)
            self.note_file(c, r.name, r.sha256, "rejected", r.unit.get("credit_code"), r.unit.get("year"),
                           r.reasons, replace=True)

    def note_file(self, c: sqlite3.Connection, name: str, sha256: str, outcome: str, unit_code: Any, year: Any,
                  reasons: list[str], replace: bool = False) -> None:
        """Remember a file's standing outcome. A file's first decisive outcome stands (a stored file seen again
        stays stored); only a rejection, which depends on the trust given, is re-decided each time it is read."""
        on_conflict = ("DO UPDATE SET outcome = excluded.outcome, unit_code = excluded.unit_code, year = excluded.year,"
                       " reasons = excluded.reasons, at = excluded.at WHERE outcome != excluded.outcome"
                       " OR reasons != excluded.reasons") if replace else "DO NOTHING"
        c.execute(f"INSERT INTO file_outcome VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (file_name, sha256) {on_conflict}",
                  (name, sha256, outcome, unit_code, year, json.dumps(reasons, ensure_ascii=False), _now()))

    def note_duplicate(self, name: str, sha256: str, reason: str) -> None:
        """A file skipped before reading (same content as another input, or already stored)."""
        with self.transaction() as c:
            known = c.execute("SELECT outcome FROM file_outcome WHERE file_name = ? AND sha256 = ?",
                              (name, sha256)).fetchone()
            if known is None:
                self.note_file(c, name, sha256, "duplicate", None, None, [reason])

    def file_outcomes(self, outcome: str) -> Iterator[tuple[str, str, str | None, list[str]]]:
        """(file name, sha256, unit code, reasons) of every file whose standing outcome is ``outcome``."""
        cur = self.db.execute("SELECT file_name, sha256, unit_code, reasons FROM file_outcome WHERE outcome = ?"
                              " ORDER BY file_name, sha256", (outcome,))
        for name, sha, code, reasons in cur:
            yield name, sha, code, json.loads(reasons)

    def apply(self, r: FileResult) -> Outcome:
        """Store one accepted file, in one transaction, by the duplicate and replacement rules."""
        code, year = str(r.unit["credit_code"]).upper(), int(r.unit["year"])
        sub_id, exported = r.meta["submission_id"], r.meta["exported_at"]
        with self.transaction() as c:
            same = c.execute("SELECT outcome FROM known_file WHERE sha256 = ? OR (submission_id = ? AND ? != '')",
                             (r.sha256, sub_id, sub_id)).fetchone()
            if same:
                outcome = Outcome("duplicate", "与已汇总的文件相同(同一文件或同一次导出)")
                self.record(c, r, "duplicate", [outcome.reason])
                c.execute("INSERT OR IGNORE INTO known_file VALUES (?, ?, ?, ?, 'duplicate')",
                          (r.sha256, sub_id, code, year))
                self.note_file(c, r.name, r.sha256, "duplicate", code, year, [outcome.reason])
                return outcome
            current = c.execute("SELECT id, exported_at, file_name FROM submission WHERE unit_code = ? AND year = ?",
                                (code, year)).fetchone()
            if current and _exported(exported) <= _exported(current[1]):
                outcome = Outcome("older", f"该单位 {year} 年度已汇总导出时间为 {current[1]} 的报送({current[2]}),"
                                           f"本文件导出于 {exported},不是更新的版本,未替换")
                c.execute("INSERT INTO known_file VALUES (?, ?, ?, ?, 'older')", (r.sha256, sub_id, code, year))
                self.record(c, r, "older", [outcome.reason])
                self.note_file(c, r.name, r.sha256, "duplicate", code, year, [outcome.reason])
                return outcome
            replaced = ""
            if current:
                replaced = current[2] or ""
                c.execute("DELETE FROM submission WHERE id = ?", (current[0],))
                c.execute("UPDATE file_outcome SET outcome = 'duplicate', reasons = ? WHERE sha256 = ("
                          "SELECT sha256 FROM known_file WHERE outcome = 'stored' AND unit_code = ? AND year = ?)",
                          (json.dumps([f"已被导出时间更晚的 {r.name} 替换"], ensure_ascii=False), code, year))
                c.execute("UPDATE known_file SET outcome = 'older' WHERE outcome = 'stored' AND unit_code = ?"
                          " AND year = ?", (code, year))
            self._insert(c, r, code, year)
            c.execute("INSERT INTO known_file VALUES (?, ?, ?, ?, 'stored')", (r.sha256, sub_id, code, year))
            self.record(c, r, "replaced" if current else "accepted", [f"替换了 {replaced}"] if current else [])
            self.note_file(c, r.name, r.sha256, "stored", code, year, [], replace=True)
            return Outcome("accepted", replaced=replaced)

    def _insert(self, c: sqlite3.Connection, r: FileResult, code: str, year: int) -> None:
        u, m = r.unit, r.meta
        cur = c.execute(
            "INSERT INTO submission (unit_code, year, unit_name, region_code, level, contact_name, contact_phone,"
            " inspection_date, checklist_id, checklist_version, app_version, submission_id, sha256, exported_at,"
            " file_name, signer, verify_status, warnings, merged_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (code, year, *(u.get(k) for k in UNIT_COLUMNS), m.get("checklist_id"), m.get("checklist_version"),
             m.get("app_version"), m["submission_id"], r.sha256, m["exported_at"], r.name, r.signer,
             r.verify_status, json.dumps(r.warnings, ensure_ascii=False), _now()))
        sid = cur.lastrowid
        dumps = _ENCODE  # one encoder for every row: json.dumps would build one per call
        for kind, rows in r.ledgers.items():
            c.executemany("INSERT INTO entity VALUES (?, ?, ?, ?)",
                          [(sid, kind, n, dumps(row)) for n, row in enumerate(rows)])
        # problem rows: layout problem columns then the article label; status is the last layout column
        flags = counted_flags(r.problems, _problem_no_at())
        c.executemany("INSERT INTO problem (submission, seq, article, status, data, counted) VALUES (?, ?, ?, ?, ?, ?)",
                      [(sid, n, p[-1], p[-2], dumps(p), flags[n])
                       for n, p in enumerate(r.problems)])
        c.executemany("INSERT INTO result_stat VALUES (?, ?, ?, ?, ?)", [(sid, *s) for s in r.result_stats])
