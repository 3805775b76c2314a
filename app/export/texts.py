"""The report's wording (``exports/report.toml``), narrative drafts from the data, and the truth check.

The opening, 主要做法 and 下一步工作打算 are the unit's own words. Until the unit edits one of them, it is a
draft recomputed from the data every time it is shown or exported, so it cannot go stale. Text the unit
edited is kept as written, but :func:`check_narrative` compares every number and claim in it with the data
at export time, and a contradiction blocks the export naming the sentence.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from app.core.errors import SelfcheckError
from app.core.ledger import KIND_LABELS, KINDS
from app.core.model import ProblemStatus
from app.paths import resource
from app.storage.snapshot import InspectionSnapshot

TEXT_KEYS = ("addressee", "opening", "practices", "next_steps", "signer_name", "signer_position")
DRAFTED = ("opening", "practices", "next_steps")


@cache
def report_wording(path: Path | None = None) -> dict[str, Any]:
    path = path or resource("exports", "report.toml")
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SelfcheckError(f"无法读取报告文字模板 {path}：{exc}") from None


# ---- typography ----------------------------------------------------------------------------------------

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’"
_ASCII_PUNCT = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}])\s*([,:;()!?])|([,:;()!?])\s*(?=[{_CJK}])")
_DOUBLED = re.compile(r"([。；，、：！？])[。；，、：！？]+")
_ENDS = "。！？；：…"


def fullwidth(text: str) -> str:
    """ASCII , : ; ( ) ! ? next to Chinese become full-width; runs like "。；" or "。。" keep one mark."""
    text = _NEXT_TO_CJK.sub(lambda m: _ASCII_PUNCT[m.group(1) or m.group(2)], text)
    return _DOUBLED.sub(lambda m: m.group(0)[-1] if m.group(0)[-1] != "，" else m.group(1), text)


def sentence(text: str) -> str:
    """The text ending in a sentence mark (one, never two)."""
    text = text.strip().rstrip("，、,")
    if not text:
        return text
    return text if text[-1] in _ENDS or text.endswith(("。”", "！”", "？”")) else text + "。"


# ---- drafts --------------------------------------------------------------------------------------------

def draft_texts(snapshot: InspectionSnapshot) -> dict[str, str]:
    """Drafts of the narrative parts from the current data, worded by ``exports/report.toml``."""
    w = report_wording()
    d = w["drafts"]
    insp, unit = snapshot.inspection, snapshot.unit
    unit_name = unit.name if unit else w["unit_self"]
    articles = len(snapshot.checklist.articles)
    problems = list({p.group: p for p in snapshot.problems}.values())  # a group counts once
    status = Counter(p.status for p in problems)
    pending_n = status[ProblemStatus.OPEN] + status[ProblemStatus.IN_PROGRESS]
    pending = (d["pending_some"].format(pending=pending_n) if pending_n
               else d["pending_none"] if problems else d["pending_clean"])
    fill = {"unit": unit_name, "year": insp.year, "articles": articles, "opinions": w["opinions"]}
    return {
        "opening": d["opening"].format(**fill),
        "practices": d["practices"].format(**fill),
        "next_steps": d["next_steps"].format(pending=pending, **fill),
    }


def report_texts(snapshot: InspectionSnapshot) -> dict[str, str]:
    """Stored texts, with fresh drafts for anything the unit has not written, and the 主送机关: typed in
    step 6, else the unit's own (unit information), else the default in ``exports/report.toml``."""
    stored = {k: v for k, v in snapshot.texts.items() if v.strip()}
    drafts = draft_texts(snapshot)
    out = {k: stored.get(k) or drafts.get(k, "") for k in TEXT_KEYS}
    unit = snapshot.unit
    out["addressee"] = (out["addressee"] or (getattr(unit, "addressee", "") if unit else "")
                        or report_wording()["default_addressee"])
    return out


# ---- the truth check -----------------------------------------------------------------------------------

# The kinds' labels (from the glossary) and the everyday short words a narrative may use for them.
_KIND = {KIND_LABELS[k]: k for k in KINDS} | {"公众号": "account", "工作群": "group", "群组": "group"}
_KIND_RE = f"(?:政务)?({'|'.join(sorted(_KIND, key=len, reverse=True))})"
_ACTION = {"关停注销": "关停注销", "关停": "关停注销", "注销": "注销", "整合": "整合", "解散": "解散", "合并": "合并"}
_ACTION_RE = "(关停注销|关停|注销|整合|解散|合并)"
_NUM = r"(\d+|[零〇一二两三四五六七八九十百千万]+)"  # 3 or 三: a clerk writes either
_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000}


