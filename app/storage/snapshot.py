"""One inspection, read once: what an export's report, workbook, read-back and signature are made from.

:func:`read_snapshot` asks the store, through its public methods, for everything an export shows — the unit,
the inspection and its checklist, the ledger, the answers, the problems, the evidence and the report's texts —
once. The snapshot is immutable (a frozen dataclass of tuples and read-only mappings), so the report model,
the workbook builder and the narrative drafts are all made from the same data and none of them can change it
or query the store again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from app.core.checklist import Checklist
from app.core.model import Answer, Entity, EvidenceRef, Inspection, Problem, Unit
from app.core.progress import Progress

if TYPE_CHECKING:
    from app.storage.store import Store


@dataclass(frozen=True)
class InspectionSnapshot:
    inspection: Inspection
    unit: Unit | None
    checklist: Checklist
    entities: tuple[Entity, ...]  # the ledger, in the store's order (the workbook's canonical order)
    answers: Mapping[tuple[int, str], Answer]  # (entity id, item id) → answer
    problems: tuple[Problem, ...]  # active problems, in the store's order
    evidence: tuple[tuple[int, str, EvidenceRef], ...]  # (entity id, item id, file) in the store's order
    texts: Mapping[str, str]  # the report's stored texts (opening, practices, …)
    progress: Progress

    @property
    def id(self) -> int:
        return self.inspection.id


def read_snapshot(store: Store, inspection_id: int) -> InspectionSnapshot:
    """Everything an export shows of ``inspection_id``, read from ``store`` once."""
    return InspectionSnapshot(
        inspection=store.inspection(inspection_id),
        unit=store.get_unit(),
        checklist=store.checklist_for(inspection_id),
        entities=tuple(store.entities(inspection_id)),
        answers=MappingProxyType(dict(store.answers(inspection_id))),
        problems=tuple(store.problems(inspection_id)),
        evidence=tuple(store.all_evidence(inspection_id)),
        texts=MappingProxyType(dict(store.texts(inspection_id))),
        progress=store.progress(inspection_id),
    )
