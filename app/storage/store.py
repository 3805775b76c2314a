"""The unit's database: one SQLite file (WAL) plus its evidence folder.

:class:`Store` is a small facade: it opens the file (refusing what is not ours or is newer, migrating what is
older), owns the connection and the transaction, and checks health. The reads and writes live by concern in
:mod:`~app.storage.inspections_store` (the unit, inspections, checklists), :mod:`~app.storage.ledger_store`,
:mod:`~app.storage.answers_store`, :mod:`~app.storage.problems_store`, :mod:`~app.storage.evidence_store` and
:mod:`~app.storage.texts_store` (texts, suggestions, the wizard's state); the facade lists which part answers
each method, so callers keep one object to hold.

Every public method that writes is one transaction: an answer is on disk when the call returns, and a failed
write (full disk, locked file) leaves the database as it was and raises a :class:`StoreError` in plain words.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from app.core.errors import StoreError
from app.storage import sqlite_errors
from app.storage.answers_store import MAX_NA_REASON, AnswersStore, BulkChange, clean_reason
from app.storage.backup import make_backup
from app.storage.evidence import DEFAULT_LIMIT, EvidenceStore
from app.storage.evidence_store import EvidenceLinks
from app.storage.inspections_store import AnswerReview, ChecklistUpgrade, InspectionsStore, question_hash
from app.storage.ledger_store import LedgerStore
from app.storage.migrations import (
    PROVINCE_APPLICATION_ID,
    SCHEMA_VERSION,
    UNIT,
    SchemaMismatch,
    identify,
    migrate,
)
from app.storage.netfs import journal_mode_for
from app.storage.problems_store import ProblemsStore
from app.storage.sqlite_uri import peek_user_version, read_only_uri
from app.storage.texts_store import TextsStore

__all__ = ["MAX_NA_REASON", "AnswerReview", "BulkChange", "ChecklistUpgrade", "Store", "StoreError", "clean_reason",
           "evidence_dir_for", "open_for_doctor", "open_store", "question_hash"]

SQLITE_MAGIC = b"SQLite format 3\x00"

P = ParamSpec("P")
R = TypeVar("R")


class _Part(Generic[P, R]):
    """A facade method whose body is ``method`` of the part held in the store's attribute ``part``."""

    def __init__(self, part: str, method: Callable[Concatenate[Any, P], R]) -> None:
        self.part, self.name = part, method.__name__
        self.__doc__ = method.__doc__

    @overload
    def __get__(self, store: None, owner: type) -> _Part[P, R]: ...
    @overload
    def __get__(self, store: object, owner: type | None = None) -> Callable[P, R]: ...
    def __get__(self, store: object, owner: type | None = None) -> _Part[P, R] | Callable[P, R]:
        if store is None:
            return self
        bound: Callable[P, R] = getattr(getattr(store, self.part), self.name)
        return bound


def evidence_dir_for(db_path: Path) -> Path:
    """Evidence lives beside its database: ``unit.db`` keeps its files in ``unit-evidence/``."""
    return db_path.with_name(db_path.stem + "-evidence")


