"""The workbook layout, defined once in ``exports/workbook.toml``, and the data that fills it.

:func:`build_data` turns a stored inspection into :class:`WorkbookData` (typed Python values per sheet and
column); the writer lays that out with openpyxl, :func:`read_workbook` reads a workbook back into the same
structure, and the signature's canonical payload is computed from it. So writer, reader and signature cannot
disagree about what a column means.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from app.core import ledger
from app.core.checklist import SCOPE_LABELS
from app.core.errors import SelfcheckError
from app.core.model import UNIT_ENTITY, ProblemStatus, Verdict
from app.paths import resource
from app.storage.snapshot import InspectionSnapshot
from app.workbook.problems import CellProblem, Code, where

LAYOUT_FILE = ("exports", "workbook.toml")
MAX_TEXT = 2000  # characters in one text cell
UNIT_REF = "UNIT"
COLUMN_TYPES = ("text", "int", "date", "bool", "choice", "verdict", "status")


class LayoutError(SelfcheckError):
    """The layout file itself is malformed."""


class NotAChoice(ValueError):
    """A cell of a choice column holding something else; the message names the choices."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float = 12
    type: str = "text"
    choices: tuple[str, ...] = ()
    required: bool = False
    since: int = 1  # the layout version that added this column (older files are read without it)
    accepts: tuple[str, ...] = ()  # older words also read as valid (关停 in a v1 ledger); the ledger maps them


@dataclass(frozen=True)
class RecordField:
    key: str
    label: str
    type: str = "text"
    required: bool = False


@dataclass(frozen=True)
class Sheet:
    key: str
    name: str
    kind: str  # record | ledger | results | problems
    columns: tuple[Column, ...]
    fields: tuple[RecordField, ...] = ()
    entity: str = ""
    ref_prefix: str = ""

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


@dataclass(frozen=True)
class Layout:
    version: str
    title: str
    meta_sheet: str
    sheets: tuple[Sheet, ...]
    reads: tuple[str, ...] = ()  # older layout versions this layout still reads (and verifies)

    def readable(self, version: str) -> bool:
        return version == self.version or version in self.reads

    def for_version(self, version: str | None) -> Layout:
        """The layout as a file of an older ``version`` has it: the columns added since are left out, so
        reading and the signature's payload see exactly the columns that file was written with."""
        if not version or version == self.version or version not in self.reads or not version.isdigit():
            return self
        old = int(version)
        sheets = tuple(
            Sheet(s.key, s.name, s.kind, tuple(c for c in s.columns if c.since <= old), s.fields, s.entity,
                  s.ref_prefix)
            for s in self.sheets
        )
        return Layout(version, self.title, self.meta_sheet, sheets, ())

    def sheet(self, key: str) -> Sheet:
        for s in self.sheets:
            if s.key == key:
                return s
        raise KeyError(key)

    @property
    def ledger_sheets(self) -> list[Sheet]:
        return [s for s in self.sheets if s.kind == "ledger"]


@dataclass
class WorkbookData:
    """The content of one unit workbook: typed values, independent of any file format."""

    unit: dict[str, Any] = field(default_factory=dict)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    # What the reader found that no export ever writes (invisible control characters, a repeated ``_meta``
    # key or unit field, an unknown unit field), each naming sheet, row and cell: a signed file with any
    # of these was changed after signing, whatever its signature says.
    anomalies: list[str] = field(default_factory=list)
    # The canonical payload line of each row the reader took on its plain-text lane (``None`` for the other
    # rows), per sheet key, in ``rows`` order: :mod:`app.workbook.payload` reuses them instead of building
    # them cell by cell again. Set only by the reader, for the rows as read; whoever changes ``rows`` after
    # reading must drop it (the builder and the tests that edit data never set it).
    lines: dict[str, list[str | None]] = field(default_factory=dict)


