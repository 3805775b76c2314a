"""Read-back: after writing, the export reads its own files as a recipient would and checks them.

A renderer bug, a font that silently lost glyphs, a writer that dropped a row or a truncated write would
otherwise reach the office in a signed document. The report's text is read from the 正文 pages and each
annex's first page (a few pages whatever the unit's size): the unit name, the totals, the problem count and
every annex title. The workbook is read with calamine (the reader the province uses) and must give back,
cell for cell, the canonical lines the signature covers and the metadata. A mismatch fails the export before
the files are swapped in, so the previous files stay as they were.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.core.errors import SelfcheckError
from app.export.report_model import Report
from app.workbook.layout import WorkbookData, load_layout


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


class ReadBackError(SelfcheckError):
    """A written file does not say what the data says."""


def _fail(label: str, what: str) -> ReadBackError:
    return ReadBackError(f"导出文件核对失败:读回的 {label} {what}。导出已取消,原有文件未被改动")


def check_workbook(path: Path, data: WorkbookData, label: str = "一张表") -> None:
    """The workbook at ``path`` reads back as ``data``: same reader (calamine) and same parsing as the
    province's (:func:`parse_sheet_rows`), compared cell for cell as the signature sees values, plus the
    metadata and none of the anomalies the verifier flags. The large sheets are streamed in chunks of rows,
    so the read-back (the export's memory peak) never holds a second copy of the whole workbook."""
    import itertools

    from python_calamine import CalamineWorkbook

    from app.workbook.layout import CellProblem, hidden_note, parse_sheet_rows
    from app.workbook.payload import canon

    layout = load_layout()
    anomalies: list[str] = []
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = set(book.sheet_names)
        meta_rows = (book.get_sheet_by_name(layout.meta_sheet).to_python(skip_empty_area=False)
                     if layout.meta_sheet in names else [])
    except BaseException as exc:  # calamine's errors, and its Rust panics (BaseException)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise _fail(label, f"无法打开({exc})") from None
    meta: dict[str, str] = {}
    for n, raw in enumerate(meta_rows, start=1):
        if raw and raw[0] not in (None, ""):
            key = str(raw[0]).strip()
            value = "" if len(raw) < 2 or raw[1] is None else str(raw[1])
            anomalies += [note for v in (key, value) if (note := hidden_note(layout.meta_sheet, n, None, v))]
            if key in meta:
                anomalies.append(f"{CellProblem(layout.meta_sheet, n, None, '')}“{key}”重复出现")
            meta.setdefault(key, value)
    wanted_meta = {k: str(v) for k, v in data.meta.items()}
    if meta != wanted_meta:
        key = next(k for k in sorted(set(wanted_meta) | set(meta)) if wanted_meta.get(k) != meta.get(k))
        raise _fail(label, f"隐藏工作表“{layout.meta_sheet}”中的“{key}”与数据不符")
    for sheet in layout.sheets:
        if sheet.name not in names:
            raise _fail(label, f"缺少工作表“{sheet.name}”")
        problems: list[CellProblem] = []
        try:
            rows = book.get_sheet_by_name(sheet.name).iter_rows()
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            raise _fail(label, f"工作表“{sheet.name}”无法读取({exc})") from None
        header = next(rows, None)
        if header is None:
            raise _fail(label, f"工作表“{sheet.name}”缺少表头行")
        if sheet.kind == "record":
            parsed = parse_sheet_rows(layout, sheet, [header, *rows], problems, anomalies=anomalies)
            unit = parsed[0] if parsed else {}
            if (unit.get("unit_name") or "") != (data.unit.get("unit_name") or ""):
                raise _fail(label, f"单位名称为“{unit.get('unit_name') or ''}”,应为“{data.unit.get('unit_name') or ''}”")
            for f in sheet.fields:
                if canon(data.unit.get(f.key)) != canon(unit.get(f.key)):
                    raise _fail(label, f"工作表“{sheet.name}”“{f.label}”与数据不符")
            continue
        want = data.rows.get(sheet.key, [])
        keys = [c.key for c in sheet.columns]
        n = 0
        while chunk := list(itertools.islice(rows, 2000)):
            parsed = parse_sheet_rows(layout, sheet, [header, *chunk], problems, anomalies=anomalies)
            structural = [p for p in problems if p.row is None or p.row == 1]
            if structural:
                raise _fail(label, f"无法按版式读取:{structural[0]}")
            for b in parsed:
                if n >= len(want):
                    raise _fail(label, f"工作表“{sheet.name}”的数据多于 {len(want)} 行")
                a = want[n]
                # Typed values equal means canonical values equal; only rows that differ as values (text
                # the reader trimmed, say) are compared as the signature sees them.
                if a != b and any(canon(a.get(k)) != canon(b.get(k)) for k in keys):
                    raise _fail(label, f"工作表“{sheet.name}”第{n + 2}行与数据不符")
                n += 1
        if n != len(want):
            raise _fail(label, f"工作表“{sheet.name}”有 {n} 行数据,应为 {len(want)} 行")
    if anomalies:  # what no export writes (invisible controls, repeated keys) must not be in ours
        raise _fail(label, anomalies[0])


def check_report(path: Path, report: Report, info: Any, *, signed: bool, label: str = "自查报告") -> None:
    """The final report file: its text agrees with the model (:func:`check_pdf`) and, when it was signed,
    it carries the signature."""
    mismatches = check_pdf(path, report, info)
    if mismatches:
        raise _fail(label, "与数据核对不一致:" + ";".join(mismatches))
    if signed and not _has_signature(path):
        raise _fail(label, "没有电子签名")


def _has_signature(path: Path) -> bool:
    from pypdf import PdfReader

    try:
        fields = PdfReader(str(path)).get_fields() or {}
    except Exception:  # a damaged file has no usable signature either
        return False
    return any(f.get("/FT") == "/Sig" and f.get("/V") is not None for f in fields.values())