def _explain(exc: sqlite3.Error, path: Path) -> str:
    kind = sqlite_errors.kind_of(exc)
    if kind == sqlite_errors.FULL:
        return f"磁盘空间已满,无法写入数据库 {path};已保存的数据未受影响,请清理磁盘后重试"
    if kind == sqlite_errors.BUSY:
        return f"数据库 {path} 正被其他程序使用,请关闭后重试"
    if kind == sqlite_errors.READ_ONLY:
        return f"数据库 {path} 为只读,无法保存修改"
    if kind == sqlite_errors.NOT_A_DATABASE:
        return f"数据库 {path} 已损坏或不是本程序的数据库:{exc}"
    return f"数据库 {path} 操作失败:{exc}"


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
    """All reads and writes of one unit database: the connection here, the queries in its parts."""

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
        self._inspections = InspectionsStore(self)
        self._ledger = LedgerStore(self)
        self._answers = AnswersStore(self)
        self._problems = ProblemsStore(self)
        self._links = EvidenceLinks(self)
        self._texts = TextsStore(self)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            try:
                version = identify(conn, UNIT)
            except SchemaMismatch as exc:
                raise StoreError(self._mismatch_message(exc)) from None
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

    def _mismatch_message(self, exc: SchemaMismatch) -> str:
        if exc.reason == "newer":
            return self._newer_version_message(exc.version)
        if exc.application_id == PROVINCE_APPLICATION_ID:
            return f"{self.path} 是省级汇总数据库,不是单位的自查数据库,本程序不会改动它"
        return f"{self.path} 不是 selfcheck 数据库(其他程序的数据库),本程序不会改动它"

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
        """Bring an older database up to date (:func:`app.storage.migrations.migrate`), backing it up first."""
        def backup() -> None:
            make_backup(self.path, "migration", conn=self.conn)

        migrate(self.conn, UNIT, version, before_upgrade=backup)

    def backup(self, reason: str) -> Path | None:
        """A rolling backup of this database (at start, before export): see :mod:`app.storage.backup`."""
        if self.read_only:
            return None
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

    # ---- unit and inspections: InspectionsStore ----------------------------------------------------
    get_unit = _Part("_inspections", InspectionsStore.get_unit)
    save_unit = _Part("_inspections", InspectionsStore.save_unit)
    inspections = _Part("_inspections", InspectionsStore.inspections)
    inspection = _Part("_inspections", InspectionsStore.inspection)
    current_inspection = _Part("_inspections", InspectionsStore.current_inspection)
    start_inspection = _Part("_inspections", InspectionsStore.start_inspection)
    set_inspection_date = _Part("_inspections", InspectionsStore.set_inspection_date)
    set_status = _Part("_inspections", InspectionsStore.set_status)
    checklist_for = _Part("_inspections", InspectionsStore.checklist_for)
    upgrade_checklist = _Part("_inspections", InspectionsStore.upgrade_checklist)
    answer_reviews = _Part("_inspections", InspectionsStore.answer_reviews)

    # ---- ledger: LedgerStore -----------------------------------------------------------------------
    add_entity = _Part("_ledger", LedgerStore.add_entity)
    add_entities = _Part("_ledger", LedgerStore.add_entities)
    import_ledger = _Part("_ledger", LedgerStore.import_ledger)
    update_entity = _Part("_ledger", LedgerStore.update_entity)
    delete_entity = _Part("_ledger", LedgerStore.delete_entity)
    delete_entities = _Part("_ledger", LedgerStore.delete_entities)
    entity = _Part("_ledger", LedgerStore.entity)
    entities = _Part("_ledger", LedgerStore.entities)
    entity_index = _Part("_ledger", LedgerStore.entity_index)
    count_entities = _Part("_ledger", LedgerStore.count_entities)

    # ---- answers: AnswersStore ---------------------------------------------------------------------
    set_answer = _Part("_answers", AnswersStore.set_answer)
    set_note = _Part("_answers", AnswersStore.set_note)
    set_na_reason = _Part("_answers", AnswersStore.set_na_reason)
    restore_answer = _Part("_answers", AnswersStore.restore_answer)
    set_answers_bulk = _Part("_answers", AnswersStore.set_answers_bulk)
    set_answers_many = _Part("_answers", AnswersStore.set_answers_many)
    undo_bulk = _Part("_answers", AnswersStore.undo_bulk)
    write_answers = _Part("_answers", AnswersStore.write_answers)
    answer = _Part("_answers", AnswersStore.answer)
    answers = _Part("_answers", AnswersStore.answers)
    verdicts = _Part("_answers", AnswersStore.verdicts)
    accept_finding = _Part("_answers", AnswersStore.accept_finding)
    accept_findings = _Part("_answers", AnswersStore.accept_findings)
    progress = _Part("_answers", AnswersStore.progress)

    # ---- problems: ProblemsStore -------------------------------------------------------------------
    save_problem = _Part("_problems", ProblemsStore.save_problem)
    problem = _Part("_problems", ProblemsStore.problem)
    problems = _Part("_problems", ProblemsStore.problems)
    save_problem_group = _Part("_problems", ProblemsStore.save_problem_group)
    problem_group_size = _Part("_problems", ProblemsStore.problem_group_size)
    split_problem = _Part("_problems", ProblemsStore.split_problem)
    rectification_gaps = _Part("_problems", ProblemsStore.rectification_gaps)
    check_rectification = _Part("_problems", ProblemsStore.check_rectification)

    # ---- evidence: EvidenceLinks -------------------------------------------------------------------
    attach_evidence = _Part("_links", EvidenceLinks.attach_evidence)
    remove_evidence = _Part("_links", EvidenceLinks.remove_evidence)
    evidence_path = _Part("_links", EvidenceLinks.evidence_path)
    all_evidence = _Part("_links", EvidenceLinks.all_evidence)

    # ---- texts, suggestions and the wizard's state: TextsStore -------------------------------------
    get_text = _Part("_texts", TextsStore.get_text)
    texts = _Part("_texts", TextsStore.texts)
    set_text = _Part("_texts", TextsStore.set_text)
    decide_finding = _Part("_texts", TextsStore.decide_finding)
    decide_findings = _Part("_texts", TextsStore.decide_findings)
    dismiss_findings = _Part("_texts", TextsStore.dismiss_findings)
    finding_reasons = _Part("_texts", TextsStore.finding_reasons)
    finding_decisions = _Part("_texts", TextsStore.finding_decisions)
    ui_state = _Part("_texts", TextsStore.ui_state)
    set_ui_state = _Part("_texts", TextsStore.set_ui_state)
    findings = _Part("_texts", TextsStore.findings)
