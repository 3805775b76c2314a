"""The master workbook's layout, defined once in ``exports/master_layout.toml``.

Sheet names, headings, column headers, widths, number formats and the chart definitions of the provincial
master (and the unit columns of its detail workbooks) are data: :func:`load_master_layout` reads and checks the
file, naming the file and the key of anything wrong, and the writer (:mod:`app.merge.summary`,
:mod:`app.merge.detail`) and every reader or test take names and positions from the :class:`MasterLayout` it
returns. Groups of columns (``each = "kind" | "status" | "verdict" | "unit" | "article"``) take their headers
from the program's own definitions (the glossary, :class:`~app.core.model.ProblemStatus`,
:class:`~app.core.model.Verdict`), so they cannot drift from the rest of the program.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.core import ledger
from app.core.errors import SelfcheckError
from app.core.model import ProblemStatus, Verdict
from app.paths import resource

MASTER_LAYOUT_FILE = ("exports", "master_layout.toml")
FORMATS = {"": "General", "percent": "0.0%", "date": "yyyy-mm-dd"}
GROUPS = ("unit", "kind", "status", "verdict", "article")
UNIT_KEYS = frozenset({"region_code", "unit_name", "unit_code", "year", "region_name"})
# The keys the writer fills, per sheet (a column with another key would stay empty: the loader refuses it).
COLUMN_KEYS: dict[str, frozenset[str]] = {
    "summary": frozenset({"region", "units", "items", "answered", "answered_rate", "problems", "done_rate"}),
    "articles": frozenset({"article", "problems"}),
    "charts": frozenset({"note"}),
    "units": UNIT_KEYS | {"other_province", "level", "contact_name", "contact_phone", "inspection_date", "problems",
                          "answered_rate", "file_name", "exported_at", "signer", "verify_status", "submission_id",
                          "merged_at"},
    "by_region": frozenset({"region", "total"}),
    "problems": frozenset({"article"}),
    "rejected": frozenset({"file", "number", "reason"}),
    "duplicates": frozenset({"file", "reason"}),
    "note": frozenset({"note"}),
}
# The groups each sheet may use, and the columns it cannot do without (the charts and readers refer to them).
SHEET_GROUPS = {"summary": {"kind", "status"}, "articles": {"verdict", "status"}, "units": {"unit", "kind"},
                "by_region": {"article"}}
REQUIRED = {"summary": ("region",), "articles": ("article", "problems"), "units": ("unit_code",),
            "by_region": ("region",), "rejected": ("file", "reason"), "duplicates": ("file", "reason"),
            "note": ("note",), "charts": (), "problems": ()}
UNNAMED = {"note"}  # takes the name of the table it stands for
SHARED_NAMES = {("summary", "articles")}  # two tables on one sheet
CHART_TYPES = ("bar", "pie")
SHEET_NAME_FORBIDDEN = set("[]:*?/\\")


class MasterLayoutError(SelfcheckError):
    """The master layout file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class MasterColumn:
    key: str
    header: str
    width: float = 12
    format: str = ""  # "" | percent | date
    group: str = ""   # the `each` group it was expanded from

    @property
    def number_format(self) -> str:
        return FORMATS[self.format]


@dataclass(frozen=True)
class MasterSheet:
    key: str
    name: str
    columns: tuple[MasterColumn, ...]
    heading: str = ""
    article_width: float = 12  # by_region: the width of each article column (expanded when writing)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def widths(self) -> list[float]:
        return [c.width for c in self.columns]

    def index(self, key: str) -> int:
        """0-based position of the column ``key`` (``MasterLayoutError`` naming the sheet when absent)."""
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise MasterLayoutError(f"汇总表版式:工作表“{self.name or self.key}”没有列 {key}")

    def group(self, name: str) -> list[MasterColumn]:
        return [c for c in self.columns if c.group == name]

    def row(self, values: Mapping[str, Any], default: Any = 0) -> list[Any]:
        """The values in this sheet's column order."""
        return [values.get(c.key, default) for c in self.columns]

    def with_articles(self, articles: Iterable[str]) -> MasterSheet:
        """``each = "article"`` expanded for the articles found in the store (问题分布)."""
        cols: list[MasterColumn] = []
        for c in self.columns:
            if c.group == "article":
                cols += [MasterColumn(f"article:{a}", a, c.width, "", "article") for a in articles]
            else:
                cols.append(c)
        return MasterSheet(self.key, self.name, tuple(cols), self.heading, self.article_width)


