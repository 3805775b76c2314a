"""The open inspection as the UI sees it: the store plus small caches, change signals and undo.

Every user action is saved at once through the store (one transaction each); the caches only make the
views fast on units with thousands of groups, and are rebuilt from the store whenever the ledger changes.
This module is the UI's only way to the store (a test holds every other module of app/ui to it): windows and
pages call :class:`Session`; the controller opens, summarises and closes a database with the functions at the
end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.checklist import Checklist, Item, default_checklist, newer_checklist
from app.core.findings import Finding
from app.core.model import UNIT_ENTITY, Answer, Entity, InspectionStatus, Problem, Unit, Verdict
from app.core.rectification import find_gaps
from app.storage import Store
from app.storage.backup import list_backups as backups
from app.storage.backup import restore_backup as restore
from app.storage.snapshot import read_snapshot
from app.storage.store import AnswerReview, BulkChange, ChecklistUpgrade
from app.ui.labels import label
from app.workbook.ledger_import import apply_plan

__all__ = ["Overview", "Session", "Store", "close_database", "current_inspection_id", "export_inspection",
           "list_backups", "open_database", "overview", "restore_backup", "resumable_inspection_id",
           "start_inspection"]

SCOPES = ("unit", "app", "account", "group")
UNDO_DEPTH = 50


class Session(QObject):
    saved = Signal(str)  # a short status message after each successful write
    answersChanged = Signal()
    ledgerChanged = Signal()
    problemsChanged = Signal()  # answers or problems changed: problem lists reload
    unitChanged = Signal()  # the unit's identity was saved: title and step marks follow
    bulkChanged = Signal()  # many answers changed at once (a bulk action or its undo): views refresh whole
    problemsEdited = Signal()  # a problem's fields were edited in place: counts and marks refresh only

    def __init__(self, store: Store, inspection_id: int) -> None:
        super().__init__()
        self.store = store
        self.inspection_id = inspection_id
        self.checklist: Checklist = store.checklist_for(inspection_id)
        self.items_by_scope: dict[str, list[Item]] = {
            s: [it for it in self.checklist.items_for(s) if not it.retired] for s in SCOPES
        }
        self._undo: list[tuple[int, str, Answer | None] | BulkChange] = []
        self.reload()

    # ---- the checklist ------------------------------------------------------------------------------------
    def newer_checklist(self) -> Checklist | None:
        """A newer shipped version of this inspection's checklist, when there is one."""
        return newer_checklist(self.checklist)

    def upgrade_checklist(self, newest: Checklist) -> ChecklistUpgrade:
        """Move the inspection to ``newest`` after a backup, carrying answers (see Store.upgrade_checklist).
        The caller reopens the window: every page was built for the old checklist."""
        self.store.backup("checklist-upgrade")
        return self.store.upgrade_checklist(self.inspection_id, newest)

    # ---- caches -----------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.entity_rows = self.store.entity_index(self.inspection_id)  # (id, kind, name)
        self.kind_of = {eid: kind for eid, kind, _ in self.entity_rows}
        self.kind_of[UNIT_ENTITY] = "unit"
        self.name_of = {eid: name for eid, _, name in self.entity_rows}
        self.verdicts: dict[tuple[int, str], str] = {(e, i): v for e, i, v in self.store.verdicts(self.inspection_id)}
        self.reload_findings()

    def reload_findings(self) -> None:
        self.findings: dict[tuple[int, str], Finding] = {
            (f.entity_id, f.item_id): f for f in self.store.findings(self.inspection_id)
        }

    @property
    def inspection(self) -> Any:
        return self.store.inspection(self.inspection_id)

    def verdict(self, entity_id: int, item_id: str) -> Verdict:
        return Verdict(self.verdicts.get((entity_id, item_id), Verdict.UNANSWERED))

    def is_answered(self, entity_id: int, item_id: str) -> bool:
        return self.verdicts.get((entity_id, item_id), Verdict.UNANSWERED) != Verdict.UNANSWERED

    def tally(self, scopes: tuple[str, ...]) -> tuple[int, int]:
        """(answered, total) applicable pairs over the given scopes, from the caches (no query)."""
        active = {s: {it.id for it in self.items_by_scope[s]} for s in scopes}
        total = answered = 0
        counts = {s: 0 for s in scopes}
        for _, row_kind, _ in self.entity_rows:
            if row_kind in counts:
                counts[row_kind] += 1
        if "unit" in counts:
            counts["unit"] = 1
        for s in scopes:
            total += counts[s] * len(active[s])
        for (eid, item), v in self.verdicts.items():
            if v == Verdict.UNANSWERED:
                continue
            kind = self.kind_of.get(eid)
            if kind in active and item in active[kind]:
                answered += 1
        return answered, total

    def note_saved(self) -> None:
        self.saved.emit(dt.datetime.now().strftime("%H:%M:%S"))

    # ---- answers ----------------------------------------------------------------------------------------
    def set_verdict(self, entity_id: int, item_id: str, verdict: Verdict, na_reason: str | None = None) -> None:
        previous = self.store.set_answer(self.inspection_id, entity_id, item_id, verdict, na_reason=na_reason)
        self._undo.append((entity_id, item_id, previous))
        del self._undo[:-UNDO_DEPTH]
        self.verdicts[(entity_id, item_id)] = str(verdict)
        self.note_saved()
        self.answersChanged.emit()
        self.problemsChanged.emit()

    def set_note(self, entity_id: int, item_id: str, note: str) -> None:
        self.store.set_note(self.inspection_id, entity_id, item_id, note)
        self.verdicts.setdefault((entity_id, item_id), str(Verdict.UNANSWERED))
        self.note_saved()

    def bulk(self, entity_ids: list[int], item_id: str, verdict: Verdict, na_reason: str | None = None) -> int:
        return self.bulk_pairs([(eid, item_id) for eid in entity_ids], verdict, na_reason=na_reason)

    def bulk_pairs(self, pairs: list[tuple[int, str]], verdict: Verdict, description: str = "",
                   na_reason: str | None = None) -> int:
        """One verdict for many answers; 基本符合/不符合 records one problem per item. Undone as one step."""
        change = self.store.set_answers_many(self.inspection_id, pairs, verdict, description=description,
                                             na_reason=na_reason)
        for pair in pairs:
            self.verdicts[pair] = str(verdict)
        self._push_bulk(change)
        return len(pairs)

    def _push_bulk(self, change: BulkChange) -> None:
        self._undo.append(change)
        del self._undo[:-UNDO_DEPTH]
        self.note_saved()
        self.answersChanged.emit()
        self.problemsChanged.emit()
        self.bulkChanged.emit()

    def can_undo(self) -> bool:
        return bool(self._undo)

    def last_is_bulk(self) -> bool:
        return bool(self._undo) and isinstance(self._undo[-1], BulkChange)

    def undo(self) -> tuple[int, str] | None:
        """Put back the answers as they were before the last change (a bulk one as a whole); returns where."""
        if not self._undo:
            return None
        last = self._undo.pop()
        if isinstance(last, BulkChange):
            self.store.undo_bulk(self.inspection_id, last)
            self.verdicts = {(e, i): v for e, i, v in self.store.verdicts(self.inspection_id)}
            self.reload_findings()
            where = (last.answers[0][0], last.answers[0][1]) if last.answers else None
            self.note_saved()
            self.answersChanged.emit()
            self.problemsChanged.emit()
            self.bulkChanged.emit()
            return where
        else:
            entity_id, item_id, previous = last
            self.store.restore_answer(self.inspection_id, entity_id, item_id, previous)
            self.verdicts[(entity_id, item_id)] = str(previous.verdict if previous else Verdict.UNANSWERED)
            where = (entity_id, item_id)
        self.note_saved()
        self.answersChanged.emit()
        self.problemsChanged.emit()
        return where

    def accept_finding(self, finding: Finding) -> None:
        self.accept_findings([finding])

    def accept_findings(self, findings: list[Finding]) -> int:
        """Accept suggestions; those of one rule and item become one problem listing their entities."""
        change = self.store.accept_findings(self.inspection_id, findings)
        for f in findings:
            self.verdicts[(f.entity_id, f.item_id)] = str(f.verdict)
            self.findings.pop((f.entity_id, f.item_id), None)
        self._push_bulk(change)
        return len(findings)

    def dismiss_finding(self, finding: Finding, reason: str) -> None:
        self.dismiss_findings([finding], reason)

    def dismiss_findings(self, findings: list[Finding], reason: str) -> int:
        """Dismiss suggestions with the reason (required); undone as one step."""
        change = self.store.dismiss_findings(self.inspection_id, findings, reason)
        for f in findings:
            self.findings.pop((f.entity_id, f.item_id), None)
        self._push_bulk(change)
        return len(findings)

    def rectification_gaps(self) -> list[Any]:
        """What blocks the export, from the caches (no recomputation of suggestions on every edit)."""
        live = set(self.name_of) | {UNIT_ENTITY}
        verdicts = [(e, i, v) for (e, i), v in self.verdicts.items() if e in live]
        return find_gaps(verdicts, self.store.problems(self.inspection_id), list(self.findings.values()),
                         self.name_of)

    # ---- problems, evidence, ledger, texts ---------------------------------------------------------------
    def save_problem(self, entity_id: int, item_id: str, **fields: Any) -> None:
        """Edit the problem of one answer; when it is shared by several answers, all of them change."""
        problem = self.store.problem(self.inspection_id, entity_id, item_id)
        if problem is not None and problem.group_id is not None:
            self.store.save_problem_group(self.inspection_id, problem.group, **fields)
        else:
            self.store.save_problem(self.inspection_id, entity_id, item_id, **fields)
        self.note_saved()
        self.problemsChanged.emit()

    def save_problem_group(self, group: int, **fields: Any) -> None:
        self.store.save_problem_group(self.inspection_id, group, **fields)
        self.note_saved()
        self.problemsChanged.emit()

    def attach_evidence(self, entity_id: int, item_id: str, path: Path) -> None:
        self.store.attach_evidence(self.inspection_id, entity_id, item_id, path)
        self.verdicts.setdefault((entity_id, item_id), str(Verdict.UNANSWERED))
        self.note_saved()

    def remove_evidence(self, ref_id: int) -> None:
        self.store.remove_evidence(ref_id)
        self.note_saved()

    def add_entity(self, kind: str, fields: dict[str, Any]) -> int:
        entity = self.store.add_entity(self.inspection_id, kind, fields)
        self._ledger_changed()
        return entity.id

    def add_entities(self, kind: str, rows: list[dict[str, Any]]) -> int:
        ids = self.store.add_entities(self.inspection_id, kind, rows)
        self._ledger_changed()
        return len(ids)

    def import_plan(self, plan: Any) -> tuple[int, int]:
        """Write an import's new and changed rows (one transaction); returns (added, updated)."""
        counts = apply_plan(self.store, self.inspection_id, plan)
        self._ledger_changed()
        return counts

    def update_entity(self, entity_id: int, fields: dict[str, Any]) -> None:
        self.store.update_entity(entity_id, fields)
        self._ledger_changed()

    def delete_entities(self, entity_ids: list[int]) -> None:
        self.store.delete_entities(entity_ids)
        self._undo = [u for u in self._undo if isinstance(u, BulkChange) or u[0] not in entity_ids]
        self._ledger_changed()

    def _ledger_changed(self) -> None:
        self.reload()
        self.note_saved()
        self.ledgerChanged.emit()
        self.answersChanged.emit()
        self.problemsChanged.emit()

    def set_text(self, key: str, value: str) -> None:
        self.store.set_text(self.inspection_id, key, value)
        self.note_saved()

    def ui_state(self) -> dict[str, Any]:
        return self.store.ui_state(self.inspection_id)

    @property
    def read_only(self) -> bool:
        return bool(getattr(self.store, "read_only", False))

    def save_ui_state(self, **changes: Any) -> None:
        if self.read_only:
            return  # where the user was is not worth an error on a write-protected stick
        state = self.ui_state()
        state.update(changes)
        self.store.set_ui_state(self.inspection_id, state)

    # ---- what the pages show -----------------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.store.path

    def unit(self) -> Unit | None:
        return self.store.get_unit()

    def save_unit(self, unit: Unit, strict_code: bool = True) -> Unit:
        """Validate and save the unit (``strict_code=False`` keeps a legacy code that fails the check)."""
        return self.store.save_unit(unit, strict_code=strict_code)

    def set_inspection_date(self, day: dt.date) -> None:
        self.store.set_inspection_date(self.inspection_id, day)

    def entity_counts(self) -> dict[str, int]:
        return self.store.count_entities(self.inspection_id)

    def entities(self, kind: str | None = None) -> list[Entity]:
        return self.store.entities(self.inspection_id, kind)

    def entity(self, entity_id: int) -> Entity:
        return self.store.entity(entity_id)

    def answer(self, entity_id: int, item_id: str) -> Answer | None:
        """One answer with its evidence list."""
        return self.store.answer(self.inspection_id, entity_id, item_id)

    def answer_review(self, entity_id: int, item_id: str) -> AnswerReview | None:
        """The previous answer to show beside an item reworded by a checklist upgrade, if any."""
        return self.store.answer_reviews(self.inspection_id).get((entity_id, item_id))

    def evidence_path(self, sha256: str) -> Path:
        return self.store.evidence_path(sha256)

    def problems(self) -> list[Problem]:
        return self.store.problems(self.inspection_id)

    def problem(self, entity_id: int, item_id: str) -> Problem | None:
        return self.store.problem(self.inspection_id, entity_id, item_id)

    def problem_group_size(self, group: int) -> int:
        return self.store.problem_group_size(self.inspection_id, group)

    def edit_problem_group(self, group: int, **fields: Any) -> list[Problem]:
        """Write one field of a shared problem and return its rows; no signal (the problem list updates the
        row in place)."""
        return self.store.save_problem_group(self.inspection_id, group, **fields)

    def report_texts(self) -> dict[str, str]:
        """The report's texts as they stand: what the user wrote, else the draft from the data."""
        # lazy: the wizard starts without the export code
        from app.export.texts import report_texts

        return report_texts(read_snapshot(self.store, self.inspection_id))

    def kind_label(self, entity_id: int) -> str:
        return label(self.kind_of.get(entity_id, "unit"))


