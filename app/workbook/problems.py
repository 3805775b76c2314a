"""What can be wrong with a workbook, as codes: decisions use the code, never the message's wording.

The message is for people and may be reworded freely; the verifier (is the file readable? is a sheet, a
header or a column missing?), the merge and the export's read-back decide by :class:`Code` alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    # Refused before any parsing (app.workbook.safe_open): the file is never handed to the reader.
    UNSAFE_FILE = "unsafe_file"
    # The reader could not open the file, or one sheet of it.
    UNREADABLE_FILE = "unreadable_file"
    UNREADABLE_SHEET = "unreadable_sheet"
    # Parts of the layout missing from the file.
    MISSING_SHEET = "missing_sheet"
    MISSING_HEADER = "missing_header"
    MISSING_COLUMN = "missing_column"
    MISSING_FIELD = "missing_field"  # a label of a record sheet (单位信息) absent
    # One cell.
    INVALID_VALUE = "invalid_value"
    REQUIRED_EMPTY = "required_empty"
    TOO_LONG = "too_long"


# A part of the layout absent from the file: the signed payload cannot be compared row by row.
MISSING_PARTS = frozenset({Code.MISSING_SHEET, Code.MISSING_HEADER, Code.MISSING_COLUMN, Code.MISSING_FIELD})


def where(sheet: str, row: int | None = None, column: str | None = None) -> str:
    """工作表“X”第N行“列”列 — the place a problem points at, as Excel shows it (rows 1-based)."""
    text = f"工作表“{sheet}”"
    if row:
        text += f"第{row}行"
    if column:
        text += f"“{column}”列"
    return text


@dataclass(frozen=True)
class CellProblem:
    """One reason a workbook is refused, pointing at the sheet, row (1-based, as Excel shows it) and column."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    code: Code

    def __str__(self) -> str:
        return f"{where(self.sheet, self.row, self.column)}:{self.message}"
