"""Import ledger rows from the sheet a clerk actually has, or from a table pasted from a spreadsheet.

A clerk's sheet is rarely the export's: any sheet name, a merged title row above the header, headers in
their own words (开通时间 for 开设时间), numbers like "1.2万", dates like "2021年5月", a 填表人 footer, blank
rows, the same group twice. Each sheet's ledger kind and header row are found from the headers (the words
are data: ``exports/ledger_synonyms.toml``); every refused row is listed with its sheet, row and reason.

Nothing is stored while reading. :func:`plan_import` compares the rows with the ledger already in the
database (same kind + name + platform is the same entity) and says what is new, changed, unchanged or
refused; :func:`apply_plan` writes the new and changed rows in one transaction, so importing the corrected
sheet again updates instead of duplicating.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from app.core import ledger
from app.core.errors import SelfcheckError, ValidationError
from app.paths import default_db_path, resource
from app.storage import open_store
from app.workbook.layout import Layout, is_blank_row, load_layout
from app.workbook.safe_open import read_checked

MAX_IMPORT_BYTES = 50 * 1024 * 1024
HEADER_SEARCH_ROWS = 15  # title rows, notes and merged banners above the header
SYNONYMS_FILE = ("exports", "ledger_synonyms.toml")
# A field filled in with the unit's own name when the sheet has no such column (a clerk lists their own).
OWN_UNIT_FIELDS = {"app": "sponsor", "account": "sponsor", "group": "creator_unit"}


@dataclass
class LedgerImport:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {k: [] for k in ledger.KINDS})
    problems: list[str] = field(default_factory=list)  # refused rows and sheets, each with where and why
    sources: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in ledger.KINDS})  # row origins
    notes: list[str] = field(default_factory=list)  # what was assumed (sheets skipped, defaults used)
    ambiguous: list[str] = field(default_factory=list)  # sheets whose kind the headers do not decide

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.rows.values())


# ---- the words ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Words:
    headers: dict[str, dict[str, str]]  # kind → normalised header → field key
    sheet_hints: dict[str, tuple[str, ...]]
    footer: tuple[str, ...]
    values: dict[str, str]


def _norm_header(text: Any) -> str:
    """A header as compared: no spaces or line breaks, no '*', no bracketed note like (必填) or (单位:人)."""
    if text is None:
        return ""
    s = ledger.clean_text(str(text)).replace("\n", "")
    s = re.sub(r"[((【\[][^))】\]]*[))】\]]", "", s)
    return re.sub(r"[\s\u3000*※:：]", "", s)


@cache
def load_words(path: Path | None = None) -> Words:
    path = path or resource(*SYNONYMS_FILE)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SelfcheckError(f"无法读取台账列名同义词文件 {path}:{exc}") from None
    layout = load_layout()
    sheets = {s.entity: s for s in layout.sheets if s.kind == "ledger"}
    headers: dict[str, dict[str, str]] = {}
    for kind in ledger.KINDS:
        table: dict[str, str] = {}
        known = {f.key for f in ledger.FIELDS[kind]}
        for key, words in (data.get("headers", {}).get(kind, {}) or {}).items():
            if key not in known:
                raise SelfcheckError(f"台账列名同义词文件 {path}:[headers.{kind}] 中的 {key} 不是台账字段")
            for w in words:
                table.setdefault(_norm_header(w), key)
        for f in ledger.FIELDS[kind]:  # the program's own words always win
            table[_norm_header(f.label)] = f.key
        if kind in sheets:
            for c in sheets[kind].columns:
                if c.key in known:
                    table[_norm_header(c.header)] = c.key
        headers[kind] = table
    hints = {k: tuple(v) for k, v in (data.get("sheet_hints") or {}).items()}
    footer = tuple((data.get("footer") or {}).get("starts", ()))
    values = {str(k): str(v) for k, v in (data.get("values") or {}).items()}
    return Words(headers, hints, footer, values)


# ---- values in a clerk's spelling ----------------------------------------------------------------------
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_MULTIPLIERS = {"万": 10_000, "w": 10_000, "W": 10_000, "千": 1_000, "k": 1_000, "K": 1_000, "亿": 100_000_000}


def parse_count(value: Any) -> int | None:
    """A count as clerks write it: 1200, "1,200", "1.2万", "3千", "约500人", "500余", "12万+"."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, (int, float)):
        return ledger.parse_int(value)
    text = ledger.clean_text(str(value)).replace(",", "").replace(",", "").replace(" ", "")
    text = re.sub(r"^(约|大约|近|超过|逾)", "", text)
    text = re.sub(r"(余|多|左右|以上|\+)?(人|个|户|名|条|篇|次)?(余|多|左右|以上|\+)?$", "", text)
    if text and all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([万wW千kK亿]?)", text)
    if not m:
        raise ValueError(str(value))
    number = float(m.group(1)) * _MULTIPLIERS.get(m.group(2), 1)
    if not m.group(2) and not number.is_integer():
        raise ValueError(str(value))
    return round(number)


