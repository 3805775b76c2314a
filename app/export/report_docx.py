"""The same report as an editable, unsigned .docx for units that polish the wording in Word or WPS.

The signed PDF stays the official copy; this file only carries the same text and tables, with 宋体 body
and 黑体 headings set for East Asian text so Word and WPS pick the right faces.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from app.core.ledger import display_value
from app.export.files import atomic_target
from app.export.report import _appendix_columns
from app.export.texts import report_texts, report_wording

SONG, HEI = "宋体", "黑体"


def _font(run: Any, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def render_docx(store: Any, inspection_id: int, path: Path, today: dt.date | None = None) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    w = report_wording()
    today = today or dt.date.today()
    insp = store.inspection(inspection_id)
    unit = store.get_unit()
    texts = report_texts(store, inspection_id)
    counts = store.count_entities(inspection_id)
    progress = store.progress(inspection_id)
    problems = store.problems(inspection_id)
    checklist = store.checklist_for(inspection_id)
    entities = store.entities(inspection_id)
    names = {0: unit.name, **{e.id: e.name for e in entities}}
    fill = {"unit": unit.name, "year": insp.year, "apps": counts["app"], "accounts": counts["account"],
            "groups": counts["group"], "problems": len(problems)}
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.6)

    def para(text: str, size: float = 12, font: str = SONG, indent: bool = True, align: Any = None,
             bold: bool = False) -> None:
        p = doc.add_paragraph()
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        if align is not None:
            p.alignment = align
        _font(p.add_run(text), font, size, bold)

    def heading(text: str, level: int) -> None:
        h = doc.add_heading(level=level)
        _font(h.add_run(text), HEI, 14 if level == 1 else 12.5)

    def table(header: list[str], rows: list[list[Any]]) -> None:
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), HEI, 9)
        for r in rows:
            cells = t.add_row().cells
            for cell, value in zip(cells, r, strict=True):
                _font(cell.paragraphs[0].add_run(display_value(value)), SONG, 9)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(w["title"].format(**fill)), HEI, 20)
    para(f"{texts['addressee']}:", indent=False)
    para(texts["opening"])
    heading(w["sections"]["basic"], 1)
    o = progress.overall
    para(w["phrases"]["basic"].format(**fill, checked=o.total, compliant=o.compliant, partial=o.partial,
                                      noncompliant=o.noncompliant, na=o.not_applicable))
    heading(w["sections"]["checks"], 1)
    heading(w["sections"]["practices"], 2)
    for line in texts["practices"].splitlines():
        para(line)
    heading(w["sections"]["by_article"], 2)
    for a in checklist.articles:
        t = progress.by_article.get(a.number)
        line = (w["phrases"]["article_line"].format(total=t.total, compliant=t.compliant, partial=t.partial,
                                                    noncompliant=t.noncompliant, na=t.not_applicable)
                if t and t.total else w["phrases"]["article_none"])
        para(f"{a.label}  {line}")
    heading(w["sections"]["problems"], 1)
    if problems:
        para(w["phrases"]["problems_intro"].format(**fill))
        table(w["tables"]["problems"], [[i, names.get(p.entity_id, ""), p.item_id, p.verdict.value, p.description]
                                        for i, p in enumerate(problems, 1)])
    else:
        para(w["phrases"]["no_problems"])
    heading(w["sections"]["rectification"], 1)
    heading(w["sections"]["rectification_table"], 2)
    if problems:
        table(w["tables"]["rectification"], [[i, p.description, p.measure, p.owner, p.deadline, p.status.value]
                                             for i, p in enumerate(problems, 1)])
    heading(w["sections"]["next_steps"], 2)
    for line in texts["next_steps"].splitlines():
        para(line)
    para(w["closing"])
    right = WD_ALIGN_PARAGRAPH.RIGHT
    for line in (unit.name, w["date_format"].format(y=today.year, m=today.month, d=today.day),
                 w["phrases"]["signer"].format(name=texts.get("signer_name") or ""),
                 w["phrases"]["position"].format(position=texts.get("signer_position") or ""),
                 w["phrases"]["seal_hint"]):
        para(line, indent=False, align=right)
    doc.add_page_break()
    heading(w["sections"]["appendix"], 1)
    for kind, key in (("app", "appendix_apps"), ("account", "appendix_accounts"), ("group", "appendix_groups")):
        heading(w["sections"][key], 2)
        cols = _appendix_columns(kind)
        table(["序号", *(f.label for f in cols)],
              [[n, *(e.fields.get(f.key) for f in cols)]
               for n, e in enumerate((e for e in entities if e.kind == kind), 1)])
    doc.core_properties.title = w["title"].format(**fill)
    doc.core_properties.author = unit.name
    doc.core_properties.subject = w["subject"]
    doc.core_properties.keywords = w["keywords"]
    with atomic_target(Path(path)) as tmp:
        doc.save(str(tmp))
    return Path(path)
