"""The self-inspection report as a PDF in 公文 form (GB/T 9704-2012), drawn from a :class:`Report`.

Layout comes from ``exports/report_layout.toml``: A4, 版心 156 × 225 mm, 22 lines of 28 characters, title in
小标宋, body in 仿宋, 一级标题 黑体, 二级标题 楷体, page numbers "— N —" outside the 版心 (odd pages right,
even pages left), no running header. The 正文 ends with 附件说明 and the 落款 kept on one page with the last
paragraph; each annex starts on a new page. Fonts are embedded; a character no chosen font can draw is
reported naming its field (and blocks a signed export) instead of vanishing. Long tables are built in
chunks: one huge platypus Table is quadratic to split.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app.core.errors import SelfcheckError
from app.export.fonts import (
    MISSING_MARK,
    FontChoice,
    Unprintable,
    choose_fonts,
    describe,
    register,
    register_file,
    uncovered,
)
from app.export.report_layout import PT_PER_MM, ReportLayout, load_report_layout
from app.export.report_model import Annex, Chart, Para, Report, Table
from app.paths import resource
from app.storage.files import atomic_target

# Names the signature appearance (app/signing/pdf.py) draws with: the bundled Song and Hei, registered once
# under the same names the report uses for them (each font file is parsed once per process).
BODY_FONT, HEAD_FONT = "SC-uming-0", "SC-wqy-microhei-0"
CHUNK = 150  # rows per table chunk
SIGNATURE_SIZE = (200.0, 70.0)


@dataclass
class ReportInfo:
    pages: int = 0
    signature_page: int = 0
    signature_box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    sections: list[str] = field(default_factory=list)
    body_pages: int = 0  # pages of the 正文 (the 落款 is on the last of them)
    annex_pages: dict[str, int] = field(default_factory=dict)  # annex label -> first page (1-based)
    fonts: str = ""  # which font each role used
    unprintable: list[Unprintable] = field(default_factory=list)


def register_fonts() -> None:
    """The bundled Song and Hei under :data:`BODY_FONT` and :data:`HEAD_FONT`, for the signature appearance."""
    register_file(resource("resources", "fonts", "uming.ttc"), 0, BODY_FONT)
    register_file(resource("resources", "fonts", "wqy-microhei.ttc"), 0, HEAD_FONT)


class _Fonts:
    """The chosen face per role, with coverage, turning text into markup that never loses a character."""

    def __init__(self, choices: dict[str, FontChoice]) -> None:
        self.choices = choices
        self.coverage = register(choices)
        self.name = {role: c.pdf_name for role, c in choices.items()}
        self.order = list(dict.fromkeys(self.name.values()))

    def markup(self, text: str, role: str) -> str:
        """Escaped text for a Paragraph in ``role``'s font; characters that face lacks are set in another
        chosen face that has them, or as 〓 when none has (the caller has already reported those)."""
        primary = self.name[role]
        cov = self.coverage[primary]
        if all(ord(ch) in cov for ch in text):
            return escape(text)
        out = []
        for ch in text:
            if ord(ch) in cov or ch == "\n":
                out.append(escape(ch))
                continue
            other = next((n for n in self.order if ord(ch) in self.coverage[n]), None)
            out.append(f"<font name='{other}'>{escape(ch)}</font>" if other else escape(MISSING_MARK))
        return "".join(out)

    def plain_ok(self, text: str, role: str) -> bool:
        cov = self.coverage[self.name[role]]
        return all(ord(ch) in cov for ch in text)


def title_lines(segments: tuple[str, ...], width: Callable[[str], float], limit: float) -> list[str]:
    """Lines of the title, broken only between segments (never inside a word); a segment longer than a
    line (a very long unit name) is the one place a break falls inside, at the last character that fits."""
    lines: list[str] = []
    current = ""
    for seg in segments:
        if current and width(current + seg) > limit:
            lines.append(current)
            current = ""
        current += seg
        while width(current) > limit:
            cut = max(1, max(i for i in range(1, len(current) + 1) if width(current[:i]) <= limit or i == 1))
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


NO_START = set("，。、；：？！）》」』”’…—·〕】％,.;:?!)]}%")
NO_END = set("（《「『“‘〔【([{")
_WORD = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_/@%+#")


class _GridPara:
    """A paragraph set on the 公文 line grid: every line exactly ``pitch`` high, full lines justified to
    the 版心 width by spacing the characters, no line starting with a closing mark or ending with an
    opening one (the break moves a character down instead of letting text hang into the margin)."""

    def __new__(cls, runs: list[tuple[str, str]], f: _Fonts, size: float, pitch: float, indent: float = 0.0,
                left: float = 0.0, hanging: float = 0.0, justify: bool = True, keep_with_next: bool = False) -> Any:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Flowable

        # Tokens: (text, font, width); an ASCII word or number is one token, never split across lines.
        tokens: list[tuple[str, str, float]] = []
        for text, role in runs:
            primary = f.name[role]
            cov = f.coverage[primary]
            for ch in text:
                if ch == "\n":
                    continue
                font = primary
                if ord(ch) not in cov:
                    font = next((n for n in f.order if ord(ch) in f.coverage[n]), "")
                    if not font:
                        ch, font = MISSING_MARK, primary
                if ch in _WORD and tokens and tokens[-1][0][-1] in _WORD and tokens[-1][1] == font:
                    t = tokens[-1][0] + ch
                    tokens[-1] = (t, font, stringWidth(t, font, size))
                else:
                    tokens.append((ch, font, stringWidth(ch, font, size)))

        class GridPara(Flowable):
            def __init__(self, lines: list[list[tuple[str, str, float]]] | None = None, first: bool = True) -> None:
                super().__init__()
                self.lines = lines
                self.first = first
                self.keepWithNext = keep_with_next

            def _layout(self, aw: float) -> list[list[tuple[str, str, float]]]:
                lines: list[list[tuple[str, str, float]]] = []
                cur: list[tuple[str, str, float]] = []
                start = left + indent
                used = start
                for tok in tokens:
                    if cur and used + tok[2] > aw + 0.01:
                        carry: list[tuple[str, str, float]] = []
                        while len(cur) > 1 and (tok[0][0] in NO_START if not carry else carry[0][0][0] in NO_START):
                            carry.insert(0, cur.pop())
                        while len(cur) > 1 and cur[-1][0][-1] in NO_END:
                            carry.insert(0, cur.pop())
                        lines.append(cur)
                        cur = [*carry, tok]
                        start = left + hanging
                        used = start + sum(t[2] for t in cur)
                    else:
                        cur.append(tok)
                        used += tok[2]
                if cur or not lines:
                    lines.append(cur)
                return lines

            def wrap(self, aw: float, ah: float) -> tuple[float, float]:
                self.aw = aw
                if self.lines is None:
                    self.lines = self._layout(aw)
                return aw, len(self.lines) * pitch

            def split(self, aw: float, ah: float) -> list[Any]:
                self.wrap(aw, ah)
                n = int(ah // pitch)
                assert self.lines is not None
                if n < 1 or n >= len(self.lines) or (n < 2 and len(self.lines) > 2):
                    return []
                return [GridPara(self.lines[:n], self.first), GridPara(self.lines[n:], False)]

            def draw(self) -> None:
                c = self.canv
                assert self.lines is not None
                y = len(self.lines) * pitch - (pitch - size) / 2 - size * 0.88
                for i, line in enumerate(self.lines):
                    x = left + (indent if i == 0 and self.first else hanging)
                    glyphs = sum(len(t[0]) for t in line)
                    natural = sum(t[2] for t in line)
                    last = i == len(self.lines) - 1
                    space = (self.aw - x - natural) / (glyphs - 1) if justify and not last and glyphs > 1 else 0.0
                    space = max(0.0, min(space, size))
                    text = c.beginText(x, y)
                    text.setCharSpace(space)
                    for run_font, group in _runs(line):
                        text.setFont(run_font, size)
                        text.textOut(group)
                    c.drawText(text)
                    y -= pitch

        return GridPara()


def _runs(line: list[tuple[str, str, float]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for text, font, _ in line:
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + text)
        else:
            out.append((font, text))
    return out


def _styles(layout: ReportLayout, f: _Fonts) -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    size = layout.body_size_pt
    pitch = layout.line_pitch_pt
    s = layout.sizes
    body = ParagraphStyle("body", fontName=f.name["body"], fontSize=size, leading=pitch, firstLineIndent=2 * size,
                          alignment=TA_JUSTIFY, wordWrap="CJK")
    table = s["table"]
    return {
        "title": ParagraphStyle("title", fontName=f.name["title"], fontSize=s["title"], leading=s["title"] * 1.4,
                                alignment=TA_CENTER, spaceAfter=pitch, wordWrap="CJK"),
        "issuer": ParagraphStyle("issuer", parent=body, firstLineIndent=0, alignment=2),
        "addressee": ParagraphStyle("addressee", parent=body, firstLineIndent=0),
        "body": body,
        "h1": ParagraphStyle("h1", parent=body, fontName=f.name["heading1"], keepWithNext=1),
        "annex_note": ParagraphStyle("annex_note", parent=body, firstLineIndent=0, alignment=TA_LEFT),
        "annex_label": ParagraphStyle("annex_label", fontName=f.name["heading1"], fontSize=s["annex_label"],
                                      leading=pitch, wordWrap="CJK"),
        "annex_title": ParagraphStyle("annex_title", fontName=f.name["title"], fontSize=s["annex_title"],
                                      leading=s["annex_title"] * 1.5, alignment=TA_CENTER, spaceAfter=pitch / 2,
                                      wordWrap="CJK"),
        "caption": ParagraphStyle("caption", fontName=f.name["heading1"], fontSize=table + 1, leading=(table + 1) * 1.6,
                                  spaceBefore=6, keepWithNext=1, wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=f.name["body"], fontSize=table, leading=table * 1.25, wordWrap="CJK"),
        "head": ParagraphStyle("head", fontName=f.name["heading1"], fontSize=s["table_head"],
                               leading=s["table_head"] * 1.3, alignment=TA_CENTER, wordWrap="CJK"),
    }


class _Signoff:
    """The 落款: unit name centred over the date, the date 右空四字; the signature (seal) area sits right
    above them, recorded so the signer places the visible signature there."""

    def __new__(cls, unit: str, date: str, info: ReportInfo, f: _Fonts, size: float, pitch: float) -> Any:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Flowable

        font = f.name["body"]

        class Signoff(Flowable):
            def wrap(self, aw: float, ah: float) -> tuple[float, float]:
                self.aw = aw
                return aw, SIGNATURE_SIZE[1] + 2 * pitch

            def draw(self) -> None:
                c = self.canv
                date_right = self.aw - 4 * size
                date_w = stringWidth(date, font, size)
                centre = date_right - date_w / 2
                unit_w = stringWidth(unit, font, size)
                if centre + unit_w / 2 > self.aw:  # a long name: right-aligned instead of overflowing
                    centre = self.aw - unit_w / 2
                c.setFont(font, size)
                c.drawCentredString(max(centre, unit_w / 2), pitch + size * 0.25, unit)
                c.drawString(date_right - date_w, size * 0.25, date)
                w, h = SIGNATURE_SIZE
                x0 = min(max(centre - w / 2, 0), self.aw - w)
                y0 = 2 * pitch - size * 0.2
                x, y = c.absolutePosition(x0, y0)
                info.signature_page = c.getPageNumber() - 1
                info.signature_box = (round(x, 2), round(y, 2), round(x + w, 2), round(y + h, 2))
                info.body_pages = c.getPageNumber()

        return Signoff()


def _chart(chart: Chart, f: _Fonts, size: float, width: float) -> Any:
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = f.name["body"]
    n = len(chart.values)
    label_w = max([stringWidth(lbl, font, size) for lbl in chart.labels] + [20]) + 8
    bar_h = 16
    height = n * bar_h + 42
    d = Drawing(width, height)
    c = HorizontalBarChart()
    c.x, c.y, c.width, c.height = label_w, 18, width - label_w - 30, n * bar_h
    c.data = [list(reversed(chart.values))]
    c.categoryAxis.categoryNames = list(reversed(chart.labels))
    c.categoryAxis.labels.fontName = font
    c.categoryAxis.labels.fontSize = size
    c.categoryAxis.labels.boxAnchor = "e"
    c.valueAxis.labels.fontName = font
    c.valueAxis.labels.fontSize = size - 1
    c.valueAxis.valueMin = 0
    c.valueAxis.forceZero = 1
    c.bars[0].fillColor = colors.HexColor("#5B6F8A")
    c.barLabelFormat = "%d"
    c.barLabels.fontName = font
    c.barLabels.fontSize = size - 1
    c.barLabels.nudge = 8
    d.add(c)
    d.add(String(width / 2, height - 14, chart.title, fontName=f.name["heading1"], fontSize=size + 1,
                 textAnchor="middle"))
    return d


def _table(t: Table, st: dict[str, Any], f: _Fonts, width: float) -> list[Any]:
    """The table as chunks with the header repeated; spanned rows (a problem's entities) span all columns."""
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as RLTable

    total = sum(t.widths)
    widths = [width * w / total for w in t.widths]
    cell_style, size = st["cell"], st["cell"].fontSize
    font = cell_style.fontName
    head = [Paragraph(f.markup(h, "heading1"), st["head"]) for h in t.header]

    leading = cell_style.leading

    def cell(text: str, w: float) -> Any:
        if "\n" not in text and f.plain_ok(text, "body") and stringWidth(text, font, size) <= w - 7:
            return text
        # Wrapped like the 正文 (no line starting with a closing mark, none hanging past the border).
        return _GridPara([(text.replace("\n", " "), "body")], f, size, leading, justify=False)

    rows = []
    for n, r in enumerate(t.rows):
        if n in t.spans:
            rows.append([cell(r[0], width), *([""] * (len(widths) - 1))])
        else:
            rows.append([cell(v, w) for v, w in zip(r, widths, strict=True)])
    base = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    out = []
    step = CHUNK
    start = 0
    while start < max(len(rows), 1):
        end = min(start + step, len(rows))
        if end < len(rows) and end in t.spans:  # keep a problem and its entities in one chunk
            end += 1
        chunk = rows[start:end]
        cmds = list(base)
        for i in range(start, end):
            if i in t.spans:
                cmds.append(("SPAN", (0, i - start + 1), (-1, i - start + 1)))
                if i - 1 not in t.spans and i > start:  # a problem stays with the first line of its entities
                    cmds.append(("NOSPLIT", (0, i - start), (-1, i - start + 1)))
        if t.total_last and end == len(rows) and rows:
            cmds.append(("FONT", (0, len(chunk)), (-1, len(chunk)), st["head"].fontName, size))
        table = RLTable([head, *chunk], colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(cmds)
        out.append(table)
        start = end
    return out


def build_story(report: Report, layout: ReportLayout, f: _Fonts, info: ReportInfo) -> list[Any]:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph

    st = _styles(layout, f)
    width = layout.body_width * PT_PER_MM
    size = layout.body_size_pt
    pitch = layout.line_pitch_pt

    def grid(p: Para | str, role: str = "body", indent: float = 2.0, keep: bool = False,
             mark: tuple[str, int] | None = None, **kw: Any) -> Any:
        text = p if isinstance(p, str) else p.text
        lead = "" if isinstance(p, str) else p.lead
        runs = [(lead, "heading2"), (text, role)] if lead else [(text, role)]
        out = _GridPara(runs, f, size, pitch, indent=indent * size, keep_with_next=keep, **kw)
        if mark:
            out._bookmark = mark
        return out

    story: list[Any] = []
    if report.issuer:
        story.append(Paragraph(f.markup(report.issuer, "body"), st["issuer"]))
    tsize = layout.sizes["title"]
    lines = title_lines(report.title_segments, lambda s: stringWidth(s, f.name["title"], tsize), width - tsize)
    title = _Title(lines, f, tsize, tsize * 1.4, pitch)
    title._bookmark = (report.title, 0)
    story.append(title)
    story.append(grid(report.addressee + "：", indent=0, justify=False))
    story.extend(grid(p) for p in report.opening)
    last_section: list[Any] = []
    for n, s in enumerate(report.sections):
        info.sections.append(s.heading)
        target = last_section if n == len(report.sections) - 1 else story
        target.append(grid(s.heading, "heading1", keep=True, mark=(s.heading, 0)))
        target.extend(grid(p) for p in s.blocks)
    ending: list[Any] = [grid(report.closing), _Blank(pitch)]
    note = "附件："
    hang = 2 * size + stringWidth(note, f.name["body"], size)
    for n, name in enumerate(report.annex_titles, 1):
        text = f"{n}．{name}"
        if n == 1:
            ending.append(grid(note + text, indent=2.0, hanging=hang, justify=False))
        else:
            ending.append(grid(text, indent=0, left=hang, hanging=hang, justify=False))
    ending.append(_Signoff(report.signoff_unit, report.signoff_date, info, f, size, pitch))
    # The 落款 stays on the page of the 正文's last paragraph (GB/T 9704 7.3.5): that paragraph moves over with
    # it when the page is full (with its heading when it is the section's only one), the rest of a longer last
    # section fills the page before.
    kept = 2 if len(last_section) <= 2 else 1
    story.extend(last_section[:-kept])
    story.append(KeepTogether([*last_section[-kept:], *ending]))
    for annex in report.annexes:
        story.append(PageBreak())
        story.extend(_annex(annex, st, f, width, layout, info))
    return story


class _Title:
    """Title lines, centred. The bundled stand-in for 小标宋 is a light Song, so it is drawn with a thin
    outline (fill and stroke) to come close to the heavy face a 公文 title has; a real 小标宋 is drawn as is."""

    def __new__(cls, lines: list[str], f: _Fonts, size: float, leading: float, space_after: float) -> Any:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Flowable

        bold = f.choices["title"].bundled
        runs = [_runs([(ch, f.name["title"] if ord(ch) in f.coverage[f.name["title"]] else
                        next((n for n in f.order if ord(ch) in f.coverage[n]), f.name["title"]), 0.0)
                       for ch in line]) for line in lines]

        class Title(Flowable):
            def wrap(self, aw: float, ah: float) -> tuple[float, float]:
                self.aw = aw
                return aw, len(lines) * leading + space_after

            def draw(self) -> None:
                c = self.canv
                y = len(lines) * leading + space_after - leading + (leading - size) / 2 + size * 0.12
                for line in runs:
                    width = sum(stringWidth(t, font, size) for font, t in line)
                    text = c.beginText((self.aw - width) / 2, y)
                    if bold:
                        c.setLineWidth(size * 0.03)
                        text.setTextRenderMode(2)
                    for font, t in line:
                        text.setFont(font, size)
                        text.textOut(t.replace("\n", "") if t else t)
                    c.drawText(text)
                    y -= leading

        return Title()


class _Blank:
    """One empty line of the grid."""

    def __new__(cls, pitch: float) -> Any:
        from reportlab.platypus import Spacer

        return Spacer(1, pitch)


def _annex(annex: Annex, st: dict[str, Any], f: _Fonts, width: float, layout: ReportLayout,
           info: ReportInfo) -> list[Any]:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Spacer

    class _Start(Paragraph):
        def draw(self) -> None:
            super().draw()
            info.annex_pages[annex.label] = self.canv.getPageNumber()

    label = _Start(f.markup(annex.label, "heading1"), st["annex_label"])
    label._bookmark = (f"{annex.label} {annex.title}", 0)
    asize = layout.sizes["annex_title"]
    alines = title_lines((annex.title,), lambda s: stringWidth(s, f.name["title"], asize), width - asize)
    out: list[Any] = [label, _Title(alines, f, asize, asize * 1.5, layout.line_pitch_pt / 2)]
    for b in annex.blocks:
        if isinstance(b, Para):
            out.append(Paragraph(f.markup(b.text, "body"), st["body"]))
        elif isinstance(b, Chart):
            if b.values:
                out.extend([_chart(b, f, layout.sizes["chart"], width), Spacer(1, 8)])
        else:
            if b.caption:
                out.append(Paragraph(f.markup(b.caption, "heading1"), st["caption"]))
            out.extend(_table(b, st, f, width))
            out.append(Spacer(1, 8))
    return out


def render_report(report: Report, path: Path, progress: Callable[[float, str], None] | None = None, *,
                  strict: bool = False, fonts: dict[str, FontChoice] | None = None) -> ReportInfo:
    """Write the report PDF to ``path`` (atomically) and return where its signature box is.

    ``report`` is the model built once for this export (:func:`~app.export.report_model.build_report`). With ``strict`` (a
    signed export) a character no font can draw stops the export naming the field; otherwise it is set as
    〓 and listed in :attr:`ReportInfo.unprintable`.
    """
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    layout = load_report_layout()
    f = _Fonts(fonts or choose_fonts(layout))
    info = ReportInfo(fonts=describe(f.choices))
    info.unprintable = uncovered(report.texts(), f.coverage)
    if strict and info.unprintable:
        raise SelfcheckError(unprintable_message(info.unprintable))
    # Charts start every drawing with the graphics default font (Helvetica, never embedded): use ours.
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = f.name["body"]
    story = build_story(report, layout, f, info)
    mm = PT_PER_MM
    page_w, page_h = layout.width * mm, layout.height * mm
    num_size = layout.page_number_size
    num_font = f.name["number"]

    def page_number(canvas: Canvas, doc: Any) -> None:
        n = canvas.getPageNumber()
        text = layout.page_number_format.format(n=n)
        y = layout.margin_bottom * mm - layout.page_number_gap * mm - num_size * 0.8
        canvas.saveState()
        canvas.setFont(num_font, num_size)
        if n % 2:
            canvas.drawRightString((layout.margin_left + layout.body_width) * mm - num_size, y, text)
        else:
            canvas.drawString(layout.margin_left * mm + num_size, y, text)
        canvas.restoreState()

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:
            mark = getattr(flowable, "_bookmark", None)
            if mark:
                text, level = mark
                key = f"s{id(flowable)}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(text, key, level=level, closed=False)

    with atomic_target(Path(path)) as tmp:
        doc = Doc(str(tmp), pagesize=(page_w, page_h), leftMargin=layout.margin_left * mm,
                  rightMargin=layout.margin_right * mm, topMargin=layout.margin_top * mm,
                  bottomMargin=layout.margin_bottom * mm, title=report.title, author=report.signoff_unit,
                  subject=report.subject, keywords=report.keywords, creator="selfcheck", lang="zh-CN",
                  initialFontName=f.name["body"])
        # The frame is the 版心 itself: no padding, so 22 lines of the pitch fill it exactly.
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_number)])
        if progress:
            progress(0.3, "正在排版自查报告")
        doc.build(story)
        info.pages = doc.page
    return info


def unprintable_message(found: list[Unprintable]) -> str:
    shown = "；".join(str(u) for u in found[:8])
    more = f"等{len(found)}处" if len(found) > 8 else ""
    return (f"报告中有字体无法显示的字符：{shown}{more}。签名的报告不能缺字，"
            "请修改这些内容（例如去掉表情符号或生僻字改用常用字），或安装含有该字的字体后再导出。")