def _date_from_number(value: float) -> dt.date:
    """A number in a date cell: 2021.5 typed as a number, a bare year, or an Excel serial date."""
    if 1900 <= value < 2101 and not float(value).is_integer():  # 2021.5 typed into a number cell
        year, frac = divmod(round(float(value) * 100), 100)
        month = frac // 10 if frac % 10 == 0 and frac >= 10 else frac  # 2021.5 → .50 → May; 2021.12 → Dec
        return dt.date(int(year), int(month), 1)
    if 1990 <= value <= 2100:
        return dt.date(int(value), 1, 1)
    if 20000 < value < 80000:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    raise ValueError(str(value))


def parse_loose_date(value: Any) -> dt.date | None:
    """A date as clerks write it: a real date, an Excel serial number, 2021-05-03, 2021年5月3日, 2021年5月,
    2021.5 (the 1st of the month is assumed when no day is given), 20210503."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _date_from_number(value)
    try:  # blanks, real dates and the full forms the ledger itself reads
        return ledger.parse_date(value)
    except ValueError:
        pass
    text = ledger.clean_text(str(value))
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?(?:[ T].*)?", text)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    m = re.fullmatch(r"(\d{4})\s*年?", text)
    if m:
        return dt.date(int(m.group(1)), 1, 1)
    raise ValueError(text)


def parse_loose_bool(value: Any) -> bool | None:
    """是/否, 有/无, √/×, and words like 已实名 / 未备案 / 不实名."""
    try:
        return ledger.parse_bool(value)
    except ValueError:
        text = ledger.clean_text(str(value))
        if text.startswith(("已", "有")):
            return True
        if text.startswith(("未", "无", "不", "没有")):
            return False
        raise


def _read_value(f: ledger.Field, raw: Any, words: Words) -> Any:
    """One cell to the field's type, in a clerk's spelling; raises ValueError with the reason."""
    if isinstance(raw, str):
        raw = ledger.clean_text(raw)
        if raw in ("", "/", "-", "—", "无数据"):
            return None
    if raw is None:
        return None
    if f.type == "int":
        return parse_count(raw)
    if f.type == "date":
        day = parse_loose_date(raw)
        return day
    if f.type == "bool":
        return parse_loose_bool(raw)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw)
    if f.type == "choice":
        text = words.values.get(text, text)
    return text


# ---- finding the header and the kind -------------------------------------------------------------------
@dataclass
class _Header:
    row: int  # 0-based
    kind: str
    mapping: dict[int, str]  # column → field key
    score: int


def _score(row: list[Any], kind: str, words: Words) -> dict[int, str]:
    table = words.headers[kind]
    mapping: dict[int, str] = {}
    for pos, cell in enumerate(row):
        key = table.get(_norm_header(cell))
        if key and key not in mapping.values():
            mapping[pos] = key
    return mapping


def find_header(rows: list[list[Any]], sheet_name: str, words: Words,
                kind: str | None = None) -> tuple[_Header | None, list[str]]:
    """The header row and the ledger kind of a sheet; the second value lists the tied kinds (ambiguity)."""
    best: dict[str, _Header] = {}
    kinds = (kind,) if kind else ledger.KINDS
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        for k in kinds:
            mapping = _score(row, k, words)
            if "name" not in mapping.values() or len(mapping) < 2:
                continue
            if k not in best or len(mapping) > best[k].score:
                best[k] = _Header(r, k, mapping, len(mapping))
    if not best:
        return None, []
    top = max(h.score for h in best.values())
    tied = [h for h in best.values() if h.score == top]
    if len(tied) > 1:
        hinted = [h for h in tied if any(w in sheet_name for w in words.sheet_hints.get(h.kind, ()))]
        if len(hinted) == 1:
            return hinted[0], []
        return None, [h.kind for h in tied]
    return tied[0], []


def _is_footer(raw: list[Any], words: Words) -> bool:
    filled = [str(v).strip() for v in raw if v is not None and str(v).strip()]
    return bool(filled) and filled[0].startswith(words.footer)


# ---- reading -------------------------------------------------------------------------------------------
def _rows_into(result: LedgerImport, rows: list[list[Any]], where: str, words: Words, *, sheet_name: str = "",
               kind: str | None = None, unit_name: str = "") -> bool:
    """Read one sheet's rows; False when no ledger header was found in it."""
    header, tied = find_header(rows, sheet_name, words, kind)
    if header is None:
        if tied:
            labels = "、".join(ledger.KIND_LABELS[k] for k in tied)
            result.ambiguous.append(sheet_name)
            result.problems.append(f"{where}:表头既像{labels}台账,无法确定是哪一种;请在工作表名称中注明"
                                   "(如“工作群组”),或导入时指定台账类型")
            return True
        return False
    kind = header.kind
    fields = {f.key: f for f in ledger.FIELDS[kind]}
    mapping = header.mapping
    defaults: dict[str, Any] = {}
    missing = [f for f in ledger.FIELDS[kind] if f.required and f.key not in mapping.values()]
    own = OWN_UNIT_FIELDS.get(kind)
    if unit_name and own and any(f.key == own for f in missing):
        defaults[own] = unit_name
        missing = [f for f in missing if f.key != own]
        result.notes.append(f"{where}:没有“{fields[own].label}”列,已按本单位名称“{unit_name}”填写")
    if missing:
        result.problems.append(f"{where}第{header.row + 1}行(表头):缺少必填列“{'、'.join(f.label for f in missing)}”,"
                               "该表未导入")
        return True
    seen: dict[tuple[str, str, str], int] = {}
    name_pos = next(pos for pos, key in mapping.items() if key == "name")
    name_header = _norm_header(rows[header.row][name_pos])
    for n, raw in enumerate(rows[header.row + 1:], start=header.row + 2):
        if is_blank_row(raw):
            continue
        if _is_footer(raw, words):
            continue
        if name_pos < len(raw) and _norm_header(raw[name_pos]) == name_header:
            continue  # the header repeated (a sheet printed across pages)
        values: dict[str, Any] = dict(defaults)
        reasons = []
        for pos, key in mapping.items():
            value = raw[pos] if pos < len(raw) else None
            try:
                values[key] = _read_value(fields[key], value, words)
            except (ValueError, OverflowError):
                kinds = {"int": "应为数量(如 1200、1.2万)", "date": "应为日期(如 2021-05-03、2021年5月、2021.5)",
                         "bool": "应为“是”或“否”"}
                said = ledger.clean_text(str(rows[header.row][pos] or "")).replace("\n", "")
                column = f"“{fields[key].label}”" + (f"(表中“{said}”列)" if said != fields[key].label else "")
                reasons.append(f"{column}{kinds.get(fields[key].type, '无法识别')},当前为“{value}”")
        if not reasons:
            try:
                values = ledger.normalize_fields(kind, values)
            except ValidationError as exc:
                reasons.append(str(exc))
        if not reasons:
            identity = (*entity_key(kind, values), _platform(kind, values))
            if identity in seen:
                reasons.append(f"与第{seen[identity]}行重复(同名同平台)")
            else:
                seen[identity] = n
        if reasons:
            result.problems.append(f"{where}第{n}行:{';'.join(reasons)}")
        else:
            result.rows[kind].append(values)
            result.sources[kind].append(f"{where}第{n}行")
    return True


