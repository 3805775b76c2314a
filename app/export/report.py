"""The self-inspection report (自查报告) as a PDF, in the layout of an official upward report.

A4, Song body text and 黑体 headings from the bundled fonts (embedded), running header, "第 X 页 共 Y 页"
footers, bookmarks by section, metadata, and an empty box on the signature page where the digital signature's
visible appearance goes. Long tables are built in chunks: one huge platypus Table is quadratic to split.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.ledger import FIELDS, display_value
from app.core.model import Verdict
from app.export.files import atomic_target
from app.export.texts import report_texts, report_wording
from app.paths import resource

BODY_FONT, HEAD_FONT = "SC-Song", "SC-Hei"
CHUNK = 150  # rows per table chunk
SIGNATURE_SIZE = (200.0, 70.0)


@dataclass
class ReportInfo:
    pages: int = 0
    signature_page: int = 0
    signature_box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    sections: list[str] = field(default_factory=list)


def register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if BODY_FONT in pdfmetrics.getRegisteredFontNames():
        return
    from reportlab.graphics import shapes

    # Charts start every drawing with the graphics default font (Helvetica, never embedded): use ours.
    shapes.STATE_DEFAULTS["fontName"] = BODY_FONT
    pdfmetrics.registerFont(TTFont(BODY_FONT, str(resource("resources", "fonts", "uming.ttc")), subfontIndex=0))
    pdfmetrics.registerFont(TTFont(HEAD_FONT, str(resource("resources", "fonts", "wqy-microhei.ttc")), subfontIndex=0))


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=BODY_FONT, fontSize=12, leading=21, firstLineIndent=24,
                          alignment=TA_JUSTIFY, wordWrap="CJK", spaceAfter=4)
    return {
        "title": ParagraphStyle("title", fontName=HEAD_FONT, fontSize=20, leading=30, alignment=TA_CENTER,
                                spaceAfter=18, wordWrap="CJK"),
        "addressee": ParagraphStyle("addressee", parent=body, firstLineIndent=0, spaceBefore=6),
        "body": body,
        "h1": ParagraphStyle("h1", fontName=HEAD_FONT, fontSize=14, leading=24, spaceBefore=10, spaceAfter=4,
                             wordWrap="CJK"),
        "h2": ParagraphStyle("h2", fontName=HEAD_FONT, fontSize=12.5, leading=21, spaceBefore=6, spaceAfter=2,
                             firstLineIndent=24, wordWrap="CJK"),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT, firstLineIndent=0),
        "cell": ParagraphStyle("cell", fontName=BODY_FONT, fontSize=8.5, leading=11, wordWrap="CJK"),
        "head_cell": ParagraphStyle("head_cell", fontName=HEAD_FONT, fontSize=8.5, leading=11, wordWrap="CJK",
                                    alignment=TA_CENTER),
        "caption": ParagraphStyle("caption", fontName=HEAD_FONT, fontSize=10, leading=14, alignment=TA_CENTER),
    }


def _esc(text: Any) -> str:
    from xml.sax.saxutils import escape

    return escape(display_value(text) if not isinstance(text, str) else text)


class _SignatureBox:
    """A reserved rectangle; records where it landed so the signer can place the signature field there."""

    def __new__(cls, info: ReportInfo, label: str) -> Any:
        from reportlab.platypus import Flowable

        class Box(Flowable):
            def wrap(self, aw: float, ah: float) -> tuple[float, float]:
                return SIGNATURE_SIZE

            def draw(self) -> None:
                w, h = SIGNATURE_SIZE
                c = self.canv
                c.saveState()
                c.setStrokeColorRGB(0.75, 0.75, 0.75)
                c.setDash(3, 3)
                c.rect(0, 0, w, h)
                c.setFont(BODY_FONT, 8)
                c.setFillColorRGB(0.6, 0.6, 0.6)
                c.drawCentredString(w / 2, h / 2 - 3, label)
                c.restoreState()
                x, y = c.absolutePosition(0, 0)
                info.signature_page = c.getPageNumber() - 1
                info.signature_box = (round(x, 2), round(y, 2), round(x + w, 2), round(y + h, 2))

        box = Box()
        box.hAlign = "RIGHT"
        return box


def _table(header: list[str], rows: list[list[Any]], widths: list[float], st: dict[str, Any]) -> list[Any]:
    """The rows as a list of chunked tables with repeated headers (linear time for any length)."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    head = [Paragraph(_esc(h), st["head_cell"]) for h in header]
    style = TableStyle([
        ("FONT", (0, 0), (-1, -1), BODY_FONT, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#808080")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4E9F2")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ])
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def cell(value: Any, width: float) -> Any:
        # A Paragraph wraps but is slow; short text that fits on one line is drawn as a plain string.
        text = display_value(value) if not isinstance(value, str) else value
        if "\n" not in text and stringWidth(text, BODY_FONT, 8.5) <= width - 7:
            return text
        return Paragraph(_esc(text), st["cell"])

    out = []
    body = [[cell(v, w) for v, w in zip(r, widths, strict=True)] for r in rows]
    for start in range(0, max(len(body), 1), CHUNK):
        chunk = body[start:start + CHUNK]
        t = Table([head, *chunk], colWidths=widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(style)
        out.append(t)
    return out


def _chart(counts: dict[str, int], tally: Any, title: str) -> Any:
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    d = Drawing(440, 150)
    bars = [
        ("应用程序", counts["app"]), ("公众账号", counts["account"]), ("工作群组", counts["group"]),
        ("符合", tally.compliant), ("基本符合", tally.partial), ("不符合", tally.noncompliant),
    ]
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 70, 10, 330, 115
    chart.data = [[v for _, v in bars]]
    chart.categoryAxis.categoryNames = [n for n, _ in bars]
    chart.categoryAxis.labels.fontName = BODY_FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = BODY_FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#4A6FA5")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = BODY_FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 8
    d.add(chart)
    d.add(String(220, 136, title, fontName=HEAD_FONT, fontSize=9, textAnchor="middle"))
    return d


def build_story(store: Any, inspection_id: int, info: ReportInfo, today: dt.date) -> tuple[list[Any], dict[str, Any]]:
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer

    w = report_wording()
    st = _styles()
    insp = store.inspection(inspection_id)
    unit = store.get_unit()
    checklist = store.checklist_for(inspection_id)
    texts = report_texts(store, inspection_id)
    counts = store.count_entities(inspection_id)
    progress = store.progress(inspection_id)
    problems = store.problems(inspection_id)
    entities = store.entities(inspection_id)
    names = {0: unit.name, **{e.id: e.name for e in entities}}
    answers = store.answers(inspection_id)
    fill = {"unit": unit.name, "year": insp.year, "apps": counts["app"], "accounts": counts["account"],
            "groups": counts["group"], "problems": len(problems)}
    story: list[Any] = []

    def h1(text: str) -> None:
        p = Paragraph(_esc(text), st["h1"])
        p._bookmark = (text, 0)  # type: ignore[attr-defined]
        story.extend([CondPageBreak(40 * mm), p])
        info.sections.append(text)

    def h2(text: str) -> None:
        p = Paragraph(_esc(text), st["h2"])
        p._bookmark = (text, 1)  # type: ignore[attr-defined]
        story.append(p)

    def para(text: str, style: str = "body") -> None:
        for line in (text or "").splitlines() or [""]:
            if line.strip():
                story.append(Paragraph(_esc(line.strip()), st[style]))

    title = w["title"].format(**fill)
    tp = Paragraph(_esc(title), st["title"])
    tp._bookmark = (title, 0)  # type: ignore[attr-defined]
    story.append(tp)
    para(f"{texts['addressee']}:", "addressee")
    para(texts["opening"])

    h1(w["sections"]["basic"])
    o = progress.overall
    para(w["phrases"]["basic"].format(**fill, checked=o.total, compliant=o.compliant, partial=o.partial,
                                      noncompliant=o.noncompliant, na=o.not_applicable))
    story.append(_chart(counts, o, w["phrases"]["chart_title"]))

    h1(w["sections"]["checks"])
    h2(w["sections"]["practices"])
    para(texts["practices"])
    h2(w["sections"]["by_article"])
    for a in checklist.articles:
        t = progress.by_article.get(a.number)
        line = (w["phrases"]["article_line"].format(total=t.total, compliant=t.compliant, partial=t.partial,
                                                    noncompliant=t.noncompliant, na=t.not_applicable)
                if t and t.total else w["phrases"]["article_none"])
        notes = [answers[(e, it.id)].note for it in a.items for e in (0,) if (e, it.id) in answers
                 and answers[(e, it.id)].note]
        extra = f"单位层面说明:{';'.join(notes[:2])}。" if notes else ""
        story.append(Paragraph(f"<font name='{HEAD_FONT}'>{_esc(a.label)}</font>  {_esc(line)}{_esc(extra)}",
                               st["body"]))

    h1(w["sections"]["problems"])
    if problems:
        para(w["phrases"]["problems_intro"].format(**fill))
        rows = [[i, names.get(p.entity_id, ""), f"{p.item_id} {checklist.item(p.item_id).question if checklist.has_item(p.item_id) else ''}",
                 p.verdict.value, p.description] for i, p in enumerate(problems, 1)]
        story.extend(_table(w["tables"]["problems"], rows, [10 * mm, 32 * mm, 58 * mm, 16 * mm, 44 * mm], st))
    else:
        para(w["phrases"]["no_problems"])

    h1(w["sections"]["rectification"])
    h2(w["sections"]["rectification_table"])
    if problems:
        rows = [[i, p.description, p.measure, p.owner, display_value(p.deadline), p.status.value]
                for i, p in enumerate(problems, 1)]
        story.extend(_table(w["tables"]["rectification"], rows,
                            [10 * mm, 48 * mm, 48 * mm, 18 * mm, 20 * mm, 16 * mm], st))
    else:
        para(w["phrases"]["no_problems"])
    h2(w["sections"]["next_steps"])
    para(texts["next_steps"])
    para(w["closing"])

    story.append(Spacer(1, 10 * mm))
    date_text = w["date_format"].format(y=today.year, m=today.month, d=today.day)
    story.append(CondPageBreak(60 * mm))
    for line in (w["phrases"]["signature_unit"].format(unit=unit.name), date_text,
                 w["phrases"]["signer"].format(name=texts.get("signer_name") or "          "),
                 w["phrases"]["position"].format(position=texts.get("signer_position") or "          "),
                 w["phrases"]["seal_hint"]):
        story.append(Paragraph(_esc(line), st["right"]))
    story.append(Spacer(1, 3 * mm))
    story.append(_SignatureBox(info, w["phrases"]["signature_box"]))

    story.append(PageBreak())
    h1(w["sections"]["appendix"])
    for kind, key in (("app", "appendix_apps"), ("account", "appendix_accounts"), ("group", "appendix_groups")):
        h2(w["sections"][key])
        cols = _appendix_columns(kind)
        rows = [[n, *(display_value(e.fields.get(f.key)) for f in cols)]
                for n, e in enumerate((e for e in entities if e.kind == kind), 1)]
        weights = [_WIDTH_WEIGHTS.get(f.key, 1.0 if f.type in ("text",) else 0.8) for f in cols]
        widths = [10 * mm] + [160 * mm * wgt / sum(weights) for wgt in weights]
        story.extend(_table(["序号", *(f.label for f in cols)], rows, widths, st))
        story.append(Spacer(1, 4 * mm))
    h2(w["sections"]["appendix_evidence"])
    evidence = store.all_evidence(inspection_id)
    if evidence:
        rows = [[n, ref.original_name, _size(ref.size), ref.sha256, f"{names.get(eid, '')} {item}"]
                for n, (eid, item, ref) in enumerate(evidence, 1)]
        story.extend(_table(w["tables"]["evidence"], rows, [10 * mm, 40 * mm, 16 * mm, 66 * mm, 38 * mm], st))
    else:
        para(w["phrases"]["evidence_none"])
    na_rows = not_applicable_rows(store, inspection_id)
    if na_rows:
        h2(w["sections"].get("appendix_not_applicable", "不适用事项及理由"))
        story.extend(_table(["序号", "对象", "检查项", "依据", "不适用理由"], na_rows,
                            [10 * mm, 36 * mm, 54 * mm, 30 * mm, 40 * mm], st))
    return story, {"title": title, "unit": unit.name, "year": insp.year}


def not_applicable_rows(store: Any, inspection_id: int) -> list[list[Any]]:
    """Every 不适用 answer with its object, item, source and reason: the annex that lets the office above
    judge whether 不适用 was right."""
    checklist = store.checklist_for(inspection_id)
    unit = store.get_unit()
    names = {0: unit.name if unit else "本单位", **{e[0]: e[2] for e in store.entity_index(inspection_id)}}
    rows = []
    for (eid, item_id), a in sorted(store.answers(inspection_id).items()):
        if a.verdict != Verdict.NOT_APPLICABLE or not checklist.has_item(item_id):
            continue
        it = checklist.item(item_id)
        rows.append([len(rows) + 1, names.get(eid, ""), f"{it.id} {it.question}", it.source, a.na_reason])
    return rows


APPENDIX_FIELDS = {
    "app": ("name", "app_type", "sponsor", "launch_date", "users", "monthly_active", "icp_no", "disposition"),
    "account": ("platform", "name", "sponsor", "followers", "last_update", "posts_last_year", "manager", "disposition"),
    "group": ("name", "platform", "creator_unit", "owner", "members", "permanence", "task_end", "disposition"),
}


_WIDTH_WEIGHTS = {"name": 1.7, "sponsor": 1.5, "creator_unit": 1.5, "icp_no": 1.4, "platform": 0.9}


def _appendix_columns(kind: str) -> list[Any]:
    return [f for f in FIELDS[kind] if f.key in APPENDIX_FIELDS[kind]]


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} B"


def render_report(store: Any, inspection_id: int, path: Path, today: dt.date | None = None,
                  progress: Callable[[float, str], None] | None = None) -> ReportInfo:
    """Write the report PDF to ``path`` (atomically) and return where its signature box is."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as pdfcanvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    w = report_wording()
    info = ReportInfo()
    today = today or dt.date.today()
    story, meta = build_story(store, inspection_id, info, today)
    header = w["running_header"].format(unit=meta["unit"], year=meta["year"])
    footer_tpl = w["page_footer"]

    class NumberedCanvas(pdfcanvas.Canvas):
        """Draws header and "第 X 页 共 Y 页" once the total is known (pages are replayed at save)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            info.pages = total
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(BODY_FONT, 9)
                self.setFillColorRGB(0.35, 0.35, 0.35)
                self.drawCentredString(A4[0] / 2, 12 * mm, footer_tpl.format(page=self._pageNumber, pages=total))
                if self._pageNumber > 1:
                    self.drawString(20 * mm, A4[1] - 12 * mm, header)
                    self.setLineWidth(0.4)
                    self.line(20 * mm, A4[1] - 13.5 * mm, A4[0] - 20 * mm, A4[1] - 13.5 * mm)
                super().showPage()
            super().save()

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:
            mark = getattr(flowable, "_bookmark", None)
            if mark:
                text, level = mark
                key = f"s{id(flowable)}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)

    with atomic_target(Path(path)) as tmp:
        doc = Doc(str(tmp), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm,
                  bottomMargin=22 * mm, title=meta["title"], author=meta["unit"], subject=w["subject"],
                  keywords=w["keywords"], creator="selfcheck", lang="zh-CN", initialFontName=BODY_FONT)
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        if progress:
            progress(0.3, "正在排版自查报告")
        doc.build(story, canvasmaker=NumberedCanvas)
    return info
