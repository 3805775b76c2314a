"""The report's wording: layout phrases from ``exports/report.toml`` and narrative drafts from the data.

The opening, 主要做法 and 下一步打算 are the unit's own words. We draft them from the data so nobody starts
from a blank page; the unit edits them in the wizard's last step and the edits are stored with the
inspection (Store.set_text), always winning over a fresh draft.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from app.core.errors import SelfcheckError
from app.core.model import ProblemStatus
from app.paths import resource

TEXT_KEYS = ("addressee", "opening", "practices", "next_steps", "signer_name", "signer_position")
DRAFTED = ("opening", "practices", "next_steps")


@cache
def report_wording(path: Path | None = None) -> dict[str, Any]:
    path = path or resource("exports", "report.toml")
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SelfcheckError(f"无法读取报告版式文件 {path}:{exc}") from None


def draft_texts(store: Any, inspection_id: int) -> dict[str, str]:
    """Drafts of the narrative parts, written from the ledger, the answers and the problems."""
    insp = store.inspection(inspection_id)
    unit = store.get_unit()
    unit_name = unit.name if unit else "本单位"
    counts = store.count_entities(inspection_id)
    progress = store.progress(inspection_id)
    problems = store.problems(inspection_id)
    checklist = store.checklist_for(inspection_id)
    by_article = Counter(checklist.item(p.item_id).article for p in problems if checklist.has_item(p.item_id))
    status = Counter(p.status for p in problems)
    opening = (
        f"根据《关于防治“指尖上的形式主义”的若干意见》和上级有关工作要求,{unit_name}对照《意见》16条要求,"
        f"对本单位主办或使用的政务应用程序、政务公众账号和工作群组开展了{insp.year}年度自查。"
        "现将有关情况报告如下:"
    )
    practices = (
        f"一是摸清底数。全面梳理本单位政务应用程序{counts['app']}个、政务公众账号{counts['account']}个、"
        f"工作群组{counts['group']}个,逐一建立台账,明确主办(使用)单位和责任人。"
        f"二是逐条对照。对照《意见》16条共检查{progress.overall.total}项,逐项作出结论并留存证明材料。"
        "三是立行立改。对自查发现的问题逐一明确整改措施、责任人和整改时限,能立即整改的立即整改。"
    )
    if problems:
        worst = "、".join(f"第{a}条" for a, _ in by_article.most_common(3))
        next_steps = (
            f"针对自查发现的{len(problems)}个问题(主要集中在{worst}),本单位将严格按照整改清单推进整改,"
            f"目前已整改{status[ProblemStatus.DONE]}个、正在整改{status[ProblemStatus.IN_PROGRESS]}个、"
            f"尚未整改{status[ProblemStatus.OPEN]}个,确保按期全部整改到位。"
            "下一步,本单位将把防治“指尖上的形式主义”纳入日常管理,健全统筹管理、审核备案、评价反馈、清理退出等机制,"
            "定期开展自查,坚决防止问题反弹回潮和隐形变异,切实为基层减负。"
        )
    else:
        next_steps = (
            "本次自查未发现“指尖上的形式主义”问题。下一步,本单位将把防治“指尖上的形式主义”纳入日常管理,"
            "健全统筹管理、审核备案、评价反馈、清理退出等机制,定期开展自查,切实为基层减负。"
        )
    return {"opening": opening, "practices": practices, "next_steps": next_steps}


def report_texts(store: Any, inspection_id: int) -> dict[str, str]:
    """Stored texts, with drafts (and the default addressee) for anything the unit has not written yet."""
    stored = {k: v for k, v in store.texts(inspection_id).items() if v.strip()}
    drafts = draft_texts(store, inspection_id)
    out = {k: stored.get(k) or drafts.get(k, "") for k in TEXT_KEYS}
    out["addressee"] = out["addressee"] or report_wording()["default_addressee"]
    return out