def _open(path: Path) -> Any:
    import io

    from python_calamine import CalamineWorkbook

    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise SelfcheckError(f"{path.name} 超过 {MAX_IMPORT_BYTES // 1024 // 1024} MB,不像是台账工作簿")
        # A hostile file must not reach the reader (a huge grid can abort it): it parses the bytes checked.
        content, unsafe = read_checked(path)
        if content is None:
            raise SelfcheckError(f"无法读取 {path.name}:{unsafe[0]}")
        return CalamineWorkbook.from_filelike(io.BytesIO(content))
    except SelfcheckError:
        raise
    except Exception as exc:  # calamine raises its own types for every kind of bad file
        raise SelfcheckError(f"无法读取 {path.name}:不是有效的 Excel 工作簿({exc})") from None


def read_ledger_workbook(path: Path | str, layout: Layout | None = None, *, unit_name: str = "",
                         kinds: dict[str, str] | None = None) -> LedgerImport:
    """Every sheet of ``path`` whose headers are a ledger's, whatever its name. ``kinds`` settles sheets the
    headers leave ambiguous (sheet name → kind); ``unit_name`` fills a missing 主办单位/建群单位 column."""
    path = Path(path)
    words = load_words()
    wb = _open(path)
    result = LedgerImport()
    found = False
    for name in wb.sheet_names:
        try:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            result.problems.append(f"{path.name} 工作表“{name}”无法读取:{exc}")
            continue
        where = f"{path.name} 工作表“{name}”"
        if _rows_into(result, rows, where, words, sheet_name=name, kind=(kinds or {}).get(name),
                      unit_name=unit_name):
            found = True
        elif rows and not name.startswith("_"):
            result.notes.append(f"{where}:没有认出台账表头,已跳过")
    if not found:
        raise SelfcheckError(f"{path.name} 中没有台账工作表(没有哪个工作表的表头含有名称、平台等台账列;"
                             "可先导出空白模板照着填写)")
    return result


