"""Answers: one verdict per (entity, item), with its note and 不适用 reason; bulk answers and their undo;
accepting suggestions (which become answers and problems); progress."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.core import ledger
from app.core.errors import ValidationError
from app.core.findings import Finding
from app.core.model import (
    UNIT_ENTITY,
    Answer,
    EvidenceRef,
    Verdict,
)
from app.core.progress import Progress, compute_progress
from app.core.rectification import group_description
from app.storage.common import scalar, timestamp

if TYPE_CHECKING:
    from app.storage.store import Store

MAX_NA_REASON = 200


@dataclass
class BulkChange:
    """What one bulk action replaced, so it is undone as one step."""

    answers: list[tuple[int, str, Answer | None]]  # (entity, item, answer before)
    created_problems: list[int]
    decided: list[str]  # suggestion keys decided by the action

    @property
    def count(self) -> int:
        return len(self.answers) or len(self.decided)


def clean_reason(text: str) -> str:
    """A 不适用 reason is one line: line breaks become spaces, control characters go, at most 200 characters."""
    return ledger.clean_text(" ".join(str(text).split()))[:MAX_NA_REASON]


def check_applicable(store: Store, inspection_id: int, entity_id: int, item_id: str) -> None:
    """Refuse an answer to an item the checklist does not have, or that does not apply to the entity's kind."""
    checklist = store.checklist_for(inspection_id)
    if not checklist.has_item(item_id):
        raise ValidationError(f"清单中没有检查项 {item_id}", field="item")
    item = checklist.item(item_id)
    scope = "unit" if entity_id == UNIT_ENTITY else scalar(store.conn, "SELECT kind FROM entity WHERE id = ?",
                                                           (entity_id,))
    if scope is None:
        raise ValidationError(f"台账中没有编号为 {entity_id} 的条目", field="entity")
    if scope not in item.scopes:
        raise ValidationError(f"检查项 {item_id} 不适用于{ledger.KIND_LABELS.get(scope, '单位')}", field="item")


def evidence_of(conn: sqlite3.Connection, answer_id: int) -> list[EvidenceRef]:
    """The evidence linked to one answer, in the order it was attached."""
    return [
        EvidenceRef(r[0], r[1], r[2], r[3], r[4])
        for r in conn.execute(
            "SELECT ae.id, ae.sha256, ae.original_name, f.size, ae.added_at FROM answer_evidence ae"
            " JOIN evidence_file f ON f.sha256 = ae.sha256 WHERE ae.answer_id = ? ORDER BY ae.id",
            (answer_id,),
        )
    ]


