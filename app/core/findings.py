"""Auto-findings: what the ledger itself says about likely answers, driven by the rules in
``checklists/rules/`` (:mod:`app.core.rules`).

They are suggestions the person confirms or dismisses, never silent answers. Each has a stable key (rule and
entity) so a decision is remembered, points at the checklist item it would answer, and carries a statement
of fact (“‘XX’应用设有打卡签到功能,未经审批”) that becomes the problem's draft when accepted.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.core import ledger
from app.core.checklist import Checklist
from app.core.model import Entity, Verdict
from app.core.rules import Rule, RuleSet, shipped_rules

DONE = "已完成"


@dataclass(frozen=True)
class Finding:
    key: str
    rule: str
    entity_id: int
    item_id: str
    verdict: Verdict
    message: str  # the statement of fact, drafted for the problem description (or the 不适用 reason)
    summary: str = ""  # the same for several entities accepted together
    source: str = ""

    @property
    def needs_data(self) -> bool:
        """The ledger lacks a fact: the suggestion asks for it rather than proposing a verdict."""
        return self.verdict == Verdict.UNANSWERED


_PUNCT = re.compile(r"[\s\u3000·・\-_—()()【】\[\]《》<>“”\"'‘’,,。.、:;:;!!??/\\|]+")


def normalise_name(name: str, suffixes: Iterable[str] = ()) -> str:
    """Compare names without punctuation, width or case, and without a trailing common suffix (办事/服务/办)."""
    text = _PUNCT.sub("", unicodedata.normalize("NFKC", name)).casefold()
    for suffix in suffixes:
        if len(text) > len(suffix) + 1 and text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning ``limit + 1``) once it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


_NUMBERS = re.compile(r"[0-9〇零一二三四五六七八九十百千]+")


def _near(a: str, b: str, limit: int) -> bool:
    """Same, or within ``limit`` edits — but short names (“教育群”/“体育群”) must match exactly, and names that
    differ in their numbers (“第1网格”/“第2网格”) are different entities."""
    if a == b:
        return True
    if min(len(a), len(b)) <= 3 or _NUMBERS.findall(a) != _NUMBERS.findall(b):
        return False
    return edit_distance(a, b, limit) <= limit


def platform_of(e: Entity) -> str:
    """Where an entity lives, for “the same platform”: a mini-program's host, else its type; an account's or a
    group's platform."""
    f = e.fields
    if e.kind == "app":
        return str(f.get("host_platform") or f.get("app_type") or "").strip()
    return str(f.get("platform") or "").strip()


def disposed(e: Entity) -> bool:
    """Shut, cancelled, merged or dissolved as a fact (not merely planned)."""
    f = e.fields
    return bool(f.get("disposition")) and f.get("disposition") != "保留" and f.get("disposal_status") == DONE


def _matches(value: Any, wanted: tuple[Any, ...]) -> bool:
    blank = value is None or value == ""
    return any((w == "" and blank) or (w != "" and value == w and type(value) is type(w)) for w in wanted)


def _holds(conditions: tuple[tuple[str, tuple[Any, ...]], ...], e: Entity) -> bool:
    return all(_matches(e.fields.get(k), wanted) for k, wanted in conditions)


