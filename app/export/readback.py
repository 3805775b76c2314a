"""Read the written report back and check it says what the data says, before it replaces an earlier file.

A renderer bug, a font that silently lost glyphs or a truncated write would otherwise reach the office in a
signed document. The check reads the text of the 正文 pages and of each annex's first page (a few pages
whatever the unit's size) and looks for the unit name, the totals, the problem count and every annex title.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.export.report_model import Report


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def expected_phrases(report: Report) -> list[tuple[str, str]]:
    """(what, phrase) pairs the 正文 must contain, all taken from the model the renderers drew."""
    basic = "".join(p.text for p in report.sections[0].blocks) if report.sections else ""
    out = [("单位名称", report.signoff_unit), ("报告标题", report.title), ("成文日期", report.signoff_date),
           ("基本情况", basic[:60])]
    f = report.facts
    for label, n in (("检查项数", f.checked), ("问题数", f.problems)):
        out.append((label, str(n)))
    return out


def check_pdf(path: Path, report: Report, info: Any) -> list[str]:
    """Mismatches between the PDF's text and the report model; an empty list when they agree."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        pages = reader.pages
        body_pages = max(1, getattr(info, "body_pages", 0) or 1)
        body = _squash("".join(pages[i].extract_text() or "" for i in range(min(body_pages, len(pages)))))
        annex_text = {label: _squash(pages[n - 1].extract_text() or "") for label, n in
                      getattr(info, "annex_pages", {}).items() if 0 < n <= len(pages)}
    except Exception as exc:  # pypdf raises many types on a damaged file; all mean the same here
        return [f"无法读取刚写入的报告：{exc}"]
    problems = []
    for what, phrase in expected_phrases(report):
        if phrase and _squash(phrase) not in body:
            problems.append(f"正文中缺少{what}“{phrase}”")
    for n, title in enumerate(report.annex_titles, 1):
        if _squash(f"{n}．{title}") not in body:
            problems.append(f"附件说明中缺少“{title}”")
    for annex in report.annexes:
        text = annex_text.get(annex.label)
        if text is None or _squash(annex.title) not in text:
            problems.append(f"{annex.label}“{annex.title}”未出现在附件页")
    if info.pages and len(pages) != info.pages:
        problems.append(f"页数不符：排版{info.pages}页，文件{len(pages)}页")
    return problems
