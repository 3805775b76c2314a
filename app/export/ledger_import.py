"""Import ledger rows from a workbook with the export's columns, or from a table pasted from a spreadsheet.

Good rows are kept and bad rows are listed with their sheet, row number and reason, so a unit can fix a
few rows instead of retyping hundreds. Nothing is stored here: the caller adds ``rows`` in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core import ledger
from app.core.errors import SelfcheckError, ValidationError
from app.export.layout import Layout, Sheet, is_blank_row, load_layout, normalize_cell

MAX_IMPORT_BYTES = 50 * 1024 * 1024


@dataclass
class LedgerImport:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {k: [] for k in ledger.KINDS})
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.rows.values())


def _ledger_sheets(layout: Layout) -> dict[str, Sheet]:
    return {s.entity: s for s in layout.sheets if s.kind == "ledger"}


def _header_map(sheet: Sheet, header: list[Any]) -> dict[int, str]:
    """Column position → field key, by header text (the export's headers or the ledger's field labels)."""
    labels = {c.header: c.key for c in sheet.columns if c.key != "ref"}
    labels.update({f.label: f.key for f in ledger.FIELDS[sheet.entity]})
    out = {}
    for pos, raw in enumerate(header):
        key = labels.get(ledger.clean_text(str(raw)) if raw is not None else "")
        if key:
            out[pos] = key
    return out


def _rows_into(result: LedgerImport, sheet: Sheet, rows: list[list[Any]], where: str, first_row: int = 1) -> None:
    if not rows:
        return
    mapping = _header_map(sheet, rows[0])
    required = [f for f in ledger.FIELDS[sheet.entity] if f.required]
    missing = [f.label for f in required if f.key not in mapping.values()]
    if missing:
        result.problems.append(f"{where}第{first_row}行(表头):缺少必填列“{'、'.join(missing)}”,该表未导入")
        return
    columns = {c.key: c for c in sheet.columns}
    for n, raw in enumerate(rows[1:], start=first_row + 1):
        if is_blank_row(raw):
            continue
        values: dict[str, Any] = {}
        reasons = []
        for pos, key in mapping.items():
            value = raw[pos] if pos < len(raw) else None
            column = columns.get(key)
            try:
                values[key] = normalize_cell(column, value) if column else value
            except ValueError as exc:
                reasons.append(f"“{ledger.field(sheet.entity, key).label}”{exc}")
        if not reasons:
            try:
                values = ledger.normalize_fields(sheet.entity, values)
            except ValidationError as exc:
                reasons.append(str(exc))
        if reasons:
            result.problems.append(f"{where}第{n}行:{';'.join(reasons)}")
        else:
            result.rows[sheet.entity].append(values)


def read_ledger_workbook(path: Path | str, layout: Layout | None = None) -> LedgerImport:
    """Every ledger sheet found in ``path`` (sheets named as in the export); other sheets are ignored."""
    import io

    from python_calamine import CalamineWorkbook

    from app.export.safe_open import read_checked

    path = Path(path)
    layout = layout or load_layout()
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise SelfcheckError(f"{path.name} 超过 {MAX_IMPORT_BYTES // 1024 // 1024} MB,不像是台账工作簿")
        # A hostile file must not reach the reader (a huge grid can abort it): it parses the bytes checked.
        content, unsafe = read_checked(path)
        if content is None:
            raise SelfcheckError(f"无法读取 {path.name}:{unsafe[0]}")
        wb = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except SelfcheckError:
        raise
    except Exception as exc:  # calamine raises its own types for every kind of bad file
        raise SelfcheckError(f"无法读取 {path.name}:不是有效的 Excel 工作簿({exc})") from None
    result = LedgerImport()
    found = False
    for sheet in _ledger_sheets(layout).values():
        if sheet.name not in wb.sheet_names:
            continue
        found = True
        try:
            rows = wb.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
        except Exception as exc:
            result.problems.append(f"{path.name} 工作表“{sheet.name}”无法读取:{exc}")
            continue
        _rows_into(result, sheet, rows, f"{path.name} 工作表“{sheet.name}”")
    if not found:
        names = "、".join(s.name for s in _ledger_sheets(layout).values())
        raise SelfcheckError(f"{path.name} 中没有台账工作表(应为 {names} 之一,可先导出空白模板照着填写)")
    return result


def parse_pasted_table(text: str, kind: str, layout: Layout | None = None) -> LedgerImport:
    """Rows copied from Excel/WPS (tab-separated, first line the column headers) for one kind."""
    layout = layout or load_layout()
    sheet = _ledger_sheets(layout)[kind]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    result = LedgerImport()
    if not lines:
        result.problems.append("剪贴板中没有表格内容")
        return result
    rows: list[list[Any]] = [line.split("\t") for line in lines]
    _rows_into(result, sheet, rows, f"粘贴的{ledger.KIND_LABELS[kind]}表格")
    return result
