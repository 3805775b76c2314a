"""The unit, its inspections (one a year) and the checklist each is tied to, kept as a snapshot in the
database and upgraded to a newer version without losing an answer."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.core import ledger
from app.core.checklist import Checklist, Item, loads_checklist, merge_retired
from app.core.codes import check_credit_code, check_region_code
from app.core.errors import StoreError, ValidationError
from app.core.model import (
    UNIT_ENTITY,
    Inspection,
    InspectionStatus,
    Unit,
    Verdict,
)
from app.storage.common import scalar, timestamp

if TYPE_CHECKING:
    from app.storage.store import Store

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



class InspectionsStore:
    """The unit row, the inspections and their checklist snapshots."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._checklists: dict[tuple[str, str], Checklist] = {}

    def get_unit(self) -> Unit | None:
        row = self.store.conn.execute(
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
        with self.store.transaction() as c:
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

    def _inspection(self, row: Sequence[Any]) -> Inspection:
        return Inspection(row[0], row[1], row[2], row[3], row[4], dt.date.fromisoformat(row[5]), row[6])

    _INSPECTION_COLS = "id, year, checklist_id, checklist_version, status, inspection_date, created_at"

    def inspections(self) -> list[Inspection]:
        rows = self.store.conn.execute(f"SELECT {self._INSPECTION_COLS} FROM inspection ORDER BY year").fetchall()
        return [self._inspection(r) for r in rows]

    def inspection(self, inspection_id: int) -> Inspection:
        row = self.store.conn.execute(
            f"SELECT {self._INSPECTION_COLS} FROM inspection WHERE id = ?", (inspection_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"数据库 {self.store.path} 中没有编号为 {inspection_id} 的自查")
        return self._inspection(row)

    def current_inspection(self) -> Inspection | None:
        """The latest year's inspection: the one the wizard continues and ``export`` writes."""
        row = self.store.conn.execute(
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
        if scalar(self.store.conn, "SELECT id FROM inspection WHERE year = ?", (year,)) is not None:
            raise ValidationError(f"{year} 年度的自查已存在", field="year")
        day = inspection_date or dt.date.today()
        with self.store.transaction() as c:
            c.execute(
                "INSERT OR IGNORE INTO checklist_snapshot (checklist_id, version, toml) VALUES (?, ?, ?)",
                (checklist.id, checklist.version, checklist.source_text),
            )
            cur = c.execute(
                "INSERT INTO inspection (year, checklist_id, checklist_version, status, inspection_date, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (year, checklist.id, checklist.version, InspectionStatus.IN_PROGRESS, day.isoformat(), timestamp()),
            )
            new_id = int(cur.lastrowid or 0)
            if copy_ledger_from is not None:
                c.execute(
                    "INSERT INTO entity (inspection_id, kind, name, data, created_at)"
                    " SELECT ?, kind, name, data, ? FROM entity WHERE inspection_id = ? ORDER BY id",
                    (new_id, timestamp(), copy_ledger_from),
                )
        return self.inspection(new_id)

    def set_inspection_date(self, inspection_id: int, day: dt.date) -> None:
        with self.store.transaction() as c:
            c.execute("UPDATE inspection SET inspection_date = ? WHERE id = ?", (day.isoformat(), inspection_id))

    def set_status(self, inspection_id: int, status: InspectionStatus) -> None:
        if status == InspectionStatus.FINISHED:
            self.store.check_rectification(inspection_id)
        with self.store.transaction() as c:
            c.execute("UPDATE inspection SET status = ? WHERE id = ?", (str(status), inspection_id))

    def checklist_for(self, inspection_id: int) -> Checklist:
        """The checklist the inspection was started with (or upgraded to), plus retired items that have answers."""
        insp = self.inspection(inspection_id)
        key = (insp.checklist_id, insp.checklist_version)
        if key not in self._checklists:
            text = scalar(self.store.conn,
                "SELECT toml FROM checklist_snapshot WHERE checklist_id = ? AND version = ?", key
            )
            if text is None:
                raise StoreError(f"数据库 {self.store.path} 缺少清单 {key[0]} {key[1]} 的副本")
            current = loads_checklist(text, f"{self.store.path.name}:{key[0]}@{key[1]}")
            self._checklists[key] = merge_retired(current, self._retired_items(inspection_id, current))
        return self._checklists[key]

    def _retired_items(self, inspection_id: int, current: Checklist) -> list[Item]:
        ids = {
            r[0]
            for r in self.store.conn.execute(
                "SELECT DISTINCT item_id FROM answer WHERE inspection_id = ?", (inspection_id,)
            )
        } - {it.id for it in current.items}
        if not ids:
            return []
        found: dict[str, Item] = {}
        for (text,) in self.store.conn.execute("SELECT toml FROM checklist_snapshot"):
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
        kinds = {UNIT_ENTITY: "unit", **{e[0]: e[1] for e in self.store.entity_index(inspection_id)}}
        successors: dict[str, list[Item]] = {}
        for it in checklist.items:
            for old_id in {*it.replaces, *([it.id] if old.has_item(it.id) else [])}:
                successors.setdefault(old_id, []).append(it)
        report = ChecklistUpgrade(old.version, checklist.version)
        rows = self.store.conn.execute(
            "SELECT id, entity_id, item_id, verdict, note, na_reason FROM answer WHERE inspection_id = ?",
            (inspection_id,),
        ).fetchall()
        report.answers_before = len(rows)
        now = timestamp()
        with self.store.transaction() as c:
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
        report.answers_after = int(scalar(self.store.conn, "SELECT count(*) FROM answer WHERE inspection_id = ?", (inspection_id,)))
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
            for r in self.store.conn.execute(
                "SELECT entity_id, item_id, previous_item_id, previous_verdict, previous_note, reason"
                " FROM answer_review WHERE inspection_id = ? ORDER BY entity_id, item_id", (inspection_id,))
        }