@dataclass(frozen=True)
class Chart:
    type: str
    title: str
    table: str
    values: str
    categories: str
    anchor: str
    width: float
    height: float
    y_axis: str = ""
    row: str = ""  # "total": the 合计 row's values only


@dataclass(frozen=True)
class MasterLayout:
    title: str
    unit_columns: tuple[MasterColumn, ...]
    sheets: Mapping[str, MasterSheet]
    charts: tuple[Chart, ...]
    orientation: str = "landscape"
    paper: int = 9
    fit_to_width: bool = True

    def sheet(self, key: str) -> MasterSheet:
        return self.sheets[key]

    def value_columns(self, chart: Chart) -> list[MasterColumn]:
        """The columns a chart's values come from: one column, or every column of a group."""
        sheet = self.sheets[chart.table]
        group = sheet.group(chart.values)
        return group or [sheet.columns[sheet.index(chart.values)]]


class _Parser:
    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, key: str, what: str) -> MasterLayoutError:
        return MasterLayoutError(f"汇总表版式文件 {self.origin} 键 {key}:{what}")

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key.rsplit(".", 1)[-1])
        if not isinstance(value, dict):
            raise self.fail(key, "缺少此表或不是表")
        return value

    def only(self, raw: Mapping[str, Any], allowed: set[str], key: str) -> None:
        unknown = set(raw) - allowed
        if unknown:
            raise self.fail(key, f"未知字段 {'、'.join(sorted(unknown))}")

    def width(self, raw: Mapping[str, Any], key: str) -> float:
        width = raw.get("width", 12)
        if not isinstance(width, int | float) or isinstance(width, bool) or not 0 < width <= 255:
            raise self.fail(f"{key}.width", "列宽应为 0 到 255 之间的数")
        return float(width)

    def columns(self, raw_columns: Any, key: str, sheet: str, unit: tuple[MasterColumn, ...]) -> list[MasterColumn]:
        if not isinstance(raw_columns, list) or not raw_columns:
            raise self.fail(f"{key}.columns", "应为非空的列数组")
        cols: list[MasterColumn] = []
        for i, raw in enumerate(raw_columns):
            where = f"{key}.columns[{i}]"
            if not isinstance(raw, dict):
                raise self.fail(where, "每列应为 { key = …, header = …, width = … }")
            self.only(raw, {"key", "header", "width", "format", "each"}, where)
            width, fmt = self.width(raw, where), raw.get("format", "")
            if fmt not in FORMATS:
                raise self.fail(f"{where}.format", f"未知格式“{fmt}”(可用 percent、date)")
            if "each" in raw:
                group = raw["each"]
                if group not in SHEET_GROUPS.get(sheet, set()):
                    allowed = "、".join(sorted(SHEET_GROUPS.get(sheet, set()))) or "无"
                    raise self.fail(f"{where}.each", f"此工作表不能用列组“{group}”(可用:{allowed})")
                if "key" in raw or "header" in raw:
                    raise self.fail(where, "each 与 key/header 不能同时出现(列组的标题来自程序的定义)")
                if group == "article":
                    cols.append(MasterColumn("article:*", "", width, fmt, "article"))
                elif group == "unit":
                    cols += [MasterColumn(c.key, c.header, c.width, c.format, "unit") for c in unit]
                else:
                    cols += [MasterColumn(f"{group}:{k}", label, width if "width" in raw else 12, fmt, group)
                             for k, label in _group_labels(group)]
                continue
            ckey, header = raw.get("key"), raw.get("header")
            if not isinstance(ckey, str) or not ckey or not isinstance(header, str):
                raise self.fail(where, "每列需要 key 和 header(或 each)")
            known = COLUMN_KEYS.get(sheet, frozenset()) if sheet else UNIT_KEYS
            if ckey not in known:
                raise self.fail(f"{where}.key", f"程序不填写列“{ckey}”(可用:{'、'.join(sorted(known))})")
            cols.append(MasterColumn(ckey, header, width, fmt))
        seen: set[str] = set()
        for c in cols:
            if c.key in seen:
                raise self.fail(f"{key}.columns", f"列 {c.key} 重复")
            seen.add(c.key)
        return cols

    def sheet_name(self, name: Any, key: str) -> str:
        if not isinstance(name, str) or not name or len(name) > 31 or set(name) & SHEET_NAME_FORBIDDEN:
            raise self.fail(f"{key}.name", "工作表名称应为1到31个字符,且不含 [ ] : * ? / \\")
        return name

    def chart(self, raw: Any, i: int, sheets: Mapping[str, MasterSheet]) -> Chart:
        where = f"charts[{i}]"
        if not isinstance(raw, dict):
            raise self.fail(where, "应为表")
        self.only(raw, {"type", "title", "y_axis", "table", "values", "categories", "row", "anchor", "width",
                        "height"}, where)
        for k in ("type", "title", "table", "values", "categories", "anchor"):
            if not isinstance(raw.get(k), str) or not raw[k]:
                raise self.fail(f"{where}.{k}", "缺少或不是文字")
        if raw["type"] not in CHART_TYPES:
            raise self.fail(f"{where}.type", f"未知图表类型“{raw['type']}”(可用 bar、pie)")
        if raw["table"] not in ("summary", "articles"):
            raise self.fail(f"{where}.table", "图表的数据应来自 summary 或 articles")
        sheet = sheets[raw["table"]]
        if not sheet.group(raw["values"]) and raw["values"] not in sheet.keys:
            raise self.fail(f"{where}.values", f"“{raw['values']}”不是 sheets.{raw['table']} 的列或列组")
        if raw["categories"] != "headers" and raw["categories"] not in sheet.keys:
            raise self.fail(f"{where}.categories", f"“{raw['categories']}”不是 sheets.{raw['table']} 的列")
        row = raw.get("row", "")
        if row not in ("", "total") or (row == "total" and raw["table"] != "summary"):
            raise self.fail(f"{where}.row", "只能为 \"total\"(汇总表的合计行)")
        if (row == "total") != (raw["categories"] == "headers"):
            raise self.fail(f"{where}.categories", "row = \"total\" 与 categories = \"headers\" 须同时使用")
        anchor = raw["anchor"]
        if not (anchor[:1].isalpha() and anchor[1:].isdigit()):
            raise self.fail(f"{where}.anchor", f"“{anchor}”不是单元格地址(如 A3)")
        size = []
        for k in ("width", "height"):
            v = raw.get(k)
            if not isinstance(v, int | float) or isinstance(v, bool) or not 0 < v <= 100:
                raise self.fail(f"{where}.{k}", "应为 0 到 100 之间的数(厘米)")
            size.append(float(v))
        return Chart(raw["type"], raw["title"], raw["table"], raw["values"], raw["categories"], anchor, size[0],
                     size[1], str(raw.get("y_axis", "")), row)

    def layout(self, data: Mapping[str, Any]) -> MasterLayout:
        self.only(data, {"title", "print", "unit", "sheets", "charts"}, "(顶层)")
        title = data.get("title", "")
        if not isinstance(title, str):
            raise self.fail("title", "应为文字")
        printing = data.get("print", {})
        if not isinstance(printing, dict):
            raise self.fail("print", "应为表")
        self.only(printing, {"orientation", "paper", "fit_to_width"}, "print")
        if printing.get("orientation", "landscape") not in ("landscape", "portrait"):
            raise self.fail("print.orientation", "应为 landscape 或 portrait")
        paper = printing.get("paper", 9)
        if not isinstance(paper, int) or isinstance(paper, bool) or paper < 1:
            raise self.fail("print.paper", "应为 Excel 的纸张编号(A4 为 9)")
        unit_raw = self.table(data, "unit")
        self.only(unit_raw, {"columns"}, "unit")
        unit = tuple(self.columns(unit_raw.get("columns"), "unit", "", ()))
        missing_unit = UNIT_KEYS - {c.key for c in unit}
        if missing_unit:
            raise self.fail("unit.columns", f"缺少列 {'、'.join(sorted(missing_unit))}")
        raw_sheets = self.table(data, "sheets")
        unknown = set(raw_sheets) - set(COLUMN_KEYS)
        if unknown:
            raise self.fail("sheets", f"未知工作表 {'、'.join(sorted(unknown))}")
        sheets: dict[str, MasterSheet] = {}
        for skey in COLUMN_KEYS:
            where = f"sheets.{skey}"
            raw = raw_sheets.get(skey)
            if not isinstance(raw, dict):
                raise self.fail(where, "缺少此工作表的定义")
            self.only(raw, {"name", "heading", "columns"}, where)
            name = "" if skey in UNNAMED else self.sheet_name(raw.get("name"), where)
            if skey in UNNAMED and "name" in raw:
                raise self.fail(f"{where}.name", "此表沿用它所代替的表的名称,不能另起名称")
            heading = raw.get("heading", "")
            if not isinstance(heading, str):
                raise self.fail(f"{where}.heading", "应为文字")
            cols = self.columns(raw.get("columns"), where, skey, unit)
            for needed in REQUIRED[skey]:
                if needed not in {c.key for c in cols}:
                    raise self.fail(f"{where}.columns", f"缺少列 {needed}")
            article = next((c.width for c in cols if c.group == "article"), 12.0)
            sheets[skey] = MasterSheet(skey, name, tuple(cols), heading, article)
        names: dict[str, str] = {}
        for skey, sheet in sheets.items():
            other = names.get(sheet.name)
            if sheet.name and other and (other, skey) not in SHARED_NAMES:
                raise self.fail(f"sheets.{skey}.name", f"工作表名称“{sheet.name}”与 sheets.{other} 重复")
            names.setdefault(sheet.name, skey)
        if sheets["summary"].name != sheets["articles"].name:
            raise self.fail("sheets.articles.name", "按条款统计在汇总表的下方,名称应与 sheets.summary 相同")
        raw_charts = data.get("charts", [])
        if not isinstance(raw_charts, list):
            raise self.fail("charts", "应为 [[charts]] 数组")
        charts = tuple(self.chart(raw, i, sheets) for i, raw in enumerate(raw_charts))
        return MasterLayout(title, unit, sheets, charts, printing.get("orientation", "landscape"), paper,
                            bool(printing.get("fit_to_width", True)))


def _group_labels(group: str) -> list[tuple[str, str]]:
    if group == "kind":
        return [(k, ledger.KIND_LABELS[k]) for k in ledger.KINDS]
    if group == "status":
        return [(s.value, s.value) for s in ProblemStatus]
    return [(v.value, v.value) for v in Verdict if v.needs_problem]


def parse_master_layout(data: Mapping[str, Any], origin: str) -> MasterLayout:
    return _Parser(origin).layout(data)


@cache
def load_master_layout(path: Path | None = None) -> MasterLayout:
    """The master layout (the shipped ``exports/master_layout.toml`` unless ``path``), checked."""
    path = Path(path or resource(*MASTER_LAYOUT_FILE))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MasterLayoutError(f"无法读取汇总表版式文件 {path}:{exc}") from None
    return parse_master_layout(data, str(path))
