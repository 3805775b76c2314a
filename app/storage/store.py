"""The unit's database: one SQLite file (WAL) plus its evidence folder.

Every public method that writes is one transaction: an answer is on disk when the call returns, and a failed
write (full disk, locked file) leaves the database as it was and raises a :class:`StoreError` in plain words.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core import ledger
from app.core.checklist import Checklist, Item, loads_checklist, merge_retired
from app.core.codes import check_credit_code, check_region_code
from app.core.errors import StoreError, ValidationError
from app.core.findings import Finding, compute_findings, pending_findings
from app.core.model import (
    UNIT_ENTITY,
    Answer,
    Entity,
    EvidenceRef,
    Inspection,
    InspectionStatus,
    Problem,
    ProblemStatus,
    Unit,
    Verdict,
)
from app.core.progress import Progress, compute_progress
from app.core.rectification import Gap, RectificationIncomplete, find_gaps, group_description
from app.storage.evidence import DEFAULT_LIMIT, EvidenceStore
from app.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from app.storage.netfs import journal_mode_for
from app.storage.sqlite_uri import peek_user_version, read_only_uri

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class BulkChange:
    """What one bulk action replaced, so it is undone as one step."""

    answers: list[tuple[int, str, Answer | None]]  # (entity, item, answer before)
    created_problems: list[int]
    decided: list[str]  # suggestion keys decided by the action

    @property
    def count(self) -> int:
        return len(self.answers) or len(self.decided)


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


MAX_NA_REASON = 200


def question_hash(text: str) -> str:
    """An item's wording, ignoring whitespace and full-width or half-width forms (NFKC: “，” and “,” are the
    same): equal hashes mean the question is unchanged."""
    import hashlib
    import unicodedata

    return hashlib.sha256("".join(unicodedata.normalize("NFKC", text).split()).encode("utf-8")).hexdigest()


@dataclass
class ChecklistUpgrade:
    """What moving an inspection to a newer checklist did to its answers (none is ever deleted)."""

    from_version: str
    to_version: str
    answers_before: int = 0
    answers_after: int = 0
    carried: int = 0  # kept or moved to a successor with the same wording
    review: int = 0  # successors whose wording changed: to be answered again
    retired: set[str] = field(default_factory=set)  # items no longer asked whose answers stay readable


@dataclass(frozen=True)
class AnswerReview:
    entity_id: int
    item_id: str
    previous_item_id: str
    previous_verdict: str
    previous_note: str
    reason: str


def clean_reason(text: str) -> str:
    """A 不适用 reason is one line: line breaks become spaces, control characters go, at most 200 characters."""
    return ledger.clean_text(" ".join(str(text).split()))[:MAX_NA_REASON]


def evidence_dir_for(db_path: Path) -> Path:
    """Evidence lives beside its database: ``unit.db`` keeps its files in ``unit-evidence/``."""
    return db_path.with_name(db_path.stem + "-evidence")


def _explain(exc: sqlite3.Error, path: Path) -> str:
    text = str(exc)
    if "full" in text:
        return f"磁盘空间已满,无法写入数据库 {path};已保存的数据未受影响,请清理磁盘后重试"
    if "locked" in text or "busy" in text:
        return f"数据库 {path} 正被其他程序使用,请关闭后重试"
    if "readonly" in text or "read-only" in text:
        return f"数据库 {path} 为只读,无法保存修改"
    if "not a database" in text or "malformed" in text:
        return f"数据库 {path} 已损坏或不是本程序的数据库:{text}"
    return f"数据库 {path} 操作失败:{text}"


def open_store(path: Path | str, create: bool = True, evidence_limit: int = DEFAULT_LIMIT,
               read_only: bool = False) -> Store:
    return Store(Path(path), create=create, evidence_limit=evidence_limit, read_only=read_only)


def open_for_doctor(path: Path | str) -> Store:
    """The database as it is, for ``doctor``: a check must not change what it checks. The current version is
    opened read-only (its pending WAL read, never checkpointed), a newer version's is refused untouched, an
    older one is upgraded as any opening by the program would."""
    path = Path(path)
    version = None
    if path.is_file() and path.stat().st_size:
        try:
            version = peek_user_version(path)
        except sqlite3.Error:  # not even its -shm can be written: immutable, the WAL left aside
            return Store(path, create=False, read_only=True)
    if version == 0:
        raise StoreError(f"{path} 不是 selfcheck 数据库(没有数据结构版本),本程序不会改动它")
    if version is not None and version < SCHEMA_VERSION:
        return Store(path, create=False)
    return Store(path, create=False, read_only=True, immutable=False)


class Store:
    """All reads and writes of one unit database."""

    def __init__(self, path: Path, create: bool = True, evidence_limit: int = DEFAULT_LIMIT,
                 read_only: bool = False, immutable: bool = True) -> None:
        """``read_only`` opens an existing database for viewing only (a write-protected USB stick): SQLite's
        immutable mode, no journal, no migration, and every write refused with a plain message.
        ``immutable=False`` with ``read_only`` reads a pending WAL too (still never writing the database)."""
        self.path = Path(path)
        self.read_only = read_only
        self._check_file(create and not read_only)
        try:
            if read_only:
                conn = sqlite3.connect(read_only_uri(self.path, immutable=immutable), uri=True,
                                       isolation_level=None, check_same_thread=False)
            else:
                self._refuse_newer()
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"无法打开数据库 {self.path}:{exc}") from None
        self.conn = conn
        self.journal_mode = "immutable" if read_only else ""
        self._checklists: dict[tuple[str, str], Checklist] = {}
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(self._newer_version_message(version))
            if read_only:
                if version < SCHEMA_VERSION:
                    raise StoreError(f"数据库 {self.path} 需要升级数据结构才能打开,但它所在的文件夹是只读的")
            else:
                # WAL, except on a network drive where its shared-memory index does not work (netfs.py)
                self.journal_mode = conn.execute(f"PRAGMA journal_mode = {journal_mode_for(self.path)}").fetchone()[0]
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA busy_timeout = 3000")
                self._migrate(version)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(_explain(exc, self.path)) from None
        except BaseException:
            conn.close()
            raise
        self.evidence = EvidenceStore(evidence_dir_for(self.path), evidence_limit)

    @property
    def db(self) -> Any:
        """A sqlite-utils view of the same connection, for inspection tools and tests. Imported on first
        use: sqlite-utils (with click) costs about 100 ms, a third of the GUI's start-up."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def _newer_version_message(self, version: int) -> str:
        return (f"数据库 {self.path} 由更新版本的 selfcheck 创建(数据结构版本 {version},"
                f"本程序支持到 {SCHEMA_VERSION})。请升级程序后再打开;本程序不会修改该文件。")

    def _refuse_newer(self) -> None:
        """Read the version through a read-only connection before opening read-write: closing a read-write
        connection checkpoints a pending WAL, which would change a newer version's database we promise not
        to touch."""
        if not self.path.is_file() or self.path.stat().st_size == 0:
            return
        try:
            version = peek_user_version(self.path)
        except sqlite3.Error:
            return  # not readable read-only (e.g. no -shm possible): the normal open says what is wrong
        if version > SCHEMA_VERSION:
            raise StoreError(self._newer_version_message(version))

    def _check_file(self, create: bool) -> None:
        if self.path.exists():
            if self.path.is_dir():
                raise StoreError(f"{self.path} 是文件夹,不是数据库文件")
            if not create and self.path.stat().st_size == 0:
                raise StoreError(f"{self.path} 是空文件(0 字节),不是 selfcheck 数据库")
            try:
                with self.path.open("rb") as f:
                    head = f.read(16)
            except OSError as exc:
                raise StoreError(f"无法读取数据库 {self.path}:{exc.strerror or exc}") from None
            if head and head != SQLITE_MAGIC:
                raise StoreError(f"{self.path} 不是 selfcheck 数据库(文件头不符),本程序不会改动它")
        elif not create:
            raise StoreError(f"找不到数据库 {self.path}")

    def _migrate(self, version: int) -> None:
        if 0 < version < SCHEMA_VERSION:
            from app.storage.backup import make_backup

            make_backup(self.path, "migration", conn=self.conn)
        for number in range(version, SCHEMA_VERSION):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                MIGRATIONS[number](self.conn)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def backup(self, reason: str) -> Path | None:
        """A rolling backup of this database (at start, before export): see :mod:`app.storage.backup`."""
        if self.read_only:
            return None
        from app.storage.backup import make_backup

        return make_backup(self.path, reason, conn=self.conn)

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One user action: all of it is written, or none of it."""
        if self.read_only:
            raise StoreError(f"数据库 {self.path} 以只读方式打开(所在文件夹不可写),不能修改")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(_explain(exc, self.path)) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise StoreError(_explain(exc, self.path)) from None
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    # ---- unit -----------------------------------------------------------------------------------------
    def get_unit(self) -> Unit | None:
        row = self.conn.execute(
            "SELECT name, credit_code, region_code, level, contact_name, contact_phone, addressee FROM unit WHERE id = 1"
        ).fetchone()
        return Unit(*row) if row else None

    def save_unit(self, unit: Unit, strict_code: bool = True) -> Unit:
        """Validate and save the unit. ``strict_code=False`` keeps a legacy code that fails the check."""
        name = ledger.clean_text(unit.name)
        if not name:
            raise ValidationError("单位名称为必填项", field="name")
        code = unit.credit_code.strip().upper()
        if strict_code:
            code = check_credit_code(code)
        region = check_region_code(unit.region_code)
        saved = Unit(name, code, region, unit.level, ledger.clean_text(unit.contact_name),
                     ledger.clean_text(unit.contact_phone), ledger.clean_text(unit.addressee))
        with self.transaction() as c:
            c.execute(
                "INSERT INTO unit (id, name, credit_code, region_code, level, contact_name, contact_phone, addressee)"
                " VALUES (1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                " credit_code = excluded.credit_code, region_code = excluded.region_code, level = excluded.level,"
                " contact_name = excluded.contact_name, contact_phone = excluded.contact_phone,"
                " addressee = excluded.addressee",
                (saved.name, saved.credit_code, saved.region_code, saved.level, saved.contact_name,
                 saved.contact_phone, saved.addressee),
            )
        return saved

    # ---- inspections ----------------------------------------------------------------------------------
    def _inspection(self, row: Sequence[Any]) -> Inspection:
        return Inspection(row[0], row[1], row[2], row[3], row[4], dt.date.fromisoformat(row[5]), row[6])

    _INSPECTION_COLS = "id, year, checklist_id, checklist_version, status, inspection_date, created_at"

    def inspections(self) -> list[Inspection]:
        rows = self.conn.execute(f"SELECT {self._INSPECTION_COLS} FROM inspection ORDER BY year").fetchall()
        return [self._inspection(r) for r in rows]

    def inspection(self, inspection_id: int) -> Inspection:
        row = self.conn.execute(
            f"SELECT {self._INSPECTION_COLS} FROM inspection WHERE id = ?", (inspection_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"数据库 {self.path} 中没有编号为 {inspection_id} 的自查")
        return self._inspection(row)

    def current_inspection(self) -> Inspection | None:
        """The latest year's inspection: the one the wizard continues and ``export`` writes."""
        row = self.conn.execute(
            f"SELECT {self._INSPECTION_COLS} FROM inspection ORDER BY year DESC LIMIT 1"
        ).fetchone()
        return self._inspection(row) if row else None

    def start_inspection(
        self,
        year: int,
        checklist: Checklist,
        inspection_date: dt.date | None = None,
        copy_ledger_from: int | None = None,
    ) -> Inspection:
        """Start ``year``'s inspection tied to ``checklist``; optionally copy last year's ledger (not answers)."""
        if self._one("SELECT id FROM inspection WHERE year = ?", (year,)) is not None:
            raise ValidationError(f"{year} 年度的自查已存在", field="year")
        day = inspection_date or dt.date.today()
        with self.transaction() as c:
            c.execute(
                "INSERT OR IGNORE INTO checklist_snapshot (checklist_id, version, toml) VALUES (?, ?, ?)",
                (checklist.id, checklist.version, checklist.source_text),
            )
            cur = c.execute(
                "INSERT INTO inspection (year, checklist_id, checklist_version, status, inspection_date, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (year, checklist.id, checklist.version, InspectionStatus.IN_PROGRESS, day.isoformat(), _now()),
            )
            new_id = int(cur.lastrowid or 0)
            if copy_ledger_from is not None:
                c.execute(
                    "INSERT INTO entity (inspection_id, kind, name, data, created_at)"
                    " SELECT ?, kind, name, data, ? FROM entity WHERE inspection_id = ? ORDER BY id",
                    (new_id, _now(), copy_ledger_from),
                )
        return self.inspection(new_id)

    def set_inspection_date(self, inspection_id: int, day: dt.date) -> None:
        with self.transaction() as c:
            c.execute("UPDATE inspection SET inspection_date = ? WHERE id = ?", (day.isoformat(), inspection_id))

    def set_status(self, inspection_id: int, status: InspectionStatus) -> None:
        if status == InspectionStatus.FINISHED:
            self.check_rectification(inspection_id)
        with self.transaction() as c:
            c.execute("UPDATE inspection SET status = ? WHERE id = ?", (str(status), inspection_id))

    def checklist_for(self, inspection_id: int) -> Checklist:
        """The checklist the inspection was started with (or upgraded to), plus retired items that have answers."""
        insp = self.inspection(inspection_id)
        key = (insp.checklist_id, insp.checklist_version)
        if key not in self._checklists:
            text = self._one(
                "SELECT toml FROM checklist_snapshot WHERE checklist_id = ? AND version = ?", key
            )
            if text is None:
                raise StoreError(f"数据库 {self.path} 缺少清单 {key[0]} {key[1]} 的副本")
            current = loads_checklist(text, f"{self.path.name}:{key[0]}@{key[1]}")
            self._checklists[key] = merge_retired(current, self._retired_items(inspection_id, current))
        return self._checklists[key]

    def _retired_items(self, inspection_id: int, current: Checklist) -> list[Item]:
        ids = {
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT item_id FROM answer WHERE inspection_id = ?", (inspection_id,)
            )
        } - {it.id for it in current.items}
        if not ids:
            return []
        found: dict[str, Item] = {}
        for (text,) in self.conn.execute("SELECT toml FROM checklist_snapshot"):
            older = loads_checklist(text)
            for it in older.items:
                if it.id in ids:
                    found[it.id] = it
        return list(found.values())

    def upgrade_checklist(self, inspection_id: int, checklist: Checklist) -> ChecklistUpgrade:
        """Move an inspection to a newer checklist version, in one transaction. No answer is ever deleted:

        - an answer whose item has a successor (``replaces``, or the same id) with the same question text (by
          hash) and scope is carried to it;
        - an answer whose successor's question changed stays where it was (readable as a retired item, or
          reset to 未答 when the id is reused) and the successor is listed for re-answering with the previous
          verdict and note beside it (:meth:`answer_reviews`);
        - an answer to an item with no successor stays, shown as retired.
        """
        old = self.checklist_for(inspection_id)
        kinds = {UNIT_ENTITY: "unit", **{e[0]: e[1] for e in self.entity_index(inspection_id)}}
        successors: dict[str, list[Item]] = {}
        for it in checklist.items:
            for old_id in {*it.replaces, *([it.id] if old.has_item(it.id) else [])}:
                successors.setdefault(old_id, []).append(it)
        report = ChecklistUpgrade(old.version, checklist.version)
        rows = self.conn.execute(
            "SELECT id, entity_id, item_id, verdict, note, na_reason FROM answer WHERE inspection_id = ?",
            (inspection_id,),
        ).fetchall()
        report.answers_before = len(rows)
        now = _now()
        with self.transaction() as c:
            c.execute(
                "INSERT OR IGNORE INTO checklist_snapshot (checklist_id, version, toml) VALUES (?, ?, ?)",
                (checklist.id, checklist.version, checklist.source_text),
            )
            taken = {(r[1], r[2]) for r in rows}
            for answer_id, eid, old_id, verdict, note, _reason in rows:
                scope = kinds.get(eid)
                targets = [t for t in successors.get(old_id, []) if scope in t.scopes]
                if not old.has_item(old_id) or not targets:
                    report.retired.add(old_id)
                    continue
                before = old.item(old_id)
                moved = False
                for target in targets:
                    same = question_hash(before.question) == question_hash(target.question) and scope in before.scopes
                    if target.id == old_id:
                        if same:
                            report.carried += 1
                        else:
                            self._mark_review(c, inspection_id, eid, target.id, old_id, verdict, note, now, report)
                            c.execute("UPDATE answer SET verdict = ? WHERE id = ?", (str(Verdict.UNANSWERED), answer_id))
                        moved = True
                    elif (eid, target.id) in taken:
                        continue  # the new item already has an answer for this entity: never overwrite it
                    elif same and not moved:
                        c.execute("UPDATE answer SET item_id = ? WHERE id = ?", (target.id, answer_id))
                        c.execute("UPDATE problem SET item_id = ? WHERE inspection_id = ? AND entity_id = ?"
                                  " AND item_id = ?", (target.id, inspection_id, eid, old_id))
                        taken.add((eid, target.id))
                        report.carried += 1
                        moved = True
                    elif verdict != Verdict.UNANSWERED or note:
                        self._mark_review(c, inspection_id, eid, target.id, old_id, verdict, note, now, report)
                if not moved:
                    report.retired.add(old_id)
            c.execute(
                "UPDATE inspection SET checklist_id = ?, checklist_version = ? WHERE id = ?",
                (checklist.id, checklist.version, inspection_id),
            )
        self._checklists.clear()
        current = self.checklist_for(inspection_id)
        report.retired = {i for i in report.retired if current.has_item(i) and current.item(i).retired}
        report.answers_after = int(self._one("SELECT count(*) FROM answer WHERE inspection_id = ?", (inspection_id,)))
        return report

    @staticmethod
    def _mark_review(c: sqlite3.Connection, inspection_id: int, entity_id: int, item_id: str, previous_item: str,
                     verdict: str, note: str, now: str, report: ChecklistUpgrade) -> None:
        cur = c.execute(
            "INSERT OR IGNORE INTO answer_review (inspection_id, entity_id, item_id, previous_item_id, reason,"
            " created_at, previous_verdict, previous_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (inspection_id, entity_id, item_id, previous_item, "检查项措辞已修改,请重新作答", now, verdict, note),
        )
        report.review += cur.rowcount

    def answer_reviews(self, inspection_id: int) -> dict[tuple[int, str], AnswerReview]:
        """Items to answer again after a checklist upgrade, with the previous item's answer beside each."""
        return {
            (r[0], r[1]): AnswerReview(r[0], r[1], r[2], r[3], r[4], r[5])
            for r in self.conn.execute(
                "SELECT entity_id, item_id, previous_item_id, previous_verdict, previous_note, reason"
                " FROM answer_review WHERE inspection_id = ? ORDER BY entity_id, item_id", (inspection_id,))
        }

    # ---- ledger ---------------------------------------------------------------------------------------
    def _entity(self, row: Sequence[Any]) -> Entity:
        kind = row[1]
        raw = json.loads(row[2])
        fields = {f.key: ledger.from_json_value(f, raw.get(f.key, f.default)) for f in ledger.FIELDS[kind]}
        return Entity(row[0], kind, fields)

    @staticmethod
    def _encode(fields: dict[str, Any]) -> str:
        return json.dumps({k: ledger.to_json_value(v) for k, v in fields.items()}, ensure_ascii=False)

    def add_entity(self, inspection_id: int, kind: str, fields: dict[str, Any]) -> Entity:
        clean = ledger.normalize_fields(kind, fields)
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO entity (inspection_id, kind, name, data, created_at) VALUES (?, ?, ?, ?, ?)",
                (inspection_id, kind, clean["name"], self._encode(clean), _now()),
            )
        return Entity(int(cur.lastrowid or 0), kind, clean)

    def add_entities(self, inspection_id: int, kind: str, rows: Iterable[dict[str, Any]]) -> list[int]:
        """Add many already-validated rows in one transaction (imports, the demo)."""
        clean = [ledger.normalize_fields(kind, r) for r in rows]
        now = _now()
        with self.transaction() as c:
            first = (self._one("SELECT max(id) FROM entity") or 0) + 1
            c.executemany(
                "INSERT INTO entity (inspection_id, kind, name, data, created_at) VALUES (?, ?, ?, ?, ?)",
                [(inspection_id, kind, r["name"], self._encode(r), now) for r in clean],
            )
        return list(range(first, first + len(clean)))

    def import_ledger(self, inspection_id: int, new: Sequence[tuple[str, dict[str, Any]]],
                      updates: Sequence[tuple[int, dict[str, Any]]]) -> None:
        """Add new entities and update existing ones (only the fields given) in one transaction."""
        added = [(kind, ledger.normalize_fields(kind, fields)) for kind, fields in new]
        changed = []
        for entity_id, fields in updates:
            old = self.entity(entity_id)
            changed.append((entity_id, ledger.normalize_fields(old.kind, {**old.fields, **fields})))
        now = _now()
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO entity (inspection_id, kind, name, data, created_at) VALUES (?, ?, ?, ?, ?)",
                [(inspection_id, kind, f["name"], self._encode(f), now) for kind, f in added],
            )
            c.executemany("UPDATE entity SET name = ?, data = ? WHERE id = ?",
                          [(f["name"], self._encode(f), entity_id) for entity_id, f in changed])

    def update_entity(self, entity_id: int, fields: dict[str, Any]) -> Entity:
        old = self.entity(entity_id)
        merged = {**old.fields, **fields}
        clean = ledger.normalize_fields(old.kind, merged)
        with self.transaction() as c:
            c.execute(
                "UPDATE entity SET name = ?, data = ? WHERE id = ?", (clean["name"], self._encode(clean), entity_id)
            )
        return Entity(entity_id, old.kind, clean)

    def delete_entity(self, entity_id: int) -> None:
        """Remove an entity together with its answers, evidence links and problems."""
        self.delete_entities([entity_id])

    def delete_entities(self, entity_ids: Sequence[int]) -> None:
        """Remove several entities (and their answers, evidence links, problems) in one transaction."""
        params = [(eid,) for eid in entity_ids]
        with self.transaction() as c:
            c.executemany("DELETE FROM answer WHERE entity_id = ?", params)
            c.executemany("DELETE FROM problem WHERE entity_id = ?", params)
            c.executemany("DELETE FROM entity WHERE id = ?", params)

    def entity(self, entity_id: int) -> Entity:
        row = self.conn.execute("SELECT id, kind, data FROM entity WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise StoreError(f"台账中没有编号为 {entity_id} 的条目")
        return self._entity(row)

    def entities(self, inspection_id: int, kind: str | None = None) -> list[Entity]:
        if kind is None:
            rows = self.conn.execute(
                "SELECT id, kind, data FROM entity WHERE inspection_id = ? ORDER BY id", (inspection_id,)
            )
        else:
            rows = self.conn.execute(
                "SELECT id, kind, data FROM entity WHERE inspection_id = ? AND kind = ? ORDER BY id",
                (inspection_id, kind),
            )
        return [self._entity(r) for r in rows]

    def entity_index(self, inspection_id: int) -> list[tuple[int, str, str]]:
        """(id, kind, name) of every entity, cheap enough for views of thousands of rows."""
        return [
            (r[0], r[1], r[2])
            for r in self.conn.execute(
                "SELECT id, kind, name FROM entity WHERE inspection_id = ? ORDER BY id", (inspection_id,)
            )
        ]

    def count_entities(self, inspection_id: int) -> dict[str, int]:
        counts = dict.fromkeys(ledger.KINDS, 0)
        for kind, n in self.conn.execute(
            "SELECT kind, count(*) FROM entity WHERE inspection_id = ? GROUP BY kind", (inspection_id,)
        ):
            counts[kind] = n
        return counts

    # ---- answers --------------------------------------------------------------------------------------
    def _check_applicable(self, inspection_id: int, entity_id: int, item_id: str) -> None:
        checklist = self.checklist_for(inspection_id)
        if not checklist.has_item(item_id):
            raise ValidationError(f"清单中没有检查项 {item_id}", field="item")
        item = checklist.item(item_id)
        scope = "unit" if entity_id == UNIT_ENTITY else self._one("SELECT kind FROM entity WHERE id = ?", (entity_id,))
        if scope is None:
            raise ValidationError(f"台账中没有编号为 {entity_id} 的条目", field="entity")
        if scope not in item.scopes:
            raise ValidationError(f"检查项 {item_id} 不适用于{ledger.KIND_LABELS.get(scope, '单位')}", field="item")

    def set_answer(
        self, inspection_id: int, entity_id: int, item_id: str, verdict: Verdict, note: str | None = None,
        na_reason: str | None = None,
    ) -> Answer | None:
        """Save one answer at once; returns the previous answer (for undo) or ``None``. 不适用 needs a reason:
        ``na_reason``, or the one already stored with the answer."""
        self._check_applicable(inspection_id, entity_id, item_id)
        previous = self.answer(inspection_id, entity_id, item_id)
        reason = self._na_reason(Verdict(verdict), na_reason, previous.na_reason if previous else "", item_id)
        with self.transaction() as c:
            self._write_answer(c, inspection_id, entity_id, item_id, Verdict(verdict), note, reason)
            if Verdict(verdict) != Verdict.UNANSWERED:
                c.execute("DELETE FROM answer_review WHERE inspection_id = ? AND entity_id = ? AND item_id = ?",
                          (inspection_id, entity_id, item_id))
            if Verdict(verdict).needs_problem:
                self._ensure_problems(c, inspection_id, [(entity_id, item_id)])
        return previous

    @staticmethod
    def _na_reason(verdict: Verdict, given: str | None, stored: str, item_id: str) -> str | None:
        """The reason to store (``None`` keeps what is stored); refuses 不适用 without one."""
        reason = None if given is None else clean_reason(given)
        if verdict == Verdict.NOT_APPLICABLE and not (reason if reason is not None else stored):
            raise ValidationError(f"检查项 {item_id} 选择“不适用”时须填写不适用理由(一句话说明为何不适用)",
                                  field="na_reason")
        return reason

    @staticmethod
    def _write_answer(
        c: sqlite3.Connection, inspection_id: int, entity_id: int, item_id: str, verdict: Verdict, note: str | None,
        na_reason: str | None = None,
    ) -> None:
        if note is None:
            c.execute(
                "INSERT INTO answer (inspection_id, entity_id, item_id, verdict, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (inspection_id, entity_id, item_id) DO UPDATE SET verdict = excluded.verdict,"
                " updated_at = excluded.updated_at",
                (inspection_id, entity_id, item_id, str(verdict), _now()),
            )
        else:
            c.execute(
                "INSERT INTO answer (inspection_id, entity_id, item_id, verdict, note, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_id, entity_id, item_id) DO UPDATE SET"
                " verdict = excluded.verdict, note = excluded.note, updated_at = excluded.updated_at",
                (inspection_id, entity_id, item_id, str(verdict), ledger.clean_text(note)[:2000], _now()),
            )
        if na_reason is not None:
            c.execute("UPDATE answer SET na_reason = ? WHERE inspection_id = ? AND entity_id = ? AND item_id = ?",
                      (na_reason, inspection_id, entity_id, item_id))

    def set_note(self, inspection_id: int, entity_id: int, item_id: str, note: str) -> None:
        current = self.answer(inspection_id, entity_id, item_id)
        verdict = current.verdict if current else Verdict.UNANSWERED
        self._check_applicable(inspection_id, entity_id, item_id)
        with self.transaction() as c:
            self._write_answer(c, inspection_id, entity_id, item_id, verdict, note)

    def set_na_reason(self, inspection_id: int, entity_id: int, item_id: str, reason: str) -> None:
        """Change the reason of a 不适用 answer (an empty one is refused while the verdict is 不适用)."""
        current = self.answer(inspection_id, entity_id, item_id)
        verdict = current.verdict if current else Verdict.UNANSWERED
        self.set_answer(inspection_id, entity_id, item_id, verdict, na_reason=reason)

    def restore_answer(self, inspection_id: int, entity_id: int, item_id: str, previous: Answer | None) -> None:
        """Undo: put back the answer returned by :meth:`set_answer` (or remove it when there was none)."""
        with self.transaction() as c:
            if previous is None:
                c.execute(
                    "UPDATE answer SET verdict = ?, updated_at = ? WHERE inspection_id = ? AND entity_id = ?"
                    " AND item_id = ?",
                    (str(Verdict.UNANSWERED), _now(), inspection_id, entity_id, item_id),
                )
            else:
                self._write_answer(c, inspection_id, entity_id, item_id, previous.verdict, previous.note,
                                   previous.na_reason)

    def set_answers_bulk(
        self, inspection_id: int, entity_ids: Sequence[int], item_id: str, verdict: Verdict, note: str | None = None,
        na_reason: str | None = None,
    ) -> int:
        """Apply one verdict to several entities for one item, in one transaction (不适用 needs a reason for
        every one of them: ``na_reason`` or the one each already has)."""
        self.set_answers_many(inspection_id, [(eid, item_id) for eid in entity_ids], verdict, note,
                              na_reason=na_reason)
        return len(entity_ids)

    def set_answers_many(
        self, inspection_id: int, pairs: Sequence[tuple[int, str]], verdict: Verdict, note: str | None = None,
        description: str = "", na_reason: str | None = None,
    ) -> BulkChange:
        """One verdict for many (entity, item) pairs in one transaction. 基本符合/不符合 records one problem
        per item listing all its entities (``description`` prefilled). Returns what :meth:`undo_bulk` needs."""
        verdict = Verdict(verdict)
        self._check_pairs(inspection_id, pairs)
        before = self.answers(inspection_id)
        change = BulkChange([(e, i, before.get((e, i))) for e, i in pairs], [], [])
        reasons = []
        for eid, item in pairs:
            current = before.get((eid, item))
            reasons.append(self._na_reason(verdict, na_reason, current.na_reason if current else "", item))
        with self.transaction() as c:
            for (eid, item), reason in zip(pairs, reasons, strict=True):
                self._write_answer(c, inspection_id, eid, item, verdict, note, reason)
            if verdict.needs_problem:
                change.created_problems = self._ensure_problems(c, inspection_id, pairs, description)
        return change

    def _check_pairs(self, inspection_id: int, pairs: Sequence[tuple[int, str]]) -> None:
        """The same check as :meth:`_check_applicable`, for thousands of pairs with two queries."""
        checklist = self.checklist_for(inspection_id)
        kinds = {r[0]: r[1] for r in self.conn.execute(
            "SELECT id, kind FROM entity WHERE inspection_id = ?", (inspection_id,))}
        kinds[UNIT_ENTITY] = "unit"
        for eid, item in pairs:
            if not checklist.has_item(item):
                raise ValidationError(f"清单中没有检查项 {item}", field="item")
            scope = kinds.get(eid)
            if scope is None:
                raise ValidationError(f"台账中没有编号为 {eid} 的条目", field="entity")
            if scope not in checklist.item(item).scopes:
                raise ValidationError(f"检查项 {item} 不适用于{ledger.KIND_LABELS.get(scope, '单位')}", field="item")

    def _ensure_problems(self, c: sqlite3.Connection, inspection_id: int, pairs: Sequence[tuple[int, str]],
                         description: str = "") -> list[int]:
        """Problem rows for pairs that have none, one group per item; returns the new rows' ids."""
        existing = {(r[0], r[1]) for r in c.execute(
            "SELECT entity_id, item_id FROM problem WHERE inspection_id = ?", (inspection_id,))}
        by_item: dict[str, list[int]] = {}
        for eid, item in pairs:
            if (eid, item) not in existing:
                existing.add((eid, item))
                by_item.setdefault(item, []).append(eid)
        created: list[int] = []
        now = _now()
        text = ledger.clean_text(description)[:2000]
        for item, eids in by_item.items():
            ids = []
            for eid in eids:
                cur = c.execute(
                    "INSERT INTO problem (inspection_id, entity_id, item_id, description, updated_at)"
                    " VALUES (?, ?, ?, ?, ?)", (inspection_id, eid, item, text, now))
                ids.append(int(cur.lastrowid or 0))
            if len(ids) > 1:
                c.executemany("UPDATE problem SET group_id = ? WHERE id = ?", [(ids[0], i) for i in ids])
            created += ids
        return created

    def undo_bulk(self, inspection_id: int, change: BulkChange) -> None:
        """Put back every answer a bulk change replaced, in one transaction; problems it created go too
        unless someone has filled them in since (nothing typed is lost), and decisions it made are undone."""
        now = _now()
        with self.transaction() as c:
            for eid, item, previous in change.answers:
                if previous is None:
                    c.execute("DELETE FROM answer WHERE inspection_id = ? AND entity_id = ? AND item_id = ?"
                              " AND id NOT IN (SELECT answer_id FROM answer_evidence)",
                              (inspection_id, eid, item))
                    c.execute("UPDATE answer SET verdict = ?, updated_at = ? WHERE inspection_id = ?"
                              " AND entity_id = ? AND item_id = ?",
                              (str(Verdict.UNANSWERED), now, inspection_id, eid, item))
                else:
                    c.execute("UPDATE answer SET verdict = ?, note = ?, na_reason = ?, updated_at = ?"
                              " WHERE inspection_id = ? AND entity_id = ? AND item_id = ?",
                              (str(previous.verdict), previous.note, previous.na_reason, now, inspection_id, eid,
                               item))
            c.executemany("DELETE FROM problem WHERE id = ? AND measure = '' AND owner = '' AND deadline IS NULL",
                          [(i,) for i in change.created_problems])
            c.executemany("DELETE FROM finding_decision WHERE inspection_id = ? AND key = ?",
                          [(inspection_id, k) for k in change.decided])

    def write_answers(self, inspection_id: int, answers: Iterable[tuple[Any, ...]]) -> None:
        """Bulk-write (entity, item, verdict, note[, 不适用理由]) rows in one transaction (imports, the demo).
        A 不适用 row without a reason is refused whole, naming the first such row."""
        now = _now()
        rows = []
        for n, (e, i, v, note, *rest) in enumerate(answers, start=1):
            reason = clean_reason(rest[0]) if rest and rest[0] else ""
            if Verdict(v) == Verdict.NOT_APPLICABLE and not reason:
                raise ValidationError(f"第{n}条答复(检查项 {i})为“不适用”但没有填写不适用理由", field="na_reason")
            rows.append((inspection_id, e, i, str(v), note, reason, now))
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO answer (inspection_id, entity_id, item_id, verdict, note, na_reason, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_id, entity_id, item_id) DO UPDATE SET"
                " verdict = excluded.verdict, note = excluded.note, na_reason = excluded.na_reason,"
                " updated_at = excluded.updated_at",
                rows,
            )

    def answer(self, inspection_id: int, entity_id: int, item_id: str) -> Answer | None:
        row = self.conn.execute(
            "SELECT id, verdict, note, updated_at, na_reason FROM answer WHERE inspection_id = ? AND entity_id = ?"
            " AND item_id = ?",
            (inspection_id, entity_id, item_id),
        ).fetchone()
        if row is None:
            return None
        return Answer(entity_id, item_id, Verdict(row[1]), row[2], row[3], self._evidence_of(row[0]), row[4])

    def answers(self, inspection_id: int) -> dict[tuple[int, str], Answer]:
        """Every answer (without evidence lists), keyed by (entity id, item id)."""
        return {
            (r[0], r[1]): Answer(r[0], r[1], Verdict(r[2]), r[3], r[4], na_reason=r[5])
            for r in self.conn.execute(
                "SELECT entity_id, item_id, verdict, note, updated_at, na_reason FROM answer WHERE inspection_id = ?",
                (inspection_id,),
            )
        }

    def verdicts(self, inspection_id: int) -> Iterator[tuple[int, str, str]]:
        """(entity id, item id, verdict) rows: the cheapest read, for progress."""
        return iter(
            self.conn.execute(
                "SELECT entity_id, item_id, verdict FROM answer WHERE inspection_id = ?", (inspection_id,)
            ).fetchall()
        )

    # ---- evidence -------------------------------------------------------------------------------------
    def _evidence_of(self, answer_id: int) -> list[EvidenceRef]:
        return [
            EvidenceRef(r[0], r[1], r[2], r[3], r[4])
            for r in self.conn.execute(
                "SELECT ae.id, ae.sha256, ae.original_name, f.size, ae.added_at FROM answer_evidence ae"
                " JOIN evidence_file f ON f.sha256 = ae.sha256 WHERE ae.answer_id = ? ORDER BY ae.id",
                (answer_id,),
            )
        ]

    def attach_evidence(self, inspection_id: int, entity_id: int, item_id: str, source: Path | str) -> EvidenceRef:
        """Copy a file into the evidence store and link it to the answer (created unanswered if needed)."""
        self._check_applicable(inspection_id, entity_id, item_id)
        stored = self.evidence.add(source)
        now = _now()
        with self.transaction() as c:
            c.execute(
                "INSERT INTO answer (inspection_id, entity_id, item_id, verdict, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (inspection_id, entity_id, item_id) DO NOTHING",
                (inspection_id, entity_id, item_id, str(Verdict.UNANSWERED), now),
            )
            answer_id = self._one(
                "SELECT id FROM answer WHERE inspection_id = ? AND entity_id = ? AND item_id = ?",
                (inspection_id, entity_id, item_id),
            )
            c.execute(
                "INSERT OR IGNORE INTO evidence_file (sha256, size, added_at) VALUES (?, ?, ?)",
                (stored.sha256, stored.size, now),
            )
            cur = c.execute(
                "INSERT INTO answer_evidence (answer_id, sha256, original_name, added_at) VALUES (?, ?, ?, ?)",
                (answer_id, stored.sha256, stored.original_name, now),
            )
        return EvidenceRef(int(cur.lastrowid or 0), stored.sha256, stored.original_name, stored.size, now)

    def remove_evidence(self, ref_id: int) -> None:
        """Unlink one evidence file from its answer. The stored file stays (others may share it)."""
        with self.transaction() as c:
            c.execute("DELETE FROM answer_evidence WHERE id = ?", (ref_id,))

    def evidence_path(self, sha256: str) -> Path:
        return self.evidence.path_for(sha256)

    def all_evidence(self, inspection_id: int) -> list[tuple[int, str, EvidenceRef]]:
        """(entity id, item id, evidence) for the whole inspection: the report's evidence manifest."""
        return [
            (r[0], r[1], EvidenceRef(r[2], r[3], r[4], r[5], r[6]))
            for r in self.conn.execute(
                "SELECT a.entity_id, a.item_id, ae.id, ae.sha256, ae.original_name, f.size, ae.added_at"
                " FROM answer_evidence ae JOIN answer a ON a.id = ae.answer_id"
                " JOIN evidence_file f ON f.sha256 = ae.sha256 WHERE a.inspection_id = ?"
                " ORDER BY a.entity_id, a.item_id, ae.id",
                (inspection_id,),
            )
        ]

    # ---- problems -------------------------------------------------------------------------------------
    def save_problem(
        self,
        inspection_id: int,
        entity_id: int,
        item_id: str,
        *,
        description: str | None = None,
        measure: str | None = None,
        owner: str | None = None,
        deadline: dt.date | str | None = ...,  # type: ignore[assignment]
        status: ProblemStatus | str | None = None,
    ) -> Problem:
        """Create or update the problem recorded for one answer; only the given fields change."""
        self._check_applicable(inspection_id, entity_id, item_id)
        changes = self._problem_changes(description=description, measure=measure, owner=owner, deadline=deadline,
                                        status=status)
        now = _now()
        with self.transaction() as c:
            c.execute(
                "INSERT INTO problem (inspection_id, entity_id, item_id, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (inspection_id, entity_id, item_id) DO NOTHING",
                (inspection_id, entity_id, item_id, now),
            )
            if changes:
                sets = ", ".join(f"{k} = ?" for k in changes)
                c.execute(
                    f"UPDATE problem SET {sets}, updated_at = ? WHERE inspection_id = ? AND entity_id = ?"
                    " AND item_id = ?",
                    (*changes.values(), now, inspection_id, entity_id, item_id),
                )
        found = self.problem(inspection_id, entity_id, item_id)
        assert found is not None
        return found

    @staticmethod
    def _problem_changes(
        *,
        description: str | None = None,
        measure: str | None = None,
        owner: str | None = None,
        deadline: dt.date | str | None = ...,  # type: ignore[assignment]
        status: ProblemStatus | str | None = None,
    ) -> dict[str, Any]:
        """Validated column values for the fields given (``deadline=None`` clears it; omitted keeps it)."""
        changes: dict[str, Any] = {}
        for key, value in (("description", description), ("measure", measure), ("owner", owner)):
            if value is not None:
                changes[key] = ledger.clean_text(value)[:2000]
        if deadline is not ...:
            try:
                day = ledger.parse_date(deadline)
            except ValueError:
                raise ValidationError(f"整改时限应为日期(如 2025-06-30),当前为“{deadline}”", field="deadline") from None
            changes["deadline"] = day.isoformat() if day else None
        if status is not None:
            try:
                changes["status"] = str(ProblemStatus(status))
            except ValueError:
                allowed = "、".join(s.value for s in ProblemStatus)
                raise ValidationError(f"整改状态应为 {allowed} 之一,当前为“{status}”", field="status") from None
        return changes

    _PROBLEM_SQL = (
        "SELECT p.id, p.entity_id, p.item_id, p.description, p.measure, p.owner, p.deadline, p.status,"
        " coalesce(a.verdict, '未答'), p.group_id FROM problem p LEFT JOIN answer a ON a.inspection_id = p.inspection_id"
        " AND a.entity_id = p.entity_id AND a.item_id = p.item_id WHERE p.inspection_id = ?"
    )

    @staticmethod
    def _problem(r: Sequence[Any]) -> Problem:
        deadline = dt.date.fromisoformat(r[6]) if r[6] else None
        return Problem(r[0], r[1], r[2], r[3], r[4], r[5], deadline, ProblemStatus(r[7]), Verdict(r[8]), r[9])

    def problem(self, inspection_id: int, entity_id: int, item_id: str) -> Problem | None:
        row = self.conn.execute(
            self._PROBLEM_SQL + " AND p.entity_id = ? AND p.item_id = ?", (inspection_id, entity_id, item_id)
        ).fetchone()
        return self._problem(row) if row else None

    def problems(self, inspection_id: int, active_only: bool = True) -> list[Problem]:
        """Problems of the inspection. A problem whose answer is no longer 基本符合/不符合 is kept in the
        database (so changing the verdict back restores it) but is not active."""
        rows = self.conn.execute(self._PROBLEM_SQL + " ORDER BY p.entity_id, p.item_id", (inspection_id,))
        out = [self._problem(r) for r in rows]
        return [p for p in out if p.verdict.needs_problem] if active_only else out

    def save_problem_group(self, inspection_id: int, group: int, **fields: Any) -> list[Problem]:
        """Edit one problem that covers several answers: every row of the group gets the same fields."""
        rows = self._group_rows(inspection_id, group)
        if not rows:
            raise StoreError(f"没有编号为 {group} 的问题")
        changes = self._problem_changes(**fields)
        if changes:
            now = _now()
            sets = ", ".join(f"{k} = ?" for k in changes)
            with self.transaction() as c:
                c.executemany(f"UPDATE problem SET {sets}, updated_at = ? WHERE id = ?",
                              [(*changes.values(), now, p.id) for p in rows])
        return self._group_rows(inspection_id, group)

    def _group_rows(self, inspection_id: int, group: int) -> list[Problem]:
        """The rows of one problem, read by index (a cell edit on the largest unit stays instant)."""
        rows = self.conn.execute(self._PROBLEM_SQL + " AND (p.id = ? OR p.group_id = ?) ORDER BY p.entity_id, p.item_id",
                                 (inspection_id, group, group))
        return [p for p in map(self._problem, rows) if p.group == group]

    def problem_group_size(self, inspection_id: int, group: int) -> int:
        return int(self._one("SELECT count(*) FROM problem WHERE inspection_id = ? AND (id = ? OR group_id = ?)",
                             (inspection_id, group, group)) or 0)

    def split_problem(self, inspection_id: int, problem_id: int) -> None:
        """Take one answer out of a shared problem: it keeps a copy of the fields and is edited alone."""
        with self.transaction() as c:
            row = c.execute("SELECT group_id FROM problem WHERE id = ? AND inspection_id = ?",
                            (problem_id, inspection_id)).fetchone()
            if row is None or row[0] is None:
                return
            c.execute("UPDATE problem SET group_id = NULL WHERE id = ?", (problem_id,))
            if row[0] == problem_id:  # the group was named after this row: rename it after the next one
                rest = [r[0] for r in c.execute("SELECT id FROM problem WHERE group_id = ? ORDER BY id",
                                                (problem_id,))]
                if rest:
                    c.execute(f"UPDATE problem SET group_id = ? WHERE id IN ({','.join('?' * len(rest))})",
                              (rest[0], *rest))

    def rectification_gaps(self, inspection_id: int) -> list[Gap]:
        """Everything that blocks the export: see :mod:`app.core.rectification`."""
        names = {e[0]: e[2] for e in self.entity_index(inspection_id)}
        live = set(names) | {UNIT_ENTITY}
        verdicts = [v for v in self.verdicts(inspection_id) if v[0] in live]
        return find_gaps(verdicts, self.problems(inspection_id), self.findings(inspection_id), names)

    def check_rectification(self, inspection_id: int) -> None:
        """Raise :class:`RectificationIncomplete` (listing the gaps) unless every problem is complete."""
        gaps = self.rectification_gaps(inspection_id)
        if gaps:
            raise RectificationIncomplete(gaps)

    # ---- texts, findings, ui state --------------------------------------------------------------------
    def get_text(self, inspection_id: int, key: str, default: str = "") -> str:
        value = self._one("SELECT value FROM inspection_text WHERE inspection_id = ? AND key = ?", (inspection_id, key))
        return default if value is None else str(value)

    def texts(self, inspection_id: int) -> dict[str, str]:
        return dict(
            self.conn.execute("SELECT key, value FROM inspection_text WHERE inspection_id = ?", (inspection_id,))
        )

    def set_text(self, inspection_id: int, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO inspection_text (inspection_id, key, value) VALUES (?, ?, ?)"
                " ON CONFLICT (inspection_id, key) DO UPDATE SET value = excluded.value",
                (inspection_id, key, value),
            )

    def decide_finding(self, inspection_id: int, key: str, decision: str, reason: str = "") -> None:
        self.decide_findings(inspection_id, [key], decision, reason)

    def decide_findings(self, inspection_id: int, keys: Sequence[str], decision: str, reason: str = "") -> None:
        """Record decisions on suggestions; a dismissal keeps its reason (required when dismissing)."""
        reason = ledger.clean_text(reason)[:500]
        if decision == "dismissed" and not reason:
            raise ValidationError("忽略系统建议时请说明理由(例如“该群已于检查前解散”)", field="reason")
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO finding_decision (inspection_id, key, decision, decided_at, reason) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (inspection_id, key) DO UPDATE SET decision = excluded.decision,"
                " decided_at = excluded.decided_at, reason = excluded.reason",
                [(inspection_id, k, decision, _now(), reason) for k in keys],
            )

    def dismiss_findings(self, inspection_id: int, findings: Sequence[Finding], reason: str) -> BulkChange:
        self.decide_findings(inspection_id, [f.key for f in findings], "dismissed", reason)
        return BulkChange([], [], [f.key for f in findings])

    def finding_reasons(self, inspection_id: int) -> dict[str, str]:
        """Why each dismissed suggestion was dismissed (the report and the workbook may cite it)."""
        return dict(self.conn.execute(
            "SELECT key, reason FROM finding_decision WHERE inspection_id = ? AND decision = 'dismissed'",
            (inspection_id,)))

    def finding_decisions(self, inspection_id: int) -> dict[str, str]:
        return dict(
            self.conn.execute("SELECT key, decision FROM finding_decision WHERE inspection_id = ?", (inspection_id,))
        )

    def ui_state(self, inspection_id: int) -> dict[str, Any]:
        raw = self._one("SELECT ui_state FROM inspection WHERE id = ?", (inspection_id,))
        try:
            value = json.loads(raw or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def set_ui_state(self, inspection_id: int, state: dict[str, Any]) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE inspection SET ui_state = ? WHERE id = ?", (json.dumps(state, ensure_ascii=False), inspection_id)
            )

    def accept_finding(self, inspection_id: int, finding: Finding) -> None:
        """Turn a suggestion into an answer with its problem, in one transaction, and remember the decision."""
        self.accept_findings(inspection_id, [finding])

    def accept_findings(self, inspection_id: int, findings: Sequence[Finding]) -> BulkChange:
        """Accept many suggestions in one transaction: each becomes its answer, and the suggestions of one
        rule and item become one problem listing their entities. Returns what :meth:`undo_bulk` needs."""
        findings = list(findings)
        lacking = [f for f in findings if f.needs_data]
        if lacking:
            raise ValidationError(f"该建议需要先补录台账,不能直接采纳:{lacking[0].message}", field="finding")
        self._check_pairs(inspection_id, [(f.entity_id, f.item_id) for f in findings])
        before = self.answers(inspection_id)
        names = {e[0]: e[2] for e in self.entity_index(inspection_id)}
        change = BulkChange([(f.entity_id, f.item_id, before.get((f.entity_id, f.item_id))) for f in findings],
                            [], [f.key for f in findings])
        groups: dict[tuple[str, str, str], list[Finding]] = {}
        for f in findings:
            groups.setdefault((f.rule, f.item_id, str(f.verdict)), []).append(f)
        now = _now()
        with self.transaction() as c:
            for (_, _, verdict), members in groups.items():
                for f in members:
                    # The statement of fact is the answer's note, and the reason when the suggestion is 不适用.
                    reason = f.message if Verdict(verdict) == Verdict.NOT_APPLICABLE else None
                    self._write_answer(c, inspection_id, f.entity_id, f.item_id, Verdict(verdict), f.message, reason)
                if Verdict(verdict).needs_problem:
                    change.created_problems += self._ensure_problems(
                        c, inspection_id, [(f.entity_id, f.item_id) for f in members],
                        group_description(members, names))
            c.executemany(
                "INSERT INTO finding_decision (inspection_id, key, decision, decided_at) VALUES (?, ?, 'accepted', ?)"
                " ON CONFLICT (inspection_id, key) DO UPDATE SET decision = 'accepted', decided_at = excluded.decided_at,"
                " reason = ''",
                [(inspection_id, f.key, now) for f in findings],
            )
        return change

    def findings(self, inspection_id: int, pending_only: bool = True) -> list[Finding]:
        insp = self.inspection(inspection_id)
        found = compute_findings(self.checklist_for(inspection_id), self.entities(inspection_id), insp.inspection_date)
        return pending_findings(found, self.finding_decisions(inspection_id)) if pending_only else found

    def progress(self, inspection_id: int) -> Progress:
        """Progress per entity, scope, article and item, from the lightest queries the store can make."""
        entities = self.conn.execute(
            "SELECT id, kind FROM entity WHERE inspection_id = ?", (inspection_id,)
        ).fetchall()
        return compute_progress(self.checklist_for(inspection_id), entities, self.verdicts(inspection_id))

    # ---- health ---------------------------------------------------------------------------------------
    def doctor(self) -> list[str]:
        """Problems found in the database and the evidence store; an empty list means healthy."""
        issues: list[str] = []
        result = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            issues.extend(f"数据库完整性检查:{r}" for r in result)
        for r in self.conn.execute("PRAGMA foreign_key_check"):
            issues.append(f"数据库外键不一致:表 {r[0]} 行 {r[1]}")
        for sha, size in self.conn.execute(
            "SELECT sha256, size FROM evidence_file WHERE sha256 IN (SELECT sha256 FROM answer_evidence)"
        ):
            problem = self.evidence.check(sha, size)
            if problem:
                names = [
                    n for (n,) in self.conn.execute("SELECT original_name FROM answer_evidence WHERE sha256 = ?", (sha,))
                ]
                issues.append(f"证明材料“{'、'.join(sorted(set(names)))}”:{problem}")
        return issues
