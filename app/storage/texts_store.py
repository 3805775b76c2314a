"""The report's narrative texts, decisions on suggestions (findings), and where the wizard was left."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app.core import ledger
from app.core.errors import ValidationError
from app.core.findings import Finding, compute_findings, pending_findings
from app.storage.answers_store import BulkChange
from app.storage.common import scalar, timestamp

if TYPE_CHECKING:
    from app.storage.store import Store


class TextsStore:
    """Texts, finding decisions and the wizard's state of one inspection."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get_text(self, inspection_id: int, key: str, default: str = "") -> str:
        value = scalar(self.store.conn, "SELECT value FROM inspection_text WHERE inspection_id = ? AND key = ?", (inspection_id, key))
        return default if value is None else str(value)

    def texts(self, inspection_id: int) -> dict[str, str]:
        return dict(
            self.store.conn.execute("SELECT key, value FROM inspection_text WHERE inspection_id = ?", (inspection_id,))
        )

    def set_text(self, inspection_id: int, key: str, value: str) -> None:
        with self.store.transaction() as c:
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
        with self.store.transaction() as c:
            c.executemany(
                "INSERT INTO finding_decision (inspection_id, key, decision, decided_at, reason) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (inspection_id, key) DO UPDATE SET decision = excluded.decision,"
                " decided_at = excluded.decided_at, reason = excluded.reason",
                [(inspection_id, k, decision, timestamp(), reason) for k in keys],
            )

    def dismiss_findings(self, inspection_id: int, findings: Sequence[Finding], reason: str) -> BulkChange:
        self.decide_findings(inspection_id, [f.key for f in findings], "dismissed", reason)
        return BulkChange([], [], [f.key for f in findings])

    def finding_reasons(self, inspection_id: int) -> dict[str, str]:
        """Why each dismissed suggestion was dismissed (the report and the workbook may cite it)."""
        return dict(self.store.conn.execute(
            "SELECT key, reason FROM finding_decision WHERE inspection_id = ? AND decision = 'dismissed'",
            (inspection_id,)))

    def finding_decisions(self, inspection_id: int) -> dict[str, str]:
        return dict(
            self.store.conn.execute("SELECT key, decision FROM finding_decision WHERE inspection_id = ?", (inspection_id,))
        )

    def ui_state(self, inspection_id: int) -> dict[str, Any]:
        raw = scalar(self.store.conn, "SELECT ui_state FROM inspection WHERE id = ?", (inspection_id,))
        try:
            value = json.loads(raw or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def set_ui_state(self, inspection_id: int, state: dict[str, Any]) -> None:
        with self.store.transaction() as c:
            c.execute(
                "UPDATE inspection SET ui_state = ? WHERE id = ?", (json.dumps(state, ensure_ascii=False), inspection_id)
            )

    def findings(self, inspection_id: int, pending_only: bool = True) -> list[Finding]:
        insp = self.store.inspection(inspection_id)
        found = compute_findings(self.store.checklist_for(inspection_id), self.store.entities(inspection_id), insp.inspection_date)
        return pending_findings(found, self.finding_decisions(inspection_id)) if pending_only else found