def number_value(written: str) -> int:
    """The value of a count as written: “12”, “十二”, “两百零五”, “一万二千”."""
    if written.isascii():
        return int(written)
    total, section, digit = 0, 0, 0
    for ch in written:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch == "万":
            total, section, digit = (total + section + digit) * 10000, 0, 0
        else:  # 十 百 千: “十二” has no digit before 十
            section += (digit or 1) * _UNIT[ch]
            digit = 0
    return total + section + digit


def narrative_facts(facts: Any) -> dict[str, Any]:
    """The quantities a narrative may state, from the report's :class:`~app.export.report_model.Facts`."""
    return {
        "app": facts.apps, "account": facts.accounts, "group": facts.groups, "problems": facts.problems,
        "done": facts.problems_done, "doing": facts.problems_doing, "open": facts.problems_open,
        "pending": facts.problems_open + facts.problems_doing, "checked": facts.checked,
        "articles": facts.articles, "year": facts.year, "disposed": dict(facts.done),
        "disposal_planned": dict(facts.planned),
    }


# (pattern, fact key, what it claims); tried in order, each match removed before the next pattern.
_PROBLEM_PATTERNS = (
    (rf"(?:尚未|未)(?:完成)?整改(?:到位)?的{_NUM}个问题", "pending", "尚未完成整改的问题数"),
    (rf"已(?:完成)?整改(?:到位)?{_NUM}个", "done", "已整改的问题数"),
    (rf"(?:正在整改|整改中){_NUM}个", "doing", "正在整改的问题数"),
    (rf"(?:尚未整改|未整改){_NUM}个", "open", "尚未整改的问题数"),
    (rf"(?:发现|存在|共有)(?:各类)?问题(?:共)?{_NUM}个", "problems", "发现的问题数"),
    (rf"(?:发现|存在)(?:了)?(?:各类)?{_NUM}个(?:方面的)?问题", "problems", "发现的问题数"),
    (rf"检查{_NUM}项|{_NUM}项检查|检查项{_NUM}个", "checked", "检查项数"),
    (rf"《意见》{_NUM}条", "articles", "《意见》条数"),
    (r"(\d{4})年度", "year", "自查年度"),
)
_NO_PROBLEM = re.compile(r"(?:未|没有)发现[^。；！？]*问题|不存在[^。；！？]*问题|无[^。；！？]{0,8}问题")
_SENTENCES = re.compile(r"[^。；！？\n]+[。；！？]?")


def check_narrative(text: str, facts: dict[str, Any]) -> list[str]:
    """Each sentence whose numbers or claims contradict the data, quoted with what the data says."""
    out = []
    for m in _SENTENCES.finditer(text or ""):
        s = m.group(0).strip()
        if not s:
            continue
        rest = s
        wrong: list[str] = []

        def claim(written: str, actual: int, what: str, wrong: list[str] = wrong) -> None:
            if number_value(written) != actual:
                wrong.append(f"{what}写为{written}，数据为{actual}")

        for pat in (rf"(拟)?{_ACTION_RE}(?:了)?{_KIND_RE}(?:共)?{_NUM}个",
                    rf"(拟)?{_ACTION_RE}(?:了)?{_NUM}个{_KIND_RE}"):
            for d in re.finditer(pat, rest):
                planned, action = d.group(1), _ACTION[d.group(2)]
                kind_word, n = (d.group(3), d.group(4)) if d.group(3) in _KIND else (d.group(4), d.group(3))
                table = facts["disposal_planned" if planned else "disposed"]
                claim(n, table.get((_KIND[kind_word], action), 0),
                      f"{'计划' if planned else '已'}{action}的{kind_word}数")
            rest = re.sub(pat, "·", rest)
        for pat, key, what in _PROBLEM_PATTERNS:
            for d in re.finditer(pat, rest):
                n = next(g for g in d.groups() if g)
                claim(n, facts[key], what)
            rest = re.sub(pat, "·", rest)
        if not re.search("问题|整改", rest):
            for pat in (rf"{_KIND_RE}(?:共)?{_NUM}个", rf"{_NUM}个{_KIND_RE}"):
                for d in re.finditer(pat, rest):
                    kind_word, n = (d.group(1), d.group(2)) if d.group(1) in _KIND else (d.group(2), d.group(1))
                    claim(n, facts[_KIND[kind_word]], f"{kind_word}数")
        if facts["problems"] and _NO_PROBLEM.search(s):
            wrong.append(f"称未发现问题，但已记录问题{facts['problems']}个")
        if wrong:
            out.append(f"“{s}”（{'；'.join(wrong)}）")
    return out