# ---- the database as the controller sees it: before any inspection is open -------------------------------
@dataclass(frozen=True)
class Overview:
    """What the start screen shows of a database."""

    years: list[int]
    year: int | None = None  # the current inspection's, if any
    unit_name: str = ""
    answered: int = 0
    total: int = 0
    status: str = ""


def open_database(path: Path, read_only: bool) -> Store:
    """Open (or create) the unit database; with an inspection in it, take the rolling start-up backup
    (:mod:`app.storage.backup` keeps ten). Raises :class:`~app.core.errors.SelfcheckError` in plain words."""
    store = Store(path, read_only=read_only)
    if store.current_inspection() is not None:
        store.backup("start")
    return store


def close_database(store: Store) -> None:
    store.close()


def list_backups(db_path: Path) -> list[Any]:
    """The database's rolling backups, newest first (:mod:`app.storage.backup`)."""
    return backups(db_path)


def restore_backup(backup: Path, db_path: Path) -> None:
    """Copy a backup over the (closed) database; the current content is backed up first."""
    restore(backup, db_path)


def overview(store: Store) -> Overview:
    years = [i.year for i in store.inspections()]
    insp = store.current_inspection()
    if insp is None:
        return Overview(years)
    unit = store.get_unit()
    progress = store.progress(insp.id)
    return Overview(years, insp.year, unit.name if unit else "", progress.overall.answered, progress.overall.total,
                    str(insp.status))


