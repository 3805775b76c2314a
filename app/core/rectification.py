"""Rectification integrity: what still stands between the answers and an export.

Every 基本符合 / 不符合 answer must be covered by a problem with 整改措施, 责任人 and 整改时限 (one problem may
cover many answers), and an answer that contradicts a pending suggestion needs the suggestion dismissed with
a reason. Pure functions over plain rows, so the store, the CLI and the wizard list the same gaps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.core.errors import ValidationError
from app.core.findings import Finding
from app.core.model import UNIT_ENTITY, Problem, Verdict

NO_PROBLEM = "no_problem"
INCOMPLETE = "incomplete"
CONTRADICTION = "contradiction"
SHOWN_IN_MESSAGE = 10


@dataclass(frozen=True)
class Gap:
    """One thing to fix before export, pointing at the answer (entity, item) to open."""

    kind: str  # NO_PROBLEM | INCOMPLETE | CONTRADICTION
    entity_id: int
    item_id: str
    message: str
    group: int | None = None  # the problem (group) concerned, for INCOMPLETE


class RectificationIncomplete(ValidationError):
    """Export refused: the gaps are listed in the message and kept on the exception."""

    def __init__(self, gaps: list[Gap]) -> None:
        self.gaps = gaps
        super().__init__(describe(gaps), field="problems")


def _who(entity_id: int, names: Mapping[int, str]) -> str:
    return "本单位" if entity_id == UNIT_ENTITY else f"“{names.get(entity_id, f'#{entity_id}')}”"


def find_gaps(
    verdicts: Iterable[tuple[int, str, str]],
    problems: Iterable[Problem],
    pending: Iterable[Finding],
    names: Mapping[int, str],
) -> list[Gap]:
    """Gaps in a stable order: answers lacking a problem, incomplete problems, contradicted suggestions."""
    answers = {(e, i): v for e, i, v in verdicts}
    rows = list(problems)
    covered = {(p.entity_id, p.item_id) for p in rows}
    gaps: list[Gap] = []
    for (eid, item), v in sorted(answers.items()):
        if Verdict(v).needs_problem and (eid, item) not in covered:
            gaps.append(Gap(NO_PROBLEM, eid, item,
                            f"{_who(eid, names)}的检查项 {item} 结论为{v},尚未登记问题和整改措施"))
    groups: dict[int, list[Problem]] = defaultdict(list)
    for p in rows:
        if Verdict(answers.get((p.entity_id, p.item_id), Verdict.UNANSWERED)).needs_problem:
            groups[p.group].append(p)
    for gid, members in sorted(groups.items(), key=lambda kv: (kv[1][0].entity_id, kv[1][0].item_id)):
        first = members[0]
        missing = first.missing
        if missing:
            more = f"等 {len(members)} 个对象" if len(members) > 1 else ""
            gaps.append(Gap(INCOMPLETE, first.entity_id, first.item_id,
                            f"{_who(first.entity_id, names)}{more}的检查项 {first.item_id}:问题缺少{'、'.join(missing)}",
                            gid))
    for f in pending:
        answer = answers.get((f.entity_id, f.item_id))
        if answer in (Verdict.COMPLIANT, Verdict.NOT_APPLICABLE) and f.verdict.needs_problem:
            gaps.append(Gap(CONTRADICTION, f.entity_id, f.item_id,
                            f"{_who(f.entity_id, names)}的检查项 {f.item_id} 答为{answer},与系统建议({f.message})"
                            "相矛盾:请改答,或说明理由后忽略该建议"))
    return gaps


def describe(gaps: list[Gap]) -> str:
    """The export's refusal in plain words: counts by kind, then the first gaps by name."""
    counts = {k: sum(1 for g in gaps if g.kind == k) for k in (NO_PROBLEM, INCOMPLETE, CONTRADICTION)}
    parts = []
    if counts[NO_PROBLEM]:
        parts.append(f"{counts[NO_PROBLEM]} 个基本符合/不符合的结论未登记问题")
    if counts[INCOMPLETE]:
        parts.append(f"{counts[INCOMPLETE]} 个问题缺少整改措施、责任人或时限")
    if counts[CONTRADICTION]:
        parts.append(f"{counts[CONTRADICTION]} 个结论与未处理的系统建议相矛盾")
    lines = [f"整改信息不完整,不能导出:{';'.join(parts)}。"]
    lines += [f"  - {g.message}" for g in gaps[:SHOWN_IN_MESSAGE]]
    if len(gaps) > SHOWN_IN_MESSAGE:
        lines.append(f"  - 另有 {len(gaps) - SHOWN_IN_MESSAGE} 处未逐条列出")
    return "\n".join(lines)


RULE_SUMMARIES = {
    "zombie": "超过两周未更新,存在“僵尸”账号风险",
    "forced": "登记有打卡签到/积分排名/在线时长功能",
    "icp": "未登记ICP备案号",
    "complaint": "没有投诉建议功能",
    "temp_group": "临时工作群任务结束后仍未解散",
    "duplicate": "名称相同或相近,可能重复建设",
}


def group_description(findings: list[Finding], names: Mapping[int, str], shown: int = 5) -> str:
    """One problem's description for suggestions of one rule accepted together: what, how many, which."""
    if len(findings) == 1:
        return findings[0].message
    listed = "、".join(names.get(f.entity_id, "") for f in findings[:shown])
    more = f"等{len(findings)}个" if len(findings) > shown else f"共{len(findings)}个"
    summary = findings[0].summary or RULE_SUMMARIES.get(findings[0].rule, findings[0].message)
    return f"{summary}：{listed}{more}"  # prose for the signed report: full-width colon, no spaces
