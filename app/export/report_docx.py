"""The same report as an editable .docx, written straight from the :class:`Report` model.

The signed PDF stays the official copy; this file carries the same sections, annexes and page numbers for
units that polish the wording in Word or WPS. It is written as WordprocessingML with named styles (仿宋 body,
黑体 一级标题 in black, 楷体 lead-ins, 小标宋 title), so a paragraph or table cell is one short XML string:
no per-cell font setters, which took the large unit 38–53 s through python-docx.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app.export.report_layout import PT_PER_MM, ReportLayout, load_report_layout
from app.export.report_model import Chart, Para, Report, Table, build_report
from app.storage.files import atomic_target

TWIPS_PER_MM = 1440 / 25.4
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _x(text: str) -> str:
    """Escaped for XML text; characters XML 1.0 forbids (control codes) are dropped."""
    return escape("".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 0x20))


def _run(text: str, style: str = "") -> str:
    rpr = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    parts = text.split("\n")
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{_x(p)}</w:t>' for p in parts)
    return f"<w:r>{rpr}{inner}</w:r>"


def _p(text: str, style: str, lead: str = "", ppr_extra: str = "") -> str:
    runs = (_run(lead, "Lead") if lead else "") + _run(text)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr_extra}</w:pPr>{runs}</w:p>'


def _width_chars(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _table(t: Table | Chart, width_twips: int) -> str:
    if isinstance(t, Chart):  # the chart's numbers as a small table (Word has no drawing from us)
        t = Table(("条款", "问题数（个）"), tuple((lbl, str(v)) for lbl, v in zip(t.labels, t.values, strict=True)),
                  (4.0, 1.5), t.title, caption=t.title)
    total = sum(t.widths)
    cols = [int(width_twips * w / total) for w in t.widths]
    grid = "".join(f'<w:gridCol w:w="{c}"/>' for c in cols)

    def row(cells: list[tuple[str, int, int]], style: str, header: bool = False) -> str:
        trpr = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
        out = []
        for text, w, span in cells:
            spanxml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{spanxml}</w:tcPr>{_p(text, style)}</w:tc>')
        return f"<w:tr>{trpr}{''.join(out)}</w:tr>"

    rows = [row([(h, c, 1) for h, c in zip(t.header, cols, strict=True)], "TableHead", header=True)]
    last = len(t.rows) - 1
    for n, r in enumerate(t.rows):
        style = "TableHead" if t.total_last and n == last else "TableText"
        if n in t.spans:
            rows.append(row([(r[0], sum(cols), len(cols))], style))
        else:
            rows.append(row([(v, c, 1) for v, c in zip(r, cols, strict=True)], style))
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    caption = _p(t.caption, "Caption") if t.caption else ""
    return (f'{caption}<w:tbl><w:tblPr><w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:tblBorders>{borders}'
            f'</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
            f'<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f'{"".join(rows)}</w:tbl>{_p("", "TableText")}')


def document_xml(report: Report, layout: ReportLayout) -> str:
    body: list[str] = []
    keep = "<w:keepNext/>"
    if report.issuer:
        body.append(_p(report.issuer, "Issuer"))
    from app.export.report import title_lines

    tsize = layout.sizes["title"]
    lines = title_lines(report.title_segments, lambda t: _width_chars(t) * tsize,
                        layout.body_width * PT_PER_MM - tsize)
    body.append(_p("\n".join(lines), "ReportTitle"))
    body.append(_p(report.addressee + "：", "Addressee"))
    body.extend(_p(p.text, "BodyText", p.lead) for p in report.opening)
    for n, s in enumerate(report.sections):
        last = n == len(report.sections) - 1
        body.append(_p(s.heading, "Heading1"))
        body.extend(_p(p.text, "BodyText", p.lead, keep if last else "") for p in s.blocks)
    body.append(_p(report.closing, "BodyText", ppr_extra=keep))
    body.append(_p("", "BodyText", ppr_extra=keep))
    for n, name in enumerate(report.annex_titles, 1):
        body.append(_p(("附件：" if n == 1 else "") + f"{n}．{name}", "AnnexNote" if n == 1 else "AnnexNoteMore",
                       ppr_extra=keep))
    body.append(_p("", "BodyText", ppr_extra=keep))
    body.append(_p("", "BodyText", ppr_extra=keep))
    date_w = _width_chars(report.signoff_date)
    unit_w = _width_chars(report.signoff_unit)
    unit_right = max(0, round((4 + (date_w - unit_w) / 2) * 100))
    body.append(_p(report.signoff_unit, "Signoff", ppr_extra=f'{keep}<w:ind w:rightChars="{unit_right}"/>'))
    body.append(_p(report.signoff_date, "Signoff", ppr_extra='<w:ind w:rightChars="400"/>'))
    width = int(layout.body_width * TWIPS_PER_MM)
    for annex in report.annexes:
        body.append(_p(annex.label, "AnnexLabel"))
        body.append(_p(annex.title, "AnnexTitle"))
        for b in annex.blocks:
            body.append(_p(b.text, "BodyText", b.lead) if isinstance(b, Para) else _table(b, width))
    mm = TWIPS_PER_MM
    footer = int((layout.margin_bottom - layout.page_number_gap - layout.page_number_size / PT_PER_MM) * mm)
    sect = (f'<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
            f'<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
            f'<w:pgSz w:w="{int(layout.width * mm)}" w:h="{int(layout.height * mm)}"/>'
            f'<w:pgMar w:top="{int(layout.margin_top * mm)}" w:right="{int(layout.margin_right * mm)}" '
            f'w:bottom="{int(layout.margin_bottom * mm)}" w:left="{int(layout.margin_left * mm)}" w:header="851" '
            f'w:footer="{max(footer, 0)}" w:gutter="0"/>'
            f'<w:docGrid w:type="lines" w:linePitch="{int(layout.line_pitch_pt * 20)}"/></w:sectPr>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}" '
            f'xmlns:r="{R_NS}"><w:body>{"".join(body)}{sect}</w:body></w:document>')


def styles_xml(layout: ReportLayout) -> str:
    f = layout.fonts
    s = layout.sizes
    pitch = int(layout.line_pitch_pt * 20)
    body_sz = round(layout.sizes["body"] * 2)

    def fonts(role: str) -> str:
        name = _x(f[role].docx)
        return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'

    def style(sid: str, name: str, role: str, size: float, ppr: str = "", rpr: str = "", kind: str = "paragraph",
              based: str = "") -> str:
        basedxml = f'<w:basedOn w:val="{based}"/>' if based else ""
        pprxml = f"<w:pPr>{ppr}</w:pPr>" if ppr and kind == "paragraph" else ""
        return (f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>{basedxml}'
                f'{pprxml}<w:rPr>{fonts(role)}<w:color w:val="000000"/>{rpr}<w:sz w:val="{round(size * 2)}"/>'
                f'<w:szCs w:val="{round(size * 2)}"/></w:rPr></w:style>')

    indent = int(2 * layout.sizes["body"] * 20)
    line = f'<w:spacing w:before="0" w:after="0" w:line="{pitch}" w:lineRule="exact"/>'
    table_line = '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="260" w:lineRule="auto"/>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
        f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts("body")}<w:sz w:val="{body_sz}"/><w:lang w:val="en-US" '
        f'w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{line}</w:pPr></w:pPrDefault>'
        f'</w:docDefaults>'
        f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr>{line}'
        f'<w:jc w:val="both"/></w:pPr></w:style>'
        + style("ReportTitle", "公文标题", "title", s["title"],
                f'<w:spacing w:before="0" w:after="{pitch}" w:line="{int(s["title"] * 28)}" w:lineRule="exact"/>'
                '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>')
        + style("Issuer", "签发人", "body", s["body"], f'{line}<w:jc w:val="right"/>')
        + style("Addressee", "主送机关", "body", s["body"], f"{line}<w:ind w:firstLine=\"0\"/>")
        + style("BodyText", "公文正文", "body", s["body"], f'{line}<w:ind w:firstLine="{indent}" w:firstLineChars="200"/><w:jc w:val="both"/>')
        + style("Heading1", "一级标题", "heading1", s["heading1"],
                f'{line}<w:keepNext/><w:ind w:firstLine="{indent}" w:firstLineChars="200"/><w:outlineLvl w:val="0"/>')
        + style("Lead", "二级标题", "heading2", s["heading2"], kind="character")
        + style("AnnexNote", "附件说明", "body", s["body"], f'{line}<w:ind w:left="{int(5 * s["body"] * 20)}" '
                f'w:hanging="{int(3 * s["body"] * 20)}"/>')
        + style("AnnexNoteMore", "附件说明续", "body", s["body"], f'{line}<w:ind w:left="{int(5 * s["body"] * 20)}"/>')
        + style("Signoff", "落款", "body", s["body"], f'{line}<w:jc w:val="right"/>')
        + style("AnnexLabel", "附件标注", "heading1", s["annex_label"], f"{line}<w:pageBreakBefore/><w:outlineLvl w:val=\"0\"/>")
        + style("AnnexTitle", "附件标题", "title", s["annex_title"],
                f'<w:spacing w:before="0" w:after="{pitch // 2}" w:line="{int(s["annex_title"] * 30)}" '
                'w:lineRule="exact"/><w:jc w:val="center"/>')
        + style("Caption", "表题", "heading1", s["table"] + 1, f"{table_line}<w:keepNext/>")
        + style("TableText", "表格文字", "body", s["table"], f'{table_line}<w:jc w:val="left"/>')
        + style("TableHead", "表头", "heading1", s["table_head"], f'{table_line}<w:jc w:val="center"/>')
        + style("PageNumber", "页码", "number", layout.page_number_size, table_line)
        + "</w:styles>"
    )


def _footer(layout: ReportLayout, odd: bool) -> str:
    before, after = layout.page_number_format.split("{n}", 1)
    chars = 100  # 一字 from the edge of the 版心
    ind = f'<w:ind w:rightChars="{chars}"/>' if odd else f'<w:ind w:leftChars="{chars}"/>'
    jc = "right" if odd else "left"
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE '
             '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
            f'<w:p><w:pPr><w:pStyle w:val="PageNumber"/><w:jc w:val="{jc}"/>{ind}</w:pPr>{_run(before)}{field}'
            f"{_run(after)}</w:p></w:ftr>")


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/></Relationships>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>selfcheck</Application></Properties>"""