def current_inspection_id(store: Store) -> int | None:
    insp = store.current_inspection()
    return insp.id if insp is not None else None


def resumable_inspection_id(store: Store) -> int | None:
    """The current inspection when the wizard was left inside it last time (start-up goes straight back)."""
    insp = store.current_inspection()
    if insp is not None and store.ui_state(insp.id).get("step") is not None:
        return insp.id
    return None


def start_inspection(store: Store, year: int, copy_ledger: bool) -> int:
    """Start ``year``'s inspection on the shipped checklist, copying last year's ledger when asked."""
    previous = store.current_inspection()
    insp = store.start_inspection(year, default_checklist(),
                                  copy_ledger_from=previous.id if previous and copy_ledger else None)
    return insp.id


def export_inspection(db_path: Path, inspection_id: int, out_dir: Path, *, sign: Any, docx: bool,
                      progress: Any) -> Any:
    """The export worker's whole job, on its own connection (it runs in another thread): write the files and,
    once signed, mark the inspection finished."""
    # lazy: the wizard starts without the export code (reportlab, openpyxl)
    from app.commands.export_service import export_inspection as export

    with Store(db_path, create=False) as store:
        result = export(store, inspection_id, out_dir, sign=sign, docx=docx, progress=progress)
        if result.signed:
            store.set_status(inspection_id, InspectionStatus.FINISHED)
    return result
