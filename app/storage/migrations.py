"""Schema migrations, applied in order; ``PRAGMA user_version`` records how many have run.

Both databases use this machinery: the unit's (here) and the province's (:mod:`app.merge.store`). A
:class:`Schema` names a kind of database by its ``PRAGMA application_id`` and lists its migrations;
:func:`identify` refuses a file that is not of that kind (another program's, the other kind, or one from a
newer version) before anything is written, and :func:`migrate` brings an older one up to date.

A migration never drops user data. Each runs in its own transaction together with the version bump, so an
interrupted upgrade leaves the database at the previous version, intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

Migration = Callable[[sqlite3.Connection], None]

UNIT_APPLICATION_ID = 0x5C5E1F  # a unit database (files no program of 2026-12 or later has opened carry 0)
PROVINCE_APPLICATION_ID = 0x5C50F0  # a province database, from its first version


@dataclass(frozen=True)
class Schema:
    """One kind of database: the ``application_id`` its files carry and the migrations that build it."""

    name: str
    application_id: int
    migrations: tuple[Migration, ...]
    always_marked: bool = True  # False: files written before the mark existed carry 0 until next opened

    @property
    def version(self) -> int:
        return len(self.migrations)


class SchemaMismatch(Exception):
    """Not a database of the expected kind (``reason == "foreign"``) or one from a newer program (``"newer"``)."""

    def __init__(self, reason: str, version: int, application_id: int) -> None:
        super().__init__(reason)
        self.reason, self.version, self.application_id = reason, version, application_id


def identify(conn: sqlite3.Connection, schema: Schema) -> int:
    """The schema version of ``conn``'s database once it is known to be of ``schema``'s kind (0: a new, empty
    file); raises :class:`SchemaMismatch`, having written nothing, otherwise."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id not in (0, schema.application_id):
        raise SchemaMismatch("foreign", version, app_id)  # the other kind, or another program's
    if version == 0:
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise SchemaMismatch("foreign", version, app_id)  # tables but no version: not one of ours
        return 0
    if app_id == 0 and schema.always_marked:
        raise SchemaMismatch("foreign", version, app_id)  # this kind has always marked its files
    if version > schema.version:
        raise SchemaMismatch("newer", version, app_id)
    return version


def migrate(conn: sqlite3.Connection, schema: Schema, version: int,
            before_upgrade: Callable[[], object] | None = None) -> None:
    """Apply ``schema``'s migrations after ``version``, each in one transaction with its version bump and the
    application_id (``conn`` in autocommit mode, ``isolation_level=None``); an up-to-date file written before
    the mark existed just gains it. ``before_upgrade`` runs once before an existing database is migrated: the
    unit store backs it up there."""
    if 0 < version < schema.version and before_upgrade is not None:
        before_upgrade()
    for number in range(version, schema.version):
        _step(conn, schema, schema.migrations[number], number + 1)
    if conn.execute("PRAGMA application_id").fetchone()[0] != schema.application_id:
        _step(conn, schema, _mark_only, schema.version)