def _core(report: Report) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{_x(report.title)}</dc:title><dc:subject>{_x(report.subject)}</dc:subject>"
            f"<dc:creator>{_x(report.signoff_unit)}</dc:creator><cp:keywords>{_x(report.keywords)}</cp:keywords>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created></cp:coreProperties>')


def write_docx(report: Report, path: Path, layout: ReportLayout | None = None) -> Path:
    """Write ``report`` as a .docx at ``path`` (atomically)."""
    layout = layout or load_report_layout()
    parts = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "docProps/core.xml": _core(report),
        "docProps/app.xml": APP, "word/_rels/document.xml.rels": DOC_RELS, "word/settings.xml": SETTINGS,
        "word/styles.xml": styles_xml(layout), "word/footer1.xml": _footer(layout, odd=True),
        "word/footer2.xml": _footer(layout, odd=False), "word/document.xml": document_xml(report, layout),
    }
    with atomic_target(Path(path)) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, xml in parts.items():
            z.writestr(name, xml)
    return Path(path)


def render_docx(store: Any, inspection_id: int, path: Path, today: dt.date | None = None, *,
                report: Report | None = None) -> Path:
    """The editable .docx of the report built for this export (built here when not given)."""
    return write_docx(report or build_report(store, inspection_id, today), path)
