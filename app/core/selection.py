"""Answering by exception: which (entity, item) pairs a bulk action covers.

A clerk with 3,000 groups does not answer them one by one: they pick entities by ledger facts (kind,
platform, owner department, temporary or not, how they are answered so far, pending suggestions) and items
(one, several, an article, all), answer the exceptions, then say "all the rest are 符合". Pure functions over
plain rows, so the wizard and its tests (and a benchmark) select exactly the same pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.core.checklist import Checklist
from app.core.findings import Finding
from app.core.model import Entity, Verdict

# The ledger field that names an entity's owner department, per kind.
OWNER_FIELD = {"app": "sponsor", "account": "sponsor", "group": "creator_unit"}
PLATFORM_FIELD = {"app": "host_platform", "account": "platform", "group": "platform"}
ANY = ""


@dataclass(frozen=True)
class Selection:
    """Entity facts (``ANY`` / ``None`` means no condition) and items; ``only_unanswered`` keeps answers given."""

    kind: str = ANY
    platform: str = ANY
    owner: str = ANY
    temporary: bool | None = None
    answered: str = ANY  # ANY | "unanswered" | "answered" | a verdict: entities having at least one such answer
    suggestion: str = ANY  # ANY | "none" | "any" | a rule name: entities with a pending suggestion of that rule
    items: tuple[str, ...] = ()  # () = every applicable item (narrowed by ``article``)
    article: int = 0
    only_unanswered: bool = True
    entity_ids: tuple[int, ...] = ()  # () = no restriction (else: those picked in the tree)


def platform_of(e: Entity) -> str:
    return str(e.fields.get(PLATFORM_FIELD.get(e.kind, "platform")) or "")


def owner_of(e: Entity) -> str:
    return str(e.fields.get(OWNER_FIELD.get(e.kind, "sponsor")) or "")


def facts(entities: Iterable[Entity]) -> dict[str, list[str]]:
    """The distinct platforms and owner departments present, for the selection's drop-downs."""
    platforms, owners = set(), set()
    for e in entities:
        platforms.add(platform_of(e))
        owners.add(owner_of(e))
    return {"platform": sorted(p for p in platforms if p), "owner": sorted(o for o in owners if o)}


def _items_for(checklist: Checklist, kind: str, sel: Selection) -> list[str]:
    items = [it for it in checklist.items_for(kind) if not it.retired]
    if sel.article:
        items = [it for it in items if it.article == sel.article]
    if sel.items:
        wanted = set(sel.items)
        items = [it for it in items if it.id in wanted]
    return [it.id for it in items]


def select_entities(
    checklist: Checklist,
    entities: Iterable[Entity],
    verdicts: Mapping[tuple[int, str], str],
    findings: Mapping[tuple[int, str], Finding],
    sel: Selection,
) -> list[Entity]:
    """The entities whose ledger facts, answers and suggestions match ``sel``."""
    picked = set(sel.entity_ids)
    rules_of: dict[int, set[str]] = {}
    for (eid, _), f in findings.items():
        rules_of.setdefault(eid, set()).add(f.rule)
    out = []
    for e in entities:
        if picked and e.id not in picked:
            continue
        if sel.kind and e.kind != sel.kind:
            continue
        if sel.platform and platform_of(e) != sel.platform:
            continue
        if sel.owner and owner_of(e) != sel.owner:
            continue
        if sel.temporary is not None and (e.fields.get("permanence") == "临时") != sel.temporary:
            continue
        if sel.suggestion:
            rules = rules_of.get(e.id, set())
            if (sel.suggestion == "none" and rules) or (sel.suggestion == "any" and not rules):
                continue
            if sel.suggestion not in ("none", "any") and sel.suggestion not in rules:
                continue
        if sel.answered:
            states = {verdicts.get((e.id, i), Verdict.UNANSWERED.value) for i in _items_for(checklist, e.kind, sel)}
            if sel.answered == "unanswered" and Verdict.UNANSWERED.value not in states:
                continue
            if sel.answered == "answered" and states <= {Verdict.UNANSWERED.value}:
                continue
            if sel.answered not in ("unanswered", "answered") and sel.answered not in states:
                continue
        out.append(e)
    return out


def select_pairs(
    checklist: Checklist,
    entities: Iterable[Entity],
    verdicts: Mapping[tuple[int, str], str],
    findings: Mapping[tuple[int, str], Finding],
    sel: Selection,
) -> list[tuple[int, str]]:
    """The (entity, item) pairs a bulk answer with ``sel`` would write, in ledger then checklist order."""
    pairs = []
    items_by_kind: dict[str, list[str]] = {}
    for e in select_entities(checklist, entities, verdicts, findings, sel):
        if e.kind not in items_by_kind:
            items_by_kind[e.kind] = _items_for(checklist, e.kind, sel)
        for item in items_by_kind[e.kind]:
            if sel.only_unanswered and verdicts.get((e.id, item), Verdict.UNANSWERED.value) != Verdict.UNANSWERED:
                continue
            pairs.append((e.id, item))
    return pairs


def the_rest(
    checklist: Checklist,
    entity_kinds: Iterable[tuple[int, str]],
    verdicts: Mapping[tuple[int, str], str],
    findings: Mapping[tuple[int, str], Finding],
    scopes: tuple[str, ...] = ("app", "account", "group"),
) -> tuple[list[tuple[int, str]], int]:
    """Every unanswered pair of ``scopes`` without a pending suggestion ("all the rest are 符合"), and how many
    unanswered pairs were left out because a suggestion is pending on them."""
    active = {s: [it.id for it in checklist.items_for(s) if not it.retired] for s in scopes}
    rest, held = [], 0
    for eid, kind in entity_kinds:
        for item in active.get(kind, ()):
            if verdicts.get((eid, item), Verdict.UNANSWERED.value) != Verdict.UNANSWERED:
                continue
            if (eid, item) in findings:
                held += 1
                continue
            rest.append((eid, item))
    return rest, held
