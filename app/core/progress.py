"""Progress and completeness: how many applicable (entity, item) pairs are answered, and how.

Pure functions over (entity id, kind) pairs and (entity, item, verdict) rows, so they run fast on the
largest unit without loading full answers, and are tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from app.core.checklist import Checklist
from app.core.model import UNIT_ENTITY, Verdict


@dataclass
class Tally:
    total: int = 0
    compliant: int = 0
    partial: int = 0
    noncompliant: int = 0
    not_applicable: int = 0

    @property
    def answered(self) -> int:
        return self.compliant + self.partial + self.noncompliant + self.not_applicable

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.answered / self.total

    @property
    def complete(self) -> bool:
        return self.answered >= self.total

    def add(self, verdict: str | None) -> None:
        if verdict == Verdict.COMPLIANT:
            self.compliant += 1
        elif verdict == Verdict.PARTIAL:
            self.partial += 1
        elif verdict == Verdict.NONCOMPLIANT:
            self.noncompliant += 1
        elif verdict == Verdict.NOT_APPLICABLE:
            self.not_applicable += 1


@dataclass
class Progress:
    overall: Tally = field(default_factory=Tally)
    by_scope: dict[str, Tally] = field(default_factory=dict)
    by_article: dict[int, Tally] = field(default_factory=dict)
    by_entity: dict[int, Tally] = field(default_factory=dict)
    by_item: dict[str, Tally] = field(default_factory=dict)


def compute_progress(
    checklist: Checklist,
    entities: Iterable[tuple[int, str]],
    verdicts: Iterable[tuple[int, str, str]],
) -> Progress:
    """Tally every applicable pair. Answers to retired items or deleted entities are not counted."""
    answers = {(e, i): v for e, i, v in verdicts}
    items_by_scope = {s: checklist.items_for(s) for s in ("unit", "app", "account", "group")}
    active = {s: [it for it in items if not it.retired] for s, items in items_by_scope.items()}
    progress = Progress()
    for scope in active:
        progress.by_scope[scope] = Tally()
    for a in checklist.articles:
        progress.by_article[a.number] = Tally()
    pairs: list[tuple[int, str]] = [(UNIT_ENTITY, "unit"), *entities]
    for entity_id, scope in pairs:
        et = progress.by_entity.setdefault(entity_id, Tally())
        st = progress.by_scope[scope]
        for it in active[scope]:
            verdict = answers.get((entity_id, it.id))
            at = progress.by_article[it.article]
            itt = progress.by_item.setdefault(it.id, Tally())
            for t in (progress.overall, st, at, et, itt):
                t.total += 1
                t.add(verdict)
    return progress