def parse_pasted_table(text: str, kind: str, layout: Layout | None = None, *, unit_name: str = "") -> LedgerImport:
    """Rows copied from Excel/WPS (tab-separated, the column headers among the first lines) for one kind."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    result = LedgerImport()
    if not lines:
        result.problems.append("剪贴板中没有表格内容")
        return result
    rows: list[list[Any]] = [line.split("\t") for line in lines]
    where = f"粘贴的{ledger.KIND_LABELS[kind]}表格"
    if not _rows_into(result, rows, where, load_words(), kind=kind, unit_name=unit_name):
        result.problems.append(f"{where}:第一行应为列名(如“{ledger.FIELDS[kind][0].label}”),没有认出表头")
    return result


# ---- comparing with the ledger in the database ---------------------------------------------------------
def _norm_name(name: str) -> str:
    return re.sub(r"[\s\u3000]", "", name).casefold()


def entity_key(kind: str, values: dict[str, Any]) -> tuple[str, str]:
    return kind, _norm_name(str(values.get("name") or ""))


def _platform(kind: str, values: dict[str, Any]) -> str:
    return str(values.get("host_platform" if kind == "app" else "platform") or "")


@dataclass
class Change:
    kind: str
    fields: dict[str, Any]
    source: str
    entity_id: int | None = None  # None: a new entity
    diffs: list[str] = field(default_factory=list)  # “粉丝数:1000 → 12000”
    name: str = ""


@dataclass
class ImportPlan:
    new: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"新增 {len(self.new)} 条,更新 {len(self.changed)} 条,未变 {len(self.unchanged)} 条,"
                f"未导入 {len(self.refused)} 行")

    def as_json(self) -> dict[str, Any]:
        def one(c: Change) -> dict[str, Any]:
            return {"kind": c.kind, "name": c.name, "source": c.source, "entity_id": c.entity_id,
                    "changes": c.diffs}
        return {"new": [one(c) for c in self.new], "changed": [one(c) for c in self.changed],
                "unchanged": [one(c) for c in self.unchanged], "refused": self.refused, "notes": self.notes}


def plan_import(result: LedgerImport, existing: list[Any]) -> ImportPlan:
    """Sort the read rows into new / changed / unchanged against ``existing`` entities (same kind + name +
    platform, a blank platform matching any). A cell left blank in the sheet never erases a stored value."""
    plan = ImportPlan(refused=list(result.problems), notes=list(result.notes))
    index: dict[tuple[str, str], list[Any]] = {}
    for e in existing:
        index.setdefault(entity_key(e.kind, e.fields), []).append(e)
    for kind in ledger.KINDS:
        labels = {f.key: f.label for f in ledger.FIELDS[kind]}
        for values, source in zip(result.rows[kind], result.sources[kind], strict=False):
            platform = _platform(kind, values)
            candidates = [e for e in index.get(entity_key(kind, values), [])
                          if not platform or not _platform(kind, e.fields) or _platform(kind, e.fields) == platform]
            if not candidates:
                plan.new.append(Change(kind, values, source, name=values["name"]))
                continue
            target = next((e for e in candidates if _platform(kind, e.fields) == platform), candidates[0])
            updates = {k: v for k, v in values.items()
                       if v not in (None, "") and target.fields.get(k) != v and k in labels}
            diffs = [f"{labels[k]}:{ledger.display_value(target.fields.get(k)) or '(空)'} → "
                     f"{ledger.display_value(v)}" for k, v in updates.items()]
            change = Change(kind, updates, source, target.id, diffs, values["name"])
            (plan.changed if updates else plan.unchanged).append(change)
    return plan


def apply_plan(store: Any, inspection_id: int, plan: ImportPlan) -> tuple[int, int]:
    """Write the plan's new and changed rows in one transaction; returns (added, updated)."""
    store.import_ledger(inspection_id, [(c.kind, c.fields) for c in plan.new],
                        [(c.entity_id, c.fields) for c in plan.changed])
    return len(plan.new), len(plan.changed)


