"""Evidence links: which stored file (see :mod:`app.storage.evidence`) supports which answer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.core.model import (
    EvidenceRef,
    Verdict,
)
from app.storage.answers_store import check_applicable
from app.storage.common import scalar, timestamp

if TYPE_CHECKING:
    from app.storage.store import Store


class EvidenceLinks:
    """Links answers to files in the content-addressed evidence folder."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def attach_evidence(self, inspection_id: int, entity_id: int, item_id: str, source: Path | str) -> EvidenceRef:
        """Copy a file into the evidence store and link it to the answer (created unanswered if needed)."""
        check_applicable(self.store, inspection_id, entity_id, item_id)
        stored = self.store.evidence.add(source)
        now = timestamp()
        with self.store.transaction() as c:
            c.execute(
                "INSERT INTO answer (inspection_id, entity_id, item_id, verdict, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (inspection_id, entity_id, item_id) DO NOTHING",
                (inspection_id, entity_id, item_id, str(Verdict.UNANSWERED), now),
            )
            answer_id = scalar(self.store.conn,
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
        with self.store.transaction() as c:
            c.execute("DELETE FROM answer_evidence WHERE id = ?", (ref_id,))

    def evidence_path(self, sha256: str) -> Path:
        return self.store.evidence.path_for(sha256)

    def all_evidence(self, inspection_id: int) -> list[tuple[int, str, EvidenceRef]]:
        """(entity id, item id, evidence) for the whole inspection: the report's evidence manifest."""
        return [
            (r[0], r[1], EvidenceRef(r[2], r[3], r[4], r[5], r[6]))
            for r in self.store.conn.execute(
                "SELECT a.entity_id, a.item_id, ae.id, ae.sha256, ae.original_name, f.size, ae.added_at"
                " FROM answer_evidence ae JOIN answer a ON a.id = ae.answer_id"
                " JOIN evidence_file f ON f.sha256 = ae.sha256 WHERE a.inspection_id = ?"
                " ORDER BY a.entity_id, a.item_id, ae.id",
                (inspection_id,),
            )
        ]
