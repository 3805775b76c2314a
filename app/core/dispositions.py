"""What a unit did with its apps, accounts and groups (成效): dispositions counted from the ledger.

The report's 主要做法和成效 and the province's summary count these; both go through this module so the
ledger fields behind a disposition (the plan, and the facts that it was carried out) are read in one place.
A plan is not a fact: an entity counts as *done* only when the ledger records that the disposition happened
by the inspection date; otherwise it counts as *planned*.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.core.model import Entity

# The disposition actions that count as 成效, by kind, in the order a report names them.
ACTIONS: dict[str, tuple[str, ...]] = {
    "app": ("关停注销", "整合"),
    "account": ("注销", "整合"),
    "group": ("解散", "合并"),
}

# Older ledgers wrote a shorter word for the same action.
_ALIASES = {"关停": "关停注销"}


@dataclass(frozen=True)
class DispositionCounts:
    """Counts by (kind, action): ``done`` happened by the inspection date, ``planned`` is decided only."""

    done: Counter[tuple[str, str]] = field(default_factory=Counter)
    planned: Counter[tuple[str, str]] = field(default_factory=Counter)

    def total_done(self) -> int:
        return sum(self.done.values())


def action_of(entity: Entity) -> str | None:
    """The disposition action an entity's ledger row names, or ``None`` when it is kept (保留) or blank."""
    raw = str(entity.fields.get("disposition") or "").strip()
    action = _ALIASES.get(raw, raw)
    return action if action in ACTIONS.get(entity.kind, ()) else None


def is_done(entity: Entity, as_of: dt.date) -> bool:
    """Whether the ledger records the disposition as carried out by ``as_of`` (not merely planned)."""
    f = entity.fields
    if str(f.get("disposal_status") or "") != "已完成":
        return False
    done_on = f.get("disposal_date")
    return not (isinstance(done_on, dt.date) and done_on > as_of)


def count_dispositions(entities: Iterable[Entity], as_of: dt.date) -> DispositionCounts:
    """Count each kind's disposition actions, split into done and planned."""
    counts = DispositionCounts()
    for e in entities:
        action = action_of(e)
        if action is None:
            continue
        (counts.done if is_done(e, as_of) else counts.planned)[(e.kind, action)] += 1
    return counts