def _column(raw: dict[str, Any], sheet: str, entity: str, origin: str) -> Column:
    key = raw.get("key")
    header = raw.get("header")
    if not isinstance(key, str) or not isinstance(header, str) or not header:
        raise LayoutError(f"版式文件 {origin} 工作表“{sheet}”:每列都需要 key 和 header")
    ctype = raw.get("type")
    choices = tuple(raw.get("choices", ()))
    required = bool(raw.get("required", False))
    accepts: tuple[str, ...] = ()
    since = raw.get("since", 1)
    if not isinstance(since, int) or isinstance(since, bool) or since < 1:
        raise LayoutError(f"版式文件 {origin} 工作表“{sheet}”列“{header}”:since 应为正整数(该列加入的版式版本)")
    if entity and key != "ref":
        try:
            f = ledger.field(entity, key)
        except KeyError:
            raise LayoutError(f"版式文件 {origin} 工作表“{sheet}”列“{header}”:台账中没有字段 {key}") from None
        ctype = ctype or f.type
        choices = choices or f.choices
        required = required or f.required
        accepts = tuple(old for old, _ in f.aliases)
    ctype = ctype or "text"
    if ctype not in COLUMN_TYPES:
        raise LayoutError(f"版式文件 {origin} 工作表“{sheet}”列“{header}”:未知类型 {ctype}")
    if ctype == "verdict":
        choices = tuple(v.value for v in Verdict)
    elif ctype == "status":
        choices = tuple(s.value for s in ProblemStatus)
    elif ctype == "bool":
        choices = (ledger.YES, ledger.NO)
    return Column(key, header, float(raw.get("width", 12)), ctype, choices, required, since, accepts)


def parse_layout(data: dict[str, Any], origin: str) -> Layout:
    sheets = []
    names: set[str] = set()
    for raw in data.get("sheets", []):
        name = raw.get("name", "")
        if not name or name in names or len(name) > 31:
            raise LayoutError(f"版式文件 {origin}:工作表名称“{name}”为空、重复或超过31个字符")
        names.add(name)
        entity = raw.get("entity", "")
        columns = tuple(_column(c, name, entity, origin) for c in raw.get("columns", []))
        fields = tuple(
            RecordField(f["key"], f["label"], f.get("type", "text"), bool(f.get("required", False)))
            for f in raw.get("fields", [])
        )
        sheets.append(Sheet(raw["key"], name, raw["kind"], columns, fields, entity, raw.get("ref_prefix", "")))
    if not sheets or "layout_version" not in data:
        raise LayoutError(f"版式文件 {origin}:缺少 layout_version 或 [[sheets]]")
    reads = tuple(str(v) for v in data.get("reads_versions", ()))
    return Layout(str(data["layout_version"]), data.get("title", ""), data.get("meta_sheet", "_meta"), tuple(sheets),
                  reads)


@cache
def load_layout(path: Path | None = None) -> Layout:
    path = path or resource(*LAYOUT_FILE)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LayoutError(f"无法读取工作簿版式文件 {path}:{exc}") from None
    return parse_layout(data, str(path))


# ---- values -------------------------------------------------------------------------------------------

