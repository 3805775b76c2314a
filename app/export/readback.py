"""Read-back: after writing, the export reads its own files as a recipient would and checks them.

The workbook is read with calamine (the reader the province uses) and must give back, cell for cell, the
canonical lines the signature covers: the unit's name, every row of every sheet (so the totals and the
problem count), and the metadata. The PDF is opened with pypdf: its page count, its first page naming the
unit, its sections as bookmarks (the annexes among them), and the signature field when signed. Any mismatch
fails the export before the files are swapped in, so the previous files stay as they were.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.core.errors import SelfcheckError
from app.export.layout import WorkbookData, load_layout, read_workbook


class ReadBackError(SelfcheckError):
    """A written file does not say what the data says."""


def _fail(label: str, what: str) -> ReadBackError:
    return ReadBackError(f"导出文件核对失败:读回的 {label} {what}。导出已取消,原有文件未被改动")


def check_workbook(path: Path, data: WorkbookData, label: str = "一张表") -> None:
    """The workbook at ``path`` reads back as ``data`` (the lines the signature covers, and the metadata)."""
    from app.signing.payload import sheet_lines

    layout = load_layout()
    back, problems = read_workbook(path, layout)
    structural = [p for p in problems if p.row is None or p.row == 1]
    if structural:
        raise _fail(label, f"无法按版式读取:{structural[0]}")
    if (back.unit.get("unit_name") or "") != (data.unit.get("unit_name") or ""):
        raise _fail(label, f"单位名称为“{back.unit.get('unit_name') or ''}”,应为“{data.unit.get('unit_name') or ''}”")
    expected, actual = sheet_lines(data, layout), sheet_lines(back, layout)
    for sheet in layout.sheets:
        want, got = expected.get(sheet.key, []), actual.get(sheet.key, [])
        if len(want) != len(got):
            raise _fail(label, f"工作表“{sheet.name}”有 {len(got)} 行数据,应为 {len(want)} 行")
        if want != got:
            n = next(i for i, (a, b) in enumerate(zip(want, got, strict=True)) if a != b)
            where = sheet.fields[n].label if sheet.kind == "record" and n < len(sheet.fields) else f"第{n + 2}行"
            raise _fail(label, f"工作表“{sheet.name}”{where}与数据不符")
    wanted_meta = {k: str(v) for k, v in data.meta.items()}
    if back.meta != wanted_meta:
        key = next(k for k in sorted(set(wanted_meta) | set(back.meta)) if wanted_meta.get(k) != back.meta.get(k))
        raise _fail(label, f"隐藏工作表“{layout.meta_sheet}”中的“{key}”与数据不符")


_SPACE = re.compile(r"\s+")


def check_pdf(path: Path, store: Any, inspection_id: int, info: Any, *, signed: bool,
              label: str = "自查报告") -> None:
    """The report PDF opens, has the pages and sections the renderer laid out, names the unit on its first
    page, and carries a signature field when it was signed."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    unit = store.get_unit()
    try:
        reader = PdfReader(str(path))
        pages = len(reader.pages)
        first = _SPACE.sub("", reader.pages[0].extract_text() or "") if pages else ""
        outline = _titles(reader.outline)
        fields = reader.get_fields() or {}
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise _fail(label, f"无法打开({exc})") from None
    expected_pages = getattr(info, "pages", 0)
    if expected_pages and pages != expected_pages:
        raise _fail(label, f"有 {pages} 页,排版时为 {expected_pages} 页")
    if unit is not None and _SPACE.sub("", unit.name) not in first:
        raise _fail(label, f"首页未出现单位名称“{unit.name}”")
    missing = [s for s in getattr(info, "sections", []) if s not in outline]
    if missing:
        raise _fail(label, f"缺少章节或附件“{missing[0]}”(书签)")
    if signed and not any(f.get("/FT") == "/Sig" and f.get("/V") is not None for f in fields.values()):
        raise _fail(label, "没有电子签名")


def _titles(outline: Any) -> set[str]:
    out: set[str] = set()
    for entry in outline or []:
        if isinstance(entry, list):
            out |= _titles(entry)
        else:
            title = getattr(entry, "title", None)
            if title:
                out.add(str(title))
    return out