# ---- the command line ----------------------------------------------------------------------------------
def run_ledger_import(args: Any) -> int:
    """`selfcheck ledger import --db DB FILE [--dry-run] [--json] [--kind SHEET=KIND]`."""
    import json

    kinds: dict[str, str] = {}
    for spec in args.kind or []:
        sheet, _, kind = spec.rpartition("=")
        if kind not in ledger.KINDS or not sheet:
            raise SelfcheckError(f"--kind 应写成 工作表名=类型(类型为 {'、'.join(ledger.KINDS)}),当前为“{spec}”")
        kinds[sheet] = kind
    db = Path(args.db) if args.db else default_db_path()
    with open_store(db, create=False) as store:
        insp = store.current_inspection()
        if insp is None:
            raise SelfcheckError(f"数据库 {db} 中还没有自查,请先在向导中开始本年度自查")
        unit = store.get_unit()
        result = read_ledger_workbook(args.file, unit_name=unit.name if unit else "", kinds=kinds)
        plan = plan_import(result, store.entities(insp.id))
        if not args.dry_run:
            apply_plan(store, insp.id, plan)
    if args.json:
        print(json.dumps({"dry_run": bool(args.dry_run), **plan.as_json()}, ensure_ascii=False, indent=1))
    else:
        print(("预览(未写入):" if args.dry_run else "已导入:") + plan.summary())
        for c in plan.changed:
            print(f"  更新 {c.source} “{c.name}”:{';'.join(c.diffs)}")
        for note in plan.notes:
            print(f"  说明:{note}")
        for reason in plan.refused:
            print(f"  未导入:{reason}")
    return 0
