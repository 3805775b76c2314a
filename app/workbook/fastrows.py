"""Data rows of the master's large tables, written as sheet XML directly.

openpyxl write-only costs ~7.5 µs per cell: a province's ledgers and problem list (5 million cells) took
~50 s that way. So the master is written by openpyxl with each large table as a header-only sheet (styles,
widths, frozen header, autofilter, print setup), and the data rows are then streamed into that sheet's XML
part, after the header row, while the zip is rewritten. Strings are inline strings (never formulas, so text
from a unit can never become one); ISO dates in date columns become real dates in openpyxl's date style.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.ledger import NO, YES

EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_FORMAT = "yyyy-mm-dd"
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CHUNK_ROWS = 2000


@dataclass
class RawPart:
    """Rows ``first_row…`` of one sheet part, taken from a shared row iterator."""

    member: str          # zip member, e.g. xl/worksheets/sheet5.xml
    rows: int            # how many rows this part takes
    date_columns: frozenset[int]
    source: Iterator[list[Any]]


def date_style_index(styles_xml: bytes) -> int | None:
    """The cellXfs index openpyxl gave the yyyy-mm-dd number format (our own file, safe to parse)."""
    root = ET.fromstring(styles_xml)
    fmt_ids = {int(f.get("numFmtId", -1)) for f in root.iter(f"{_NS}numFmt") if f.get("formatCode") == DATE_FORMAT}
    xfs = root.find(f"{_NS}cellXfs")
    for i, xf in enumerate(xfs if xfs is not None else []):
        if int(xf.get("numFmtId", 0)) in fmt_ids:
            return i
    return None


def _letters(n: int) -> list[str]:
    from openpyxl.utils import get_column_letter

    return [get_column_letter(i) for i in range(1, n + 1)]


def cell_text(value: str) -> str:
    """Text any spreadsheet accepts: XML-illegal control characters dropped, and the lone surrogates of a
    file name with undecodable bytes shown as U+FFFD (they cannot be written as UTF-8)."""
    return _SURROGATE.sub("\ufffd", _ILLEGAL_XML.sub("", value))


def _text(value: str) -> str:
    if not value.isprintable():
        value = cell_text(value)
        if "\r" in value:
            value = value.replace("\r", "\x00")  # kept as &#13; below: XML parsers turn a raw CR into LF
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\x00" in value:
        value = value.replace("\x00", "&#13;")
    if "_x" in value:  # readers decode _xHHHH_ (OOXML's escape): write a literal one escaped
        value = _OOXML_ESCAPE.sub("_x005F_", value)
    return value


def rows_xml(rows: Iterable[list[Any]], first_row: int, date_columns: frozenset[int],
             date_style: int | None) -> Iterator[bytes]:
    """``<row>`` elements, in chunks of encoded bytes."""
    letters: list[str] = []
    chunk: list[str] = []
    for r, row in enumerate(rows, start=first_row):
        if len(letters) < len(row):
            letters = _letters(len(row))
        cells = [f'<row r="{r}">']
        for i, v in enumerate(row):
            if v is None or v == "":
                continue
            t = type(v)
            if t is str:
                if i in date_columns and date_style is not None:
                    try:
                        serial = (dt.date.fromisoformat(v) - EXCEL_EPOCH).days
                        cells.append(f'<c r="{letters[i]}{r}" s="{date_style}"><v>{serial}</v></c>')
                        continue
                    except ValueError:
                        pass
                cells.append(f'<c r="{letters[i]}{r}" t="inlineStr"><is><t>{_text(v)}</t></is></c>')
            elif t is bool:
                cells.append(f'<c r="{letters[i]}{r}" t="inlineStr"><is><t>{YES if v else NO}</t></is></c>')
            elif t is int or t is float:
                cells.append(f'<c r="{letters[i]}{r}"><v>{v!r}</v></c>')
            else:
                cells.append(f'<c r="{letters[i]}{r}" t="inlineStr"><is><t>{_text(str(v))}</t></is></c>')
        cells.append("</row>")
        chunk.append("".join(cells))
        if len(chunk) >= CHUNK_ROWS:
            yield "".join(chunk).encode("utf-8")
            chunk = []
    if chunk:
        yield "".join(chunk).encode("utf-8")


def _take(source: Iterator[list[Any]], n: int) -> Iterator[list[Any]]:
    for _ in range(n):
        try:
            yield next(source)
        except StopIteration:
            return


def splice(stage: Path, dest: Path, parts: list[RawPart]) -> None:
    """Copy the openpyxl file ``stage`` to ``dest``, streaming each part's rows after its header row."""
    by_member = {p.member: p for p in parts}
    with zipfile.ZipFile(stage) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        date_style = date_style_index(zin.read("xl/styles.xml")) if "xl/styles.xml" in zin.namelist() else None
        for info in zin.infolist():
            part = by_member.get(info.filename)
            if part is None:
                zout.writestr(info, zin.read(info), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
                continue
            xml = zin.read(info)
            cut = xml.rindex(b"</sheetData>")
            big = part.rows * 30 * 60 > 1_500_000_000  # only then does the part need zip64
            with zout.open(info.filename, "w", force_zip64=big) as f:  # the archive's deflate, level 1
                f.write(xml[:cut])
                for block in rows_xml(_take(part.source, part.rows), 2, part.date_columns, date_style):
                    f.write(block)
                f.write(xml[cut:])