def _shown_in_prose(value: Any) -> str:
    """A ledger value as a sentence shows it: dates as 2025年1月6日 (a drafted problem goes into the report)."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return ledger.display_value(value)


def _text(template: str, values: dict[str, Any]) -> str:
    shown = {k: _shown_in_prose(v) for k, v in values.items()}
    return template.format_map(defaultdict(str, shown))


def _evaluate(rule: Rule, e: Entity, day: dt.date) -> dict[str, Any] | None:
    """The placeholder values when the rule holds for ``e``, else None (duplicates are found elsewhere)."""
    if rule.when and not _holds(rule.when, e):
        return None
    if rule.unless and _holds(rule.unless, e):
        return None
    values: dict[str, Any] = {**e.fields, "name": e.name, "platform": platform_of(e)}
    if rule.older_than:
        key, days = rule.older_than
        when = e.fields.get(key)
        if not isinstance(when, dt.date) or (day - when).days <= days:
            return None
        values["days"] = (day - when).days
    if rule.below:
        key, limit = rule.below
        number = e.fields.get(key)
        if not isinstance(number, int) or number >= limit:
            return None
        values["value"] = number
    return values


def _duplicates(rule: Rule, entities: list[Entity]) -> dict[int, dict[str, Any]]:
    """Entities of the rule's kind with a same or near name on the same platform, disposed ones left out."""
    pool = [e for e in entities if e.kind == rule.kind and e.name.strip() and not disposed(e)
            and (not rule.when or _holds(rule.when, e)) and not (rule.unless and _holds(rule.unless, e))]
    by_platform: dict[str, list[tuple[Entity, str]]] = defaultdict(list)
    for e in pool:
        by_platform[platform_of(e)].append((e, normalise_name(e.name, rule.suffixes)))
    out: dict[int, dict[str, Any]] = {}
    for platform, members in by_platform.items():
        names = [n for _, n in members]
        for pos, partner in enumerate(_first_near(names, rule.max_distance)):
            if partner is not None:
                one, other = members[pos][0], members[partner][0]
                out[one.id] = {**one.fields, "name": one.name, "platform": platform, "other": other.name}
    return out


def _deletions(name: str, limit: int) -> set[str]:
    """Every string left after deleting up to ``limit`` characters: two names within ``limit`` edits always
    share one (a substitution is a deletion on both sides), so only names sharing one need comparing."""
    found, frontier = {name}, {name}
    for _ in range(limit):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))} - found
        found |= frontier
    return found


def _first_near(names: list[str], limit: int) -> list[int | None]:
    """For each name, the position of the first other name it is near, in the order a pairwise scan would meet
    them (an earlier name first, else the next later one), or None. Candidates come from a deletion index, so
    a county's 3,000 groups on one platform cost thousands of comparisons, not millions."""
    keys = [_deletions(n, limit) for n in names]
    index: dict[str, list[int]] = defaultdict(list)
    for pos, variants in enumerate(keys):
        for v in variants:
            index[v].append(pos)
    partners: list[int | None] = []
    for pos, variants in enumerate(keys):
        candidates = sorted({c for v in variants for c in index[v]} - {pos})
        earlier = [c for c in candidates if c < pos]
        later = [c for c in candidates if c > pos]
        partners.append(next((c for c in earlier + later if _near(names[c], names[pos], limit)), None))
    return partners


def compute_findings(checklist: Checklist, entities: Iterable[Entity], inspection_date: dt.date,
                     rules: RuleSet | None = None) -> list[Finding]:
    """Suggestions for the ledger as of ``inspection_date``, in entity then rule order. For each (entity,
    item) the first rule that holds wins; rules whose item the checklist lacks (or has retired) are skipped."""
    entities = list(entities)
    rules = rules if rules is not None else shipped_rules()
    chosen: dict[tuple[int, str], Finding] = {}
    for rule in rules.rules:
        items = [i for i in rule.items if checklist.has_item(i) and not checklist.item(i).retired]
        if not items:
            continue
        if rule.check == "duplicate":
            hits = _duplicates(rule, entities)
        else:
            hits = {}
            for e in entities:
                if e.kind == rule.kind and (values := _evaluate(rule, e, inspection_date)) is not None:
                    hits[e.id] = values
        for eid, values in hits.items():
            for item_id in items:
                chosen.setdefault((eid, item_id), Finding(
                    f"{rule.id}:{eid}:{item_id}", rule.id, eid, item_id, rule.verdict,
                    _text(rule.statement, values), _text(rule.summary, values), rule.source))
    order = {e.id: n for n, e in enumerate(entities)}
    return sorted(chosen.values(), key=lambda f: (order.get(f.entity_id, 0), f.item_id))


def pending_findings(findings: Iterable[Finding], decisions: dict[str, str]) -> list[Finding]:
    """Findings not yet accepted or dismissed."""
    return [f for f in findings if f.key not in decisions]
