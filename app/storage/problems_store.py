"""Problems and their rectification: one row per answer that needs one, rows of a group edited together;
what still blocks the export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import EllipsisType
from typing import TYPE_CHECKING, Any

from app.core import ledger
from app.core.errors import StoreError, ValidationError
from app.core.model import (
    UNIT_ENTITY,
    Problem,
    ProblemStatus,
    Verdict,
)
from app.core.rectification import Gap, RectificationIncomplete, find_gaps
from app.storage.answers_store import check_applicable
from app.storage.common import scalar, timestamp

if TYPE_CHECKING:
    from app.storage.store import Store


class ProblemsStore:
    """Writes and reads the problem list."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def save_problem(
        self,
        inspection_id: int,
        entity_id: int,
        item_id: str,
        *,
        description: str | None = None,
        measure: str | None = None,
        owner: str | None = None,
        deadline: dt.date | str | EllipsisType | None = ...,  # ... keeps the stored one
        status: ProblemStatus | str | None = None,
    ) -> Problem:
        """Create or update the problem recorded for one answer; only the given fields change."""
        check_applicable(self.store, inspection_id, entity_id, item_id)
        changes = self._problem_changes(description=description, measure=measure, owner=owner, deadline=deadline,
                                        status=status)
        now = timestamp()
        with self.store.transaction() as c:
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
        deadline: dt.date | str | EllipsisType | None = ...,  # ... keeps the stored one
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
        row = self.store.conn.execute(
            self._PROBLEM_SQL + " AND p.entity_id = ? AND p.item_id = ?", (inspection_id, entity_id, item_id)
        ).fetchone()
        return self._problem(row) if row else None

    def problems(self, inspection_id: int, active_only: bool = True) -> list[Problem]:
        """Problems of the inspection. A problem whose answer is no longer 基本符合/不符合 is kept in the
        database (so changing the verdict back restores it) but is not active."""
        rows = self.store.conn.execute(self._PROBLEM_SQL + " ORDER BY p.entity_id, p.item_id", (inspection_id,))
        out = [self._problem(r) for r in rows]
        return [p for p in out if p.verdict.needs_problem] if active_only else out

    def save_problem_group(self, /, inspection_id: int, group: int, **fields: Any) -> list[Problem]:
        """Edit one problem that covers several answers: every row of the group gets the same fields."""
        rows = self._group_rows(inspection_id, group)
        if not rows:
            raise StoreError(f"没有编号为 {group} 的问题")
        changes = self._problem_changes(**fields)
        if changes:
            now = timestamp()
            sets = ", ".join(f"{k} = ?" for k in changes)
            with self.store.transaction() as c:
                c.executemany(f"UPDATE problem SET {sets}, updated_at = ? WHERE id = ?",
                              [(*changes.values(), now, p.id) for p in rows])
        return self._group_rows(inspection_id, group)

    def _group_rows(self, inspection_id: int, group: int) -> list[Problem]:
        """The rows of one problem, read by index (a cell edit on the largest unit stays instant)."""
        rows = self.store.conn.execute(self._PROBLEM_SQL + " AND (p.id = ? OR p.group_id = ?) ORDER BY p.entity_id, p.item_id",
                                 (inspection_id, group, group))
        return [p for p in map(self._problem, rows) if p.group == group]

    def problem_group_size(self, inspection_id: int, group: int) -> int:
        return int(scalar(self.store.conn, "SELECT count(*) FROM problem WHERE inspection_id = ? AND (id = ? OR group_id = ?)",
                             (inspection_id, group, group)) or 0)

    def split_problem(self, inspection_id: int, problem_id: int) -> None:
        """Take one answer out of a shared problem: it keeps a copy of the fields and is edited alone."""
        with self.store.transaction() as c:
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
        names = {e[0]: e[2] for e in self.store.entity_index(inspection_id)}
        live = set(names) | {UNIT_ENTITY}
        verdicts = [v for v in self.store.verdicts(inspection_id) if v[0] in live]
        return find_gaps(verdicts, self.problems(inspection_id), self.store.findings(inspection_id), names)

    def check_rectification(self, inspection_id: int) -> None:
        """Raise :class:`RectificationIncomplete` (listing the gaps) unless every problem is complete."""
        gaps = self.rectification_gaps(inspection_id)
        if gaps:
            raise RectificationIncomplete(gaps)
