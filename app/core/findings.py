"""Auto-findings: what the ledger itself says about likely problems.

They are suggestions the person confirms or dismisses, never silent answers. Each has a stable key so a
decision is remembered, and points at the checklist item it would answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from app.core.checklist import Checklist
from app.core.model import Entity, Verdict

ZOMBIE_DAYS = 14  # 国办秘函〔2019〕19号:监测时间点前2周内无更新

ITEM_ZOMBIE = "A07-02"
ITEM_FORCED = "A06-01"
ITEM_TEMP_GROUP = "A11-02"
ITEM_ICP = "A14-01"
ITEM_COMPLAINT = "A14-02"
DUPLICATE_ITEMS = {"app": "A05-02", "account": "A07-03", "group": "A11-03"}


@dataclass(frozen=True)
class Finding:
    key: str
    rule: str
    entity_id: int
    item_id: str
    verdict: Verdict
    message: str


def _norm_name(name: str) -> str:
    return re.sub(r"[\s\u3000·・\-_()()【】\[\]]", "", name).casefold()


def compute_findings(checklist: Checklist, entities: Iterable[Entity], inspection_date: dt.date) -> list[Finding]:
    """Findings for the ledger as of ``inspection_date``, in entity order; rules whose item is not in the
    checklist are skipped."""
    entities = list(entities)
    found: list[Finding] = []

    def add(rule: str, e: Entity, item_id: str, verdict: Verdict, message: str) -> None:
        if checklist.has_item(item_id) and not checklist.item(item_id).retired:
            found.append(Finding(f"{rule}:{e.id}", rule, e.id, item_id, verdict, message))

    cutoff = inspection_date - dt.timedelta(days=ZOMBIE_DAYS)
    for e in entities:
        f = e.fields
        if e.kind == "account":
            last = f.get("last_update")
            if isinstance(last, dt.date) and last < cutoff:
                days = (inspection_date - last).days
                add("zombie", e, ITEM_ZOMBIE, Verdict.NONCOMPLIANT,
                    f"账号“{e.name}”最近更新于 {last.isoformat()},检查日前 {days} 天无更新(超过{ZOMBIE_DAYS}天),"
                    "存在“僵尸”账号风险")
        elif e.kind == "app":
            if f.get("forced_features") is True:
                add("forced", e, ITEM_FORCED, Verdict.NONCOMPLIANT,
                    f"应用“{e.name}”登记有打卡签到/积分排名/在线时长功能,请核实是否经严格审批且仅供内部掌握")
            if not (f.get("icp_no") or "").strip():
                add("icp", e, ITEM_ICP, Verdict.NONCOMPLIANT, f"应用“{e.name}”未登记ICP备案号")
            if f.get("has_complaint") is False:
                add("complaint", e, ITEM_COMPLAINT, Verdict.NONCOMPLIANT,
                    f"应用“{e.name}”登记为没有投诉建议功能")
        elif e.kind == "group":
            end = f.get("task_end")
            if (f.get("permanence") == "临时" and isinstance(end, dt.date) and end < inspection_date
                    and f.get("disposition") != "解散"):
                add("temp_group", e, ITEM_TEMP_GROUP, Verdict.NONCOMPLIANT,
                    f"临时工作群“{e.name}”的任务已于 {end.isoformat()} 结束,群组仍未解散")
    by_name: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for e in entities:
        if e.name.strip():
            by_name[(e.kind, _norm_name(e.name))].append(e)
    for (kind, _), same in by_name.items():
        if len(same) < 2:
            continue
        for e in same:
            others = len(same) - 1
            add("duplicate", e, DUPLICATE_ITEMS[kind], Verdict.NONCOMPLIANT,
                f"“{e.name}”与另外 {others} 个同类条目名称相同或相近,可能重复建设")
    return found


def pending_findings(findings: Iterable[Finding], decisions: dict[str, str]) -> list[Finding]:
    """Findings not yet accepted or dismissed."""
    return [f for f in findings if f.key not in decisions]