def _step(conn: sqlite3.Connection, schema: Schema, migration: Migration, version: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        migration(conn)
        conn.execute(f"PRAGMA application_id = {schema.application_id}")
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _mark_only(conn: sqlite3.Connection) -> None:
    """The tables are up to date: only the header gains the application_id (a file from before the mark)."""


def execute_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one inside the caller's transaction (``executescript`` would commit early)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""


def m001_initial(conn: sqlite3.Connection) -> None:
    execute_script(conn,
        """
        CREATE TABLE unit (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL, credit_code TEXT NOT NULL, region_code TEXT NOT NULL,
            level TEXT NOT NULL DEFAULT '', contact_name TEXT NOT NULL DEFAULT '',
            contact_phone TEXT NOT NULL DEFAULT '');
        CREATE TABLE checklist_snapshot (
            checklist_id TEXT NOT NULL, version TEXT NOT NULL, toml TEXT NOT NULL,
            PRIMARY KEY (checklist_id, version));
        CREATE TABLE inspection (
            id INTEGER PRIMARY KEY, year INTEGER NOT NULL UNIQUE,
            checklist_id TEXT NOT NULL, checklist_version TEXT NOT NULL,
            status TEXT NOT NULL, inspection_date TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE entity (
            id INTEGER PRIMARY KEY, inspection_id INTEGER NOT NULL REFERENCES inspection(id),
            kind TEXT NOT NULL CHECK (kind IN ('app', 'account', 'group')),
            name TEXT NOT NULL, data TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE INDEX entity_by_inspection ON entity (inspection_id, kind, id);
        CREATE TABLE answer (
            id INTEGER PRIMARY KEY, inspection_id INTEGER NOT NULL REFERENCES inspection(id),
            entity_id INTEGER NOT NULL, item_id TEXT NOT NULL, verdict TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL,
            UNIQUE (inspection_id, entity_id, item_id));
        CREATE TABLE evidence_file (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, added_at TEXT NOT NULL);
        CREATE TABLE answer_evidence (
            id INTEGER PRIMARY KEY, answer_id INTEGER NOT NULL REFERENCES answer(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL REFERENCES evidence_file(sha256), original_name TEXT NOT NULL,
            added_at TEXT NOT NULL);
        CREATE INDEX answer_evidence_by_answer ON answer_evidence (answer_id);
        CREATE TABLE problem (
            id INTEGER PRIMARY KEY, inspection_id INTEGER NOT NULL REFERENCES inspection(id),
            entity_id INTEGER NOT NULL, item_id TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
            measure TEXT NOT NULL DEFAULT '', owner TEXT NOT NULL DEFAULT '', deadline TEXT,
            status TEXT NOT NULL DEFAULT '未整改', updated_at TEXT NOT NULL,
            UNIQUE (inspection_id, entity_id, item_id));
        """
    )


def m002_findings_texts_state(conn: sqlite3.Connection) -> None:
    """Decisions on auto-findings, the report's narrative texts, and where the wizard was left."""
    execute_script(conn,
        """
        CREATE TABLE finding_decision (
            inspection_id INTEGER NOT NULL REFERENCES inspection(id), key TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'dismissed')), decided_at TEXT NOT NULL,
            PRIMARY KEY (inspection_id, key));
        CREATE TABLE inspection_text (
            inspection_id INTEGER NOT NULL REFERENCES inspection(id), key TEXT NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY (inspection_id, key));
        ALTER TABLE inspection ADD COLUMN ui_state TEXT NOT NULL DEFAULT '{}';
        """
    )


# Ledger v2: disposition words of the glossary, and the default role of an app the unit already listed.
_V2_DISPOSITIONS = {"app": {"关停": "关停注销", "关停下线": "关停注销", "注销": "关停注销"},
                    "account": {"关停": "注销", "关停注销": "注销"},
                    "group": {"整合": "合并"}}


def m003_ledger_v2_na_reason_review(conn: sqlite3.Connection) -> None:
    """Ledger v2 (old rows get sensible defaults: an app already listed is one the unit runs, 主办; the
    disposition words become the glossary's: 关停 → 关停注销 for apps, 注销 for accounts), the reason a 不适用
    answer needs, and the list of answers to look at again after a checklist upgrade changed their item."""
    import json

    rows = conn.execute("SELECT id, kind, data FROM entity").fetchall()
    for entity_id, kind, raw in rows:
        try:
            data = json.loads(raw)
        except ValueError:
            continue  # never lose a row: an unreadable one stays as it was
        if not isinstance(data, dict):
            continue
        changed = False
        old = data.get("disposition")
        new = _V2_DISPOSITIONS.get(kind, {}).get(old) if isinstance(old, str) else None
        if new:
            data["disposition"] = new
            changed = True
        if kind == "app" and not data.get("role"):
            data["role"] = "主办"
            changed = True
        if changed:
            conn.execute("UPDATE entity SET data = ? WHERE id = ?", (json.dumps(data, ensure_ascii=False), entity_id))
    execute_script(conn,
        """
        ALTER TABLE answer ADD COLUMN na_reason TEXT NOT NULL DEFAULT '';
        CREATE TABLE answer_review (
            inspection_id INTEGER NOT NULL REFERENCES inspection(id), entity_id INTEGER NOT NULL,
            item_id TEXT NOT NULL, previous_item_id TEXT NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (inspection_id, entity_id, item_id));
        """
    )


def m004_problem_groups_dismiss_reasons(conn: sqlite3.Connection) -> None:
    """One problem may cover many answers (a bulk answer records one problem listing its entities): rows
    sharing ``group_id`` are edited together. A dismissed suggestion keeps the reason it was dismissed."""
    execute_script(conn,
        """
        ALTER TABLE problem ADD COLUMN group_id INTEGER;
        CREATE INDEX problem_by_group ON problem (inspection_id, group_id);
        ALTER TABLE finding_decision ADD COLUMN reason TEXT NOT NULL DEFAULT '';
        """
    )


def m005_unit_addressee(conn: sqlite3.Connection) -> None:
    """The unit's 主送机关 (the office its report goes to), kept with the unit from year to year."""
    execute_script(conn, "ALTER TABLE unit ADD COLUMN addressee TEXT NOT NULL DEFAULT '';")


def m006_review_keeps_the_previous_answer(conn: sqlite3.Connection) -> None:
    """An answer marked for re-answering after a checklist upgrade keeps its previous verdict and note beside it."""
    execute_script(conn,
        """
        ALTER TABLE answer_review ADD COLUMN previous_verdict TEXT NOT NULL DEFAULT '';
        ALTER TABLE answer_review ADD COLUMN previous_note TEXT NOT NULL DEFAULT '';
        """
    )


MIGRATIONS: tuple[Migration, ...] = (m001_initial, m002_findings_texts_state, m003_ledger_v2_na_reason_review,
                                     m004_problem_groups_dismiss_reasons, m005_unit_addressee,
                                     m006_review_keeps_the_previous_answer)
# Unit files written before the application_id existed carry 0: accepted, and marked when next opened to write.
UNIT = Schema("unit", UNIT_APPLICATION_ID, MIGRATIONS, always_marked=False)
SCHEMA_VERSION = UNIT.version