class AnswersStore:
    """Writes and reads the answers of an inspection."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def set_answer(
        self, inspection_id: int, entity_id: int, item_id: str, verdict: Verdict, note: str | None = None,
        na_reason: str | None = None,
    ) -> Answer | None:
        """Save one answer at once; returns the previous answer (for undo) or ``None``. 不适用 needs a reason:
        ``na_reason``, or the one already stored with the answer."""
        check_applicable(self.store, inspection_id, entity_id, item_id)
        previous = self.answer(inspection_id, entity_id, item_id)
        reason = self._na_reason(Verdict(verdict), na_reason, previous.na_reason if previous else "", item_id)
        with self.store.transaction() as c:
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
                (inspection_id, entity_id, item_id, str(verdict), timestamp()),
            )
        else:
            c.execute(
                "INSERT INTO answer (inspection_id, entity_id, item_id, verdict, note, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_id, entity_id, item_id) DO UPDATE SET"
                " verdict = excluded.verdict, note = excluded.note, updated_at = excluded.updated_at",
                (inspection_id, entity_id, item_id, str(verdict), ledger.clean_text(note)[:2000], timestamp()),
            )
        if na_reason is not None:
            c.execute("UPDATE answer SET na_reason = ? WHERE inspection_id = ? AND entity_id = ? AND item_id = ?",
                      (na_reason, inspection_id, entity_id, item_id))

    def set_note(self, inspection_id: int, entity_id: int, item_id: str, note: str) -> None:
        current = self.answer(inspection_id, entity_id, item_id)
        verdict = current.verdict if current else Verdict.UNANSWERED
        check_applicable(self.store, inspection_id, entity_id, item_id)
        with self.store.transaction() as c:
            self._write_answer(c, inspection_id, entity_id, item_id, verdict, note)

    def set_na_reason(self, inspection_id: int, entity_id: int, item_id: str, reason: str) -> None:
        """Change the reason of a 不适用 answer (an empty one is refused while the verdict is 不适用)."""
        current = self.answer(inspection_id, entity_id, item_id)
        verdict = current.verdict if current else Verdict.UNANSWERED
        self.set_answer(inspection_id, entity_id, item_id, verdict, na_reason=reason)

    def restore_answer(self, inspection_id: int, entity_id: int, item_id: str, previous: Answer | None) -> None:
        """Undo: put back the answer returned by :meth:`set_answer` (or remove it when there was none)."""
        with self.store.transaction() as c:
            if previous is None:
                c.execute(
                    "UPDATE answer SET verdict = ?, updated_at = ? WHERE inspection_id = ? AND entity_id = ?"
                    " AND item_id = ?",
                    (str(Verdict.UNANSWERED), timestamp(), inspection_id, entity_id, item_id),
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
        with self.store.transaction() as c:
            for (eid, item), reason in zip(pairs, reasons, strict=True):
                self._write_answer(c, inspection_id, eid, item, verdict, note, reason)
            if verdict.needs_problem:
                change.created_problems = self._ensure_problems(c, inspection_id, pairs, description)
        return change

    def _check_pairs(self, inspection_id: int, pairs: Sequence[tuple[int, str]]) -> None:
        """The same check as :meth:`_check_applicable`, for thousands of pairs with two queries."""
        checklist = self.store.checklist_for(inspection_id)
        kinds = {r[0]: r[1] for r in self.store.conn.execute(
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
        now = timestamp()
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
        now = timestamp()
        with self.store.transaction() as c:
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
        now = timestamp()
        rows = []
        for n, (e, i, v, note, *rest) in enumerate(answers, start=1):
            reason = clean_reason(rest[0]) if rest and rest[0] else ""
            if Verdict(v) == Verdict.NOT_APPLICABLE and not reason:
                raise ValidationError(f"第{n}条答复(检查项 {i})为“不适用”但没有填写不适用理由", field="na_reason")
            rows.append((inspection_id, e, i, str(v), note, reason, now))
        with self.store.transaction() as c:
            c.executemany(
                "INSERT INTO answer (inspection_id, entity_id, item_id, verdict, note, na_reason, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_id, entity_id, item_id) DO UPDATE SET"
                " verdict = excluded.verdict, note = excluded.note, na_reason = excluded.na_reason,"
                " updated_at = excluded.updated_at",
                rows,
            )

    def answer(self, inspection_id: int, entity_id: int, item_id: str) -> Answer | None:
        row = self.store.conn.execute(
            "SELECT id, verdict, note, updated_at, na_reason FROM answer WHERE inspection_id = ? AND entity_id = ?"
            " AND item_id = ?",
            (inspection_id, entity_id, item_id),
        ).fetchone()
        if row is None:
            return None
        return Answer(entity_id, item_id, Verdict(row[1]), row[2], row[3], evidence_of(self.store.conn, row[0]), row[4])

    def answers(self, inspection_id: int) -> dict[tuple[int, str], Answer]:
        """Every answer (without evidence lists), keyed by (entity id, item id)."""
        return {
            (r[0], r[1]): Answer(r[0], r[1], Verdict(r[2]), r[3], r[4], na_reason=r[5])
            for r in self.store.conn.execute(
                "SELECT entity_id, item_id, verdict, note, updated_at, na_reason FROM answer WHERE inspection_id = ?",
                (inspection_id,),
            )
        }

    def verdicts(self, inspection_id: int) -> Iterator[tuple[int, str, str]]:
        """(entity id, item id, verdict) rows: the cheapest read, for progress."""
        return iter(
            self.store.conn.execute(
                "SELECT entity_id, item_id, verdict FROM answer WHERE inspection_id = ?", (inspection_id,)
            ).fetchall()
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
        names = {e[0]: e[2] for e in self.store.entity_index(inspection_id)}
        change = BulkChange([(f.entity_id, f.item_id, before.get((f.entity_id, f.item_id))) for f in findings],
                            [], [f.key for f in findings])
        groups: dict[tuple[str, str, str], list[Finding]] = {}
        for f in findings:
            groups.setdefault((f.rule, f.item_id, str(f.verdict)), []).append(f)
        now = timestamp()
        with self.store.transaction() as c:
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

    def progress(self, inspection_id: int) -> Progress:
        """Progress per entity, scope, article and item, from the lightest queries the store can make."""
        entities = self.store.conn.execute(
            "SELECT id, kind FROM entity WHERE inspection_id = ?", (inspection_id,)
        ).fetchall()
        return compute_progress(self.store.checklist_for(inspection_id), entities, self.verdicts(inspection_id))