def cell_value(column: Column, value: Any) -> Any:
    """The value as written into a cell: dates stay dates, booleans become 是/否, None becomes empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return ledger.YES if value else ledger.NO
    return value


def normalize_cell(column: Column, raw: Any) -> Any:
    """Read a cell (from openpyxl or calamine, after any office suite re-saved it) back to the typed value.

    Raises ``ValueError`` with a Chinese reason when the cell does not fit the column.
    """
    if type(raw) is str:
        raw = ledger.clean_text(raw)
        if not raw:
            return None
        if column.type == "text" and not column.choices:  # the common case, cheap for the merge
            return raw
    elif raw is None:
        return None
    if column.type == "int":
        return ledger.parse_int(raw)
    if column.type == "date":
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(raw))
        return ledger.parse_date(raw)
    if column.type == "bool":
        return ledger.parse_bool(raw)
    text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
    if isinstance(raw, (dt.date, dt.datetime)):
        text = raw.isoformat() if not isinstance(raw, dt.datetime) or raw.time() != dt.time() else raw.date().isoformat()
    if column.choices and text not in column.choices and text not in column.accepts:
        raise NotAChoice(f"“{text}”不是可选值({'、'.join(column.choices)})")
    return text


# ---- building from the store --------------------------------------------------------------------------

def entity_refs(layout: Layout, entities: list[tuple[int, str, str]]) -> dict[int, str]:
    """Stable per-export references (APP-0001…) in entity order; the unit itself is ``UNIT``."""
    refs = {UNIT_ENTITY: UNIT_REF}
    counters: dict[str, int] = {}
    prefixes = {s.entity: s.ref_prefix for s in layout.ledger_sheets}
    for eid, kind, _ in entities:
        counters[kind] = counters.get(kind, 0) + 1
        refs[eid] = f"{prefixes.get(kind, kind.upper() + '-')}{counters[kind]:04d}"
    return refs


def build_data(snapshot: InspectionSnapshot, layout: Layout | None = None) -> WorkbookData:
    """Everything the workbook shows, from the inspection read once, in a defined order (the canonical order)."""
    layout = layout or load_layout()
    insp, unit = snapshot.inspection, snapshot.unit
    if unit is None:
        raise SelfcheckError("尚未填写单位信息,无法导出")
    checklist = snapshot.checklist
    entities = snapshot.entities
    index = [(e.id, e.kind, e.name) for e in entities]
    refs = entity_refs(layout, index)
    names = {UNIT_ENTITY: unit.name, **{e.id: e.name for e in entities}}
    kinds = {UNIT_ENTITY: "unit", **{e.id: e.kind for e in entities}}
    data = WorkbookData()
    data.unit = {
        "unit_name": unit.name, "credit_code": unit.credit_code, "region_code": unit.region_code,
        "level": unit.level, "contact_name": unit.contact_name, "contact_phone": unit.contact_phone,
        "year": insp.year, "inspection_date": insp.inspection_date, "checklist_id": insp.checklist_id,
        "checklist_version": insp.checklist_version,
    }
    data.unit = {k: (None if v == "" else v) for k, v in data.unit.items()}
    for sheet in layout.ledger_sheets:
        data.rows[sheet.key] = [
            {c.key: (refs[e.id] if c.key == "ref" else (e.fields.get(c.key) if e.fields.get(c.key) != "" else None))
             for c in sheet.columns}
            for e in entities if e.kind == sheet.entity
        ]
    answers = snapshot.answers
    evidence: dict[tuple[int, str], list[str]] = {}
    for eid, item_id, ref in snapshot.evidence:
        evidence.setdefault((eid, item_id), []).append(ref.original_name)
    results = []
    for eid in [UNIT_ENTITY, *(e.id for e in entities)]:
        for it in checklist.items_for(kinds[eid]):
            if it.retired:
                continue
            a = answers.get((eid, it.id))
            results.append({
                "scope": SCOPE_LABELS[kinds[eid]], "ref": refs[eid], "entity_name": names[eid],
                "article": checklist.article(it.article).label, "item_id": it.id, "question": it.question,
                "verdict": (a.verdict if a else Verdict.UNANSWERED).value, "note": (a.note if a else "") or None,
                "evidence": "；".join(evidence.get((eid, it.id), [])) or None,
                "source": it.source or None, "na_reason": (a.na_reason if a else "") or None,
            })
    data.rows["results"] = results
    problems = []
    problem_no: dict[int, int] = {}  # a problem covering several answers: one number on each of its rows
    for n, p in enumerate(snapshot.problems, start=1):
        problems.append({
            "number": n, "problem_no": problem_no.setdefault(p.group, len(problem_no) + 1),
            "scope": SCOPE_LABELS[kinds.get(p.entity_id, "unit")], "ref": refs.get(p.entity_id, ""),
            "entity_name": names.get(p.entity_id, ""), "item_id": p.item_id, "verdict": p.verdict.value,
            "description": p.description or None, "measure": p.measure or None, "owner": p.owner or None,
            "deadline": p.deadline, "status": p.status.value,
        })
    data.rows["problems"] = problems
    data.meta = {"layout_version": layout.version, "checklist_id": insp.checklist_id,
                 "checklist_version": insp.checklist_version}
    return drop_invisible(data)


def drop_invisible(data: WorkbookData) -> WorkbookData:
    """Remove invisible control characters (bidi overrides, zero-width spaces… often pasted in with text
    from web pages) from every text value, in place: an export never writes them, so a verifier can call
    any it finds a change made after signing."""
    def scrub(values: dict[str, Any]) -> None:
        for k, v in values.items():
            if type(v) is str and not v.isprintable():
                values[k] = ledger.drop_invisible(v)

    scrub(data.unit)
    for rows in data.rows.values():
        for row in rows:
            scrub(row)
    scrub(data.meta)
    return data


# ---- reading a workbook back ---------------------------------------------------------------------------

def is_blank_row(row: list[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def hidden_note(sheet: str, row: int | None, column: str | None, value: Any) -> str | None:
    """"工作表“X”第N行“列”列:含有不可见的控制字符 U+202E" when ``value`` holds any, else None."""
    if type(value) is not str or value.isprintable():
        return None
    found = ledger.invisible_chars(value)
    if not found:
        return None
    return f"{where(sheet, row, column)}:含有不可见的控制字符 {'、'.join(found[:5])}(可使文字被隐藏或颠倒显示)"


def parse_sheet_rows(layout: Layout, sheet: Sheet, rows: list[list[Any]], problems: list[CellProblem],
                     file_label: str = "", anomalies: list[str] | None = None,
                     lines: dict[str, list[str | None]] | None = None) -> list[dict[str, Any]]:
    """Turn the raw cell rows of one sheet (header first) into typed rows, noting every problem.

    Invisible control characters are dropped from the values; where they were is added to ``anomalies``
    (when given), because the verifier must call a signed file holding any of them tampered.
    """
    if sheet.kind == "record":
        return _parse_record(sheet, rows, problems, anomalies)
    if not rows:
        problems.append(CellProblem(sheet.name, 1, None, "缺少表头行", Code.MISSING_HEADER))
        return []
    if anomalies is not None:
        anomalies += [note for i, v in enumerate(rows[0]) if (note := hidden_note(sheet.name, 1, None, v))]
    header = [ledger.clean_text(str(v)) if v is not None else "" for v in rows[0]]
    positions: dict[str, int] = {}
    for c in sheet.columns:
        if c.header in header:
            positions[c.key] = header.index(c.header)
        else:
            problems.append(CellProblem(sheet.name, 1, c.header, "缺少该列(表头与版式不符)", Code.MISSING_COLUMN))
    if len(positions) < len(sheet.columns):
        return []
    specs = [(c.key, positions[c.key], c, c.type == "text" and not c.choices) for c in sheet.columns]
    clean = ledger.clean_text
    out = []
    lane = _TextLane.of(sheet, positions)
    kept: list[str | None] | None = [] if lane is not None and lines is not None else None
    for n, raw in enumerate(rows[1:], start=2):
        if lane is not None:
            taken = lane.take(raw)
            if taken is not None:
                if taken[0] is not None:  # None: a blank row, skipped as below
                    out.append(taken[0])
                    if kept is not None:
                        kept.append(taken[1])
                continue
        # The hot loop of verification and merge: plain text cells take the cheap path.
        row: dict[str, Any] = {}
        width = len(raw)
        filled = False
        for key, pos, c, plain in specs:
            value = raw[pos] if pos < width else None
            if plain and type(value) is str:
                if value.isprintable():
                    value = value.strip()
                else:
                    if anomalies is not None and (note := hidden_note(sheet.name, n, c.header, value)):
                        anomalies.append(note)
                    value = clean(value)
                row[key] = value or None
                filled = filled or bool(value)
                continue
            if anomalies is not None and (note := hidden_note(sheet.name, n, c.header, value)):
                anomalies.append(note)
            try:
                row[key] = normalize_cell(c, value)
            except NotAChoice as exc:
                problems.append(CellProblem(sheet.name, n, c.header, str(exc), Code.INVALID_VALUE))
                row[key] = _INVALID
                filled = True
                continue
            except ValueError:
                reason = f"“{value}”不是有效的{_TYPE_NAMES.get(c.type, '值')}"
                problems.append(CellProblem(sheet.name, n, c.header, reason, Code.INVALID_VALUE))
                row[key] = _INVALID
                filled = True
                continue
            filled = filled or row[key] is not None
        if not filled and is_blank_row(raw):
            continue
        for key, _, c, _ in specs:
            v = row[key]
            if v is _INVALID:
                row[key] = None
            elif v is None:
                if c.required:
                    problems.append(CellProblem(sheet.name, n, c.header, "必填项为空", Code.REQUIRED_EMPTY))
            elif c.type == "text" and type(v) is str and len(v) > MAX_TEXT:
                problems.append(CellProblem(sheet.name, n, c.header, f"内容过长(超过{MAX_TEXT}字)", Code.TOO_LONG))
        out.append(row)
        if kept is not None:
            kept.append(None)
    if kept is not None and lines is not None:
        lines[sheet.key] = kept
    return out


_STRING_TYPES = frozenset({"text", "choice", "verdict", "status"})  # typed value = the trimmed text itself
_EMPTY_TO_NONE = {"": None}.get  # with the value as default: "" → None, any other text → itself


class _TextLane:
    """The rows of a sheet whose columns all hold text (the results sheet: most of a workbook's cells), as
    the unit's program writes them: every cell text, printable, trimmed, short, every choice a valid one and
    every required cell filled. Such a row is checked with a few C-level string operations instead of a
    Python step per cell, and gives the same typed row as the cell-by-cell path (which every other row takes,
    so every problem is still found and worded there) plus its canonical payload line."""

    def __init__(self, keys: tuple[str, ...], required: tuple[int, ...],
                 choices: tuple[tuple[int, frozenset[str]], ...]) -> None:
        self.keys, self.width = keys, len(keys)
        # Choice columns are checked together (one lookup of the tuple of their values), the other required
        # columns one by one; a required choice column simply has no "" among its allowed values.
        self.choice_at = tuple(i for i, _ in choices)
        at = self.choice_at
        self.choice_of: Callable[[list[Any]], tuple[str, ...]] = (
            (lambda raw: ()) if not at else (lambda raw: (raw[at[0]],)) if len(at) == 1 else itemgetter(*at))
        combos: set[tuple[str, ...]] = {()}
        for i, allowed in choices:
            combos = {(*c, a) for c in combos for a in (allowed - {""} if i in required else allowed)}
        self.combos = frozenset(combos)
        self.required_at = tuple(i for i in required if i not in self.choice_at)

    @classmethod
    def of(cls, sheet: Sheet, positions: dict[str, int]) -> _TextLane | None:
        columns = sheet.columns
        if any(positions.get(c.key) != i or c.type not in _STRING_TYPES for i, c in enumerate(columns)):
            return None
        choices = tuple((i, frozenset({"", *c.choices, *c.accepts})) for i, c in enumerate(columns) if c.choices)
        if math.prod(len(a) for _, a in choices) > 4096:
            return None
        return cls(tuple(c.key for c in columns), tuple(i for i, c in enumerate(columns) if c.required), choices)

    def take(self, raw: list[Any]) -> tuple[dict[str, Any] | None, str | None] | None:
        """(typed row or None for a blank row, payload line or None) when the row is plain, else None."""
        width = len(raw)
        if width != self.width:
            if width > self.width:
                return None
            raw = raw + [""] * (self.width - width)
        try:
            flat = "".join(raw)
        except TypeError:  # a number, a date, an empty cell read as None…
            return None
        if not flat:
            return None, None
        if len(flat) > MAX_TEXT or not flat.isprintable():
            return None
        line = "\x1f".join(raw)
        if " " in flat and (line[0] == " " or line[-1] == " " or " \x1f" in line or "\x1f " in line):
            return None
        if self.choice_of(raw) not in self.combos:
            return None
        for i in self.required_at:
            if not raw[i]:
                return None
        row = dict(zip(self.keys, map(_EMPTY_TO_NONE, raw, raw), strict=True))
        if "\\" in flat or not (flat.isascii() or unicodedata.is_normalized("NFC", flat)):
            return row, None  # the payload escapes or normalises this one: built the long way
        return row, line


_INVALID = object()  # a cell already reported as invalid (not also reported as empty)
_TYPE_NAMES = {"int": "整数", "date": "日期", "bool": "是/否", "choice": "可选值", "verdict": "结论",
               "status": "整改状态", "text": "文本"}


def _parse_record(sheet: Sheet, rows: list[list[Any]], problems: list[CellProblem],
                  anomalies: list[str] | None = None) -> list[dict[str, Any]]:
    by_label: dict[str, tuple[int, Any]] = {}
    labels = {f.label for f in sheet.fields}
    notes: list[str] = []
    for n, raw in enumerate(rows, start=1):
        notes += [note for v in raw[:2] if (note := hidden_note(sheet.name, n, None, v))]
        if n == 1 or not raw or raw[0] is None or is_blank_row(raw):
            continue
        label = ledger.clean_text(str(raw[0]))
        if label in by_label:
            notes.append(f"{where(sheet.name, n)}:“{label}”重复出现(第{by_label[label][0]}行已有)")
        elif label not in labels:
            notes.append(f"{where(sheet.name, n)}:“{label}”不是本表的项目")
        by_label.setdefault(label, (n, raw[1] if len(raw) > 1 else None))
    if anomalies is not None:
        anomalies += notes
    record: dict[str, Any] = {}
    for f in sheet.fields:
        row, value = by_label.get(f.label, (None, None))
        column = Column(f.key, f.label, type=f.type)
        try:
            record[f.key] = normalize_cell(column, value)
        except ValueError:
            problems.append(CellProblem(sheet.name, row, f.label, f"“{value}”不是有效的{_TYPE_NAMES.get(f.type, '值')}",
                                        Code.INVALID_VALUE))
            record[f.key] = None
            continue
        if f.required and record[f.key] in (None, ""):
            if row:
                problems.append(CellProblem(sheet.name, row, f.label, "必填项为空", Code.REQUIRED_EMPTY))
            else:
                problems.append(CellProblem(sheet.name, row, f.label, "缺少该项", Code.MISSING_FIELD))
    return [record]


_T = TypeVar("_T")


class _Unreadable(Exception):
    """Any failure of the third-party reader on a malformed file."""


def _guard(action: Callable[[], _T]) -> _T:
    """Run a calamine call; every failure — its own errors, OS errors, or a Rust panic (pyo3's
    PanicException derives from BaseException) — becomes :class:`_Unreadable`."""
    try:
        return action()
    except Exception as exc:
        raise _Unreadable(str(exc) or type(exc).__name__) from None
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise
        raise _Unreadable(f"读取器内部错误:{exc}") from None


_SIZE_RANK = {"results": 3, "problems": 2, "ledger": 1}  # results rows are entities × items: by far the most


def read_workbook(path: Path | str, layout: Layout | None = None, threads: int = 1,
                  content: bytes | None = None) -> tuple[WorkbookData, list[CellProblem]]:
    """Read a unit workbook with calamine (fast, no formulas evaluated) into typed data plus every problem.

    The caller decides what to do with problems; nothing here touches stored data. Callers facing untrusted
    files (the provincial merge, verify) read the file once with :func:`app.workbook.safe_open.read_checked`
    and pass those checked bytes as ``content``, so the reader parses exactly what was checked (and hashed);
    ``path`` then only names the file. ``threads`` > 1 reads sheets concurrently (calamine parses without
    holding the GIL part of the time): worth it for one large workbook being verified, not inside the
    merge's worker processes.
    """
    import io

    from python_calamine import CalamineWorkbook

    layout = layout or load_layout()
    path = Path(path)
    problems: list[CellProblem] = []
    data = WorkbookData()

    def open_book() -> Any:
        if content is not None:
            return CalamineWorkbook.from_filelike(io.BytesIO(content))
        return CalamineWorkbook.from_path(str(path))

    try:
        wb = _guard(open_book)
    except _Unreadable as exc:
        problems.append(CellProblem(path.name, None, None, f"无法作为 Excel 工作簿打开:{exc}", Code.UNREADABLE_FILE))
        return data, problems
    names = set(wb.sheet_names)

    def load(name: str, book: Any = None) -> list[list[Any]] | _Unreadable:
        try:
            handle = book or _guard(open_book)
            rows: list[list[Any]] = _guard(lambda: handle.get_sheet_by_name(name).to_python(skip_empty_area=False))
            return rows
        except _Unreadable as exc:
            return exc

    wanted = [s.name for s in layout.sheets if s.name in names]
    if layout.meta_sheet in names:
        wanted.append(layout.meta_sheet)
    futures: dict[str, Any] = {}
    if threads > 1 and len(wanted) > 1:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=threads)
        rank = {s.name: _SIZE_RANK.get(s.kind, 0) for s in layout.sheets}
        futures = {name: pool.submit(load, name) for name in sorted(wanted, key=lambda n: -rank.get(n, 0))}
        pool.shutdown(wait=False)

    def sheet_rows(name: str) -> list[list[Any]] | _Unreadable:
        """Each sheet is taken when its turn comes, so parsing one overlaps with reading the next."""
        return futures[name].result() if futures else load(name, wb)

    # The hidden sheet first: its layout version says which columns the file was written with.
    meta_rows = sheet_rows(layout.meta_sheet) if layout.meta_sheet in names else []
    if isinstance(meta_rows, _Unreadable):
        problems.append(CellProblem(layout.meta_sheet, None, None, f"无法读取:{meta_rows}", Code.UNREADABLE_SHEET))
        meta_rows = []
    for n, raw in enumerate(meta_rows, start=1):
        if raw and raw[0] not in (None, ""):
            key = str(raw[0]).strip()
            value = "" if len(raw) < 2 or raw[1] is None else str(raw[1])
            data.anomalies += [note for v in (key, value) if (note := hidden_note(layout.meta_sheet, n, None, v))]
            if key in data.meta:
                data.anomalies.append(f"{where(layout.meta_sheet, n)}:“{key}”重复出现")
                continue  # the first one counts, as a person scrolling the sheet would read it
            data.meta[key] = value
    layout = layout.for_version(data.meta.get("layout_version"))
    for sheet in layout.sheets:
        if sheet.name not in names:
            problems.append(CellProblem(sheet.name, None, None, "缺少该工作表", Code.MISSING_SHEET))
            continue
        rows = sheet_rows(sheet.name)
        if isinstance(rows, _Unreadable):
            problems.append(CellProblem(sheet.name, None, None, f"无法读取:{rows}", Code.UNREADABLE_SHEET))
            continue
        parsed = parse_sheet_rows(layout, sheet, rows, problems, anomalies=data.anomalies, lines=data.lines)
        if sheet.kind == "record":
            data.unit = parsed[0] if parsed else {}
        else:
            data.rows[sheet.key] = parsed
    return data, problems
