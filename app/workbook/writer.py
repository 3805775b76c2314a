"""Write the unit workbook (一张表) from :class:`WorkbookData`, laid out by ``exports/workbook.toml``.

openpyxl writes the frame (styles, widths, validation lists, print setup, the unit record and the hidden
metadata); the table rows are streamed as sheet XML by :mod:`app.workbook.fastrows`, about ten times faster than
openpyxl's cells (the large unit: ~0.5 s instead of ~5 s) with memory flat. The file looks finished: bold
frozen headers, widths for Chinese text, validation lists, real dates, A4 landscape with repeated header rows,
autofilter. Text is always written as text, never as a formula, whatever it begins with.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from app.core import ledger
from app.core.errors import SelfcheckError
from app.storage.files import atomic_target, check_target
from app.workbook.fastrows import RawPart, splice
from app.workbook.layout import Column, Layout, Sheet, WorkbookData, cell_value, load_layout

HEADER_FILL = "DCE6F1"
DATE_FORMAT = "yyyy-mm-dd"
MAX_VALIDATION_ROWS = 100_000
FORMULA_START = ("=", "+", "-", "@")


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="9FB1C9")
    return {
        "header_font": Font(name="宋体", bold=True, size=11),
        "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "header_align": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(vertical="top", wrap_text=True),
    }


def _col_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _text_cell(ws: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def _setup_sheet(ws: Any, sheet: Sheet, n_rows: int, styles: dict[str, Any]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    for i, col in enumerate(sheet.columns, start=1):
        ws.column_dimensions[_col_letter(i)].width = col.width
    ws.freeze_panes = "A2"
    last_col = _col_letter(len(sheet.columns))
    ws.auto_filter.ref = f"A1:{last_col}{max(n_rows + 1, 2)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    last_row = max(n_rows + 1, MAX_VALIDATION_ROWS if n_rows == 0 else n_rows + 200)
    for i, col in enumerate(sheet.columns, start=1):
        if col.choices and len(",".join(col.choices)) < 250:
            dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="无效的值",
                                error=f"“{col.header}”只能填写:{'、'.join(col.choices)}")
            letter = _col_letter(i)
            dv.add(f"{letter}2:{letter}{last_row}")
            ws.data_validations.append(dv)
        elif col.type == "date":
            dv = DataValidation(type="date", operator="greaterThan", formula1="32874", allow_blank=True,
                                showErrorMessage=True, errorTitle="无效的日期", error=f"“{col.header}”应为日期")
            letter = _col_letter(i)
            dv.add(f"{letter}2:{letter}{last_row}")
            ws.data_validations.append(dv)


def _header_row(ws: Any, headers: Iterable[str], styles: dict[str, Any]) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for h in headers:
        c = WriteOnlyCell(ws, value=h)
        c.font = styles["header_font"]
        c.fill = styles["header_fill"]
        c.alignment = styles["header_align"]
        c.border = styles["border"]
        cells.append(c)
    return cells


def _data_cell(ws: Any, column: Column, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    value = cell_value(column, value)
    if isinstance(value, str):
        if value.startswith(FORMULA_START):
            return _text_cell(ws, value)
        return value
    if isinstance(value, dt.date):
        c = WriteOnlyCell(ws, value=value)
        c.number_format = DATE_FORMAT
        return c
    return value


def _row_values(columns: tuple[Column, ...], rows: list[dict[str, Any]]) -> Iterator[list[Any]]:
    """Rows as the fast writer takes them: dates as ISO text (in date columns they become real dates),
    booleans as 是/否, everything else as it is. Text is always an inline string, never a formula."""
    keys = [c.key for c in columns]
    dated = [i for i, c in enumerate(columns) if c.type == "date" or c.type == "bool"]
    for row in rows:
        values = [row.get(k) for k in keys]
        for i in dated:
            v = values[i]
            if isinstance(v, bool):
                values[i] = ledger.YES if v else ledger.NO
            elif isinstance(v, dt.date):
                values[i] = v.isoformat()
        yield values


def _write_record(ws: Any, sheet: Sheet, record: dict[str, Any], styles: dict[str, Any]) -> None:
    from openpyxl.cell import WriteOnlyCell

    for i, col in enumerate(sheet.columns, start=1):
        ws.column_dimensions[_col_letter(i)].width = col.width
    ws.freeze_panes = "A2"
    ws.page_setup.paperSize = 9
    ws.append(_header_row(ws, sheet.headers, styles))
    for f in sheet.fields:
        label = WriteOnlyCell(ws, value=f.label)
        label.font = styles["header_font"]
        label.border = styles["border"]
        if f.type == "date":
            # A date cell even when empty: it registers the date style the fast row writer gives table dates.
            value = WriteOnlyCell(ws, value=record.get(f.key))
            value.number_format = DATE_FORMAT
        else:
            value = _data_cell(ws, Column(f.key, f.label, type=f.type), record.get(f.key))
        ws.append([label, value])


def use_utf8_sheet_xml() -> None:
    """Make openpyxl's write-only sheets UTF-8 instead of ASCII with a character reference per Chinese
    character: files about 10 % smaller, and a third faster for every reader (calamine included)."""
    import functools

    from openpyxl.worksheet import _writer
    from openpyxl.xml.functions import xmlfile

    if not isinstance(_writer.xmlfile, functools.partial):
        _writer.xmlfile = functools.partial(xmlfile, encoding="utf-8")


def write_workbook_file(data: WorkbookData, path: Path, layout: Layout | None = None) -> Path:
    """Write ``data`` to ``path`` directly (the caller makes it atomic); raises ``OSError`` on a failed write.

    openpyxl writes the frame of every sheet (styles, widths, frozen header, validation lists, print setup,
    the unit record and the hidden metadata), each table with its header row only; the table rows, by far
    most of the cells, are then streamed as sheet XML into that frame (:mod:`app.workbook.fastrows`): about
    ten times faster than openpyxl cell objects, and the same file for every reader.
    """
    from openpyxl import Workbook

    use_utf8_sheet_xml()
    layout = layout or load_layout()
    styles = _styles()
    wb = Workbook(write_only=True)
    wb.properties.title = layout.title
    wb.properties.creator = str(data.unit.get("unit_name") or "selfcheck")
    parts: list[RawPart] = []
    for sheet in layout.sheets:
        ws = wb.create_sheet(sheet.name)
        if sheet.kind == "record":
            _write_record(ws, sheet, data.unit, styles)
            continue
        rows = data.rows.get(sheet.key, [])
        _setup_sheet(ws, sheet, len(rows), styles)
        ws.append(_header_row(ws, sheet.headers, styles))
        if rows:
            dates = frozenset(i for i, c in enumerate(sheet.columns) if c.type == "date")
            parts.append(RawPart(f"xl/worksheets/sheet{len(wb.worksheets)}.xml", len(rows), dates,
                                 _row_values(sheet.columns, rows)))
    meta = wb.create_sheet(layout.meta_sheet)
    meta.sheet_state = "hidden"
    meta.column_dimensions["A"].width = 24
    meta.column_dimensions["B"].width = 80
    for key, value in data.meta.items():
        meta.append([_text_cell(meta, key), _text_cell(meta, str(value))])
    stage = path.with_name(path.name + ".frame")
    try:
        wb.save(stage)
        splice(stage, path, parts)
    except BaseException:
        _discard(wb)
        raise
    finally:
        stage.unlink(missing_ok=True)
    return path


def write_workbook(data: WorkbookData, path: Path, layout: Layout | None = None) -> Path:
    """Write ``data`` to ``path`` (through a temporary file, renamed into place only when complete)."""
    check_target(path)
    with atomic_target(path) as tmp:
        try:
            write_workbook_file(data, tmp, layout)
        except OSError as exc:
            raise SelfcheckError(f"无法写入工作簿 {path}:{exc.strerror or exc}") from None
    return path


def _discard(wb: Any) -> None:
    """Close the write-only sheets' pending streams after a failed save, so nothing lingers half-open."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
