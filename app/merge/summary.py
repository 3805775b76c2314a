"""The master workbook, written from the whole province store (so it is complete across runs).

Sheet names, headers, widths, number formats and charts are data (``exports/master_layout.toml``, loaded and
checked by :mod:`app.merge.master_layout`); this module fills the columns the layout names, by key.

It opens whatever the count: 汇总 (by prefecture, named from the GB/T 2260 table, and by article), 图表, 单位名单,
问题分布 (prefecture × article), 退回文件 and 重复文件 (from the store, capped); the problem list and the three
ledgers only while each is small (:data:`app.merge.detail.MASTER_DETAIL_ROWS`), otherwise they go to the detail
chosen with ``--detail`` (:mod:`app.merge.detail`). openpyxl write-only mode keeps memory flat; a table longer
than an Excel sheet continues on a sheet named “…(续2)”.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from app.core import ledger
from app.core.errors import SelfcheckError
from app.core.model import ProblemStatus, Verdict
from app.core.regions import RegionTable, load_regions
from app.merge import detail as details
from app.merge.master_layout import MasterColumn, MasterLayout, load_master_layout
from app.merge.places import ProvinceScope
from app.merge.store import ProvinceStore
from app.merge.validate import trust_label
from app.storage.files import atomic_target
from app.workbook.fastrows import DATE_FORMAT, RawPart, cell_text, splice
from app.workbook.layout import Column, load_layout
from app.workbook.writer import use_utf8_sheet_xml

EXCEL_MAX_ROWS = 1_048_576
FORMULA_START = ("=", "+", "-", "@")
_ARTICLE_NO = re.compile(r"第(\d+)条")
STATUSES = [s.value for s in ProblemStatus]


class _Book:
    """A write-only workbook with the house style and sheets that continue past Excel's row limit."""

    def __init__(self, layout: MasterLayout | None = None) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        use_utf8_sheet_xml()
        self.layout = layout or load_master_layout()
        self.wb = Workbook(write_only=True)
        self.wb.properties.title = self.layout.title
        self.header_font = Font(name="宋体", bold=True)
        self.header_fill = PatternFill("solid", fgColor="DCE6F1")
        self.header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.title_font = Font(name="宋体", bold=True, size=14)
        self.raw: list[Any] = []  # fastrows.RawPart per large sheet part, filled when saving

    def sheet(self, title: str, widths: list[float], freeze: bool = True) -> Any:
        from openpyxl.utils import get_column_letter

        ws = self.wb.create_sheet(title)
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        if freeze:
            ws.freeze_panes = "A2"
            ws.print_title_rows = "1:1"
        # Printed as the layout's [print] says (A4 landscape, fitting the page width: the office prints it).
        ws.page_setup.orientation = self.layout.orientation
        ws.page_setup.paperSize = self.layout.paper
        if self.layout.fit_to_width:
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
        return ws

    def cell(self, ws: Any, value: Any, **style: Any) -> Any:
        from openpyxl.cell import WriteOnlyCell

        c = WriteOnlyCell(ws, value=value)
        for k, v in style.items():
            setattr(c, k, v)
        if isinstance(value, str) and value.startswith(FORMULA_START):
            c.data_type = "s"  # text from a unit is never a formula
        return c

    def header(self, ws: Any, headers: list[str]) -> list[Any]:
        return [self.cell(ws, h, font=self.header_font, fill=self.header_fill, alignment=self.header_align)
                for h in headers]

    def table(self, title: str, columns: list[MasterColumn], rows: Iterable[list[Any]]) -> int:
        """Write all ``rows``; continue on new sheets when one is full. Returns the number of data rows."""
        from openpyxl.utils import get_column_letter

        names, widths = [c.header for c in columns], [c.width for c in columns]
        formats = {i: c.number_format for i, c in enumerate(columns) if c.format}
        last = get_column_letter(len(columns))
        total, part, ws, n = 0, 1, None, 0
        for row in rows:
            if ws is None or n == EXCEL_MAX_ROWS - 1:
                if ws is not None:
                    ws.auto_filter.ref = f"A1:{last}{n + 1}"
                    part += 1
                ws = self.sheet(title if part == 1 else f"{title}(续{part})", widths)
                ws.append(self.header(ws, names))
                n = 0
            if formats:
                ws.append([self.cell(ws, v, number_format=formats[i]) if i in formats and v is not None
                           and not isinstance(v, str) else self.safe(ws, v) for i, v in enumerate(row)])
            else:
                ws.append([self.safe(ws, v) for v in row])
            n += 1
            total += 1
        if ws is None:
            ws = self.sheet(title, widths)
            ws.append(self.header(ws, names))
        ws.auto_filter.ref = f"A1:{last}{max(n + 1, 2)}"
        return total

    def big_table(self, title: str, columns: list[MasterColumn], count: int, rows: Iterator[list[Any]]) -> int:
        """Like :meth:`table` for the large tables: openpyxl writes the header, :mod:`fastrows` the rows."""
        from openpyxl.utils import get_column_letter

        names, widths = [c.header for c in columns], [c.width for c in columns]
        date_columns = frozenset(i for i, c in enumerate(columns) if c.format == "date")
        last = get_column_letter(len(columns))
        per_sheet = EXCEL_MAX_ROWS - 1
        remaining, part = count, 1
        while True:
            n = min(remaining, per_sheet)
            ws = self.sheet(title if part == 1 else f"{title}(续{part})", widths)
            ws.append(self.header(ws, names))
            ws.auto_filter.ref = f"A1:{last}{max(n + 1, 2)}"
            self.raw.append(RawPart(f"xl/worksheets/sheet{len(self.wb.worksheets)}.xml", n, date_columns, rows))
            remaining -= n
            part += 1
            if remaining <= 0:
                return count

    def safe(self, ws: Any, value: Any) -> Any:
        if type(value) is str:
            if not value.isprintable():  # e.g. a file name with control characters or undecodable bytes
                value = cell_text(value)
            return self.cell(ws, value) if value.startswith(FORMULA_START) else value
        if isinstance(value, dt.date):
            return self.cell(ws, value, number_format=DATE_FORMAT)
        return value

    def save(self, out: Path) -> None:
        with atomic_target(out) as tmp:
            stage = tmp.with_name(tmp.name + ".stage")
            try:
                self.wb.save(stage)
                splice(stage, tmp, self.raw)
            except OSError as exc:
                raise SelfcheckError(f"无法写入汇总工作簿 {out}:{exc.strerror or exc}") from None
            finally:
                stage.unlink(missing_ok=True)


def _article_key(label: str) -> tuple[int, str]:
    m = _ARTICLE_NO.search(label or "")
    return (int(m.group(1)) if m else 999, label or "")


def detail_columns(layout: MasterLayout, columns: tuple[Column, ...], extra: str | None = None) -> list[MasterColumn]:
    """A detail table's columns: the unit's, the unit workbook's (``exports/workbook.toml``), then ``extra``'s
    (the problem list's 条款) — the master, the per-prefecture workbooks and the CSV files alike."""
    own = [MasterColumn(c.key, c.header, c.width, "date" if c.type == "date" else "") for c in columns]
    return [*layout.unit_columns, *own, *(layout.sheet(extra).columns if extra else ())]


def _region_rows(store: ProvinceStore, scope: ProvinceScope) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One line per prefecture (地级) with its name, keyed like the summary's columns; then the total."""
    regions = scope.regions
    per: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))

    def key(region: str | None) -> str:
        return regions.prefecture_key(region)

    for region, n in store.query("SELECT region_code, count(*) FROM submission GROUP BY region_code"):
        per[key(region)]["units"] += n
    for region, kind, n in store.query("SELECT s.region_code, e.kind, count(*) FROM entity e JOIN submission s"
                                       " ON s.id = e.submission GROUP BY s.region_code, e.kind"):
        per[key(region)][f"kind:{kind}"] += n
    for region, total, answered in store.query(
            "SELECT s.region_code, sum(r.n), sum(CASE WHEN r.verdict != ? THEN r.n ELSE 0 END) FROM result_stat r"
            " JOIN submission s ON s.id = r.submission GROUP BY s.region_code", (Verdict.UNANSWERED.value,)):
        per[key(region)]["items"] += total or 0
        per[key(region)]["answered"] += answered or 0
    for region, status, n in store.query("SELECT s.region_code, p.status, sum(p.counted) FROM problem p JOIN submission s"
                                         " ON s.id = p.submission GROUP BY s.region_code, p.status"):
        per[key(region)][f"status:{status or ProblemStatus.OPEN.value}"] += n
        per[key(region)]["problems"] += n

    def line(label: str, d: dict[str, Any]) -> dict[str, Any]:
        done = d.get(f"status:{ProblemStatus.DONE.value}", 0)
        return {**d, "region": label,
                "answered_rate": round(d["answered"] / d["items"], 4) if d.get("items") else 0,
                "done_rate": round(done / d["problems"], 4) if d.get("problems") else 0}

    rows = [line(region_label(regions, scope, k), per[k]) for k in sorted(per)]
    totals: dict[str, Any] = defaultdict(int)
    for d in per.values():
        for k, v in d.items():
            totals[k] += v
    return rows, line("合计", totals)


def region_label(regions: RegionTable, scope: ProvinceScope, key: str) -> str:
    """``330100 杭州市``; ``320500 江苏省苏州市(外省)``; ``未知地区``."""
    region = regions.get(key)
    if region is None:
        return key
    name = regions.full_name(key) if scope.is_other(key) or region.level == "province" else region.name
    return f"{key} {name}" + ("(外省)" if scope.is_other(key) else "")


def _write_summary(book: _Book, store: ProvinceStore, verdict_index: int, scope: ProvinceScope) -> dict[str, int]:
    """汇总 (the table by prefecture, then the one by article); returns the row positions the charts refer to."""
    from openpyxl.styles import Font

    summary, by_article = book.layout.sheet("summary"), book.layout.sheet("articles")
    ws = book.sheet(summary.name, summary.widths, freeze=False)
    ws.append([book.cell(ws, summary.heading, font=book.title_font)])
    ws.append(["汇总日期", book.cell(ws, dt.date.today(), number_format=DATE_FORMAT),  # also registers the date style
               "每个单位取其每年度最新的有效报送"])
    # Row 3 (kept short so the printed page is not widened): where the per-item results are.
    ws.append(["逐项自查结论保存在省级数据库中,此处按地区汇总为“检查项次”和“已作答”。", "本省",
               scope.label + ("" if scope.explicit or not scope.prefix else "(由证书机构名称推断)")])
    header_row = 4
    ws.append(book.header(ws, summary.headers))
    rows, total = _region_rows(store, scope)
    for row in [*rows, total]:
        font = Font(name="宋体", bold=row is total)
        ws.append([book.cell(ws, v, number_format=c.number_format, font=font)
                   for c, v in zip(summary.columns, summary.row(row), strict=True)])
    total_row = header_row + len(rows) + 1
    ws.append([])
    ws.append([book.cell(ws, by_article.heading, font=book.title_font)])
    article_header_row = total_row + 3
    ws.append(book.header(ws, by_article.headers))
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article, verdict, status, n in store.query(
            f"SELECT article, json_extract(data, '$[{verdict_index}]'), status, sum(counted) FROM problem"
            " GROUP BY 1, 2, 3"):
        d = per[article or "(未知条款)"]
        d["problems"] += n
        d[f"verdict:{verdict or ''}"] += n
        d[f"status:{status or ProblemStatus.OPEN.value}"] += n
    articles = sorted(per, key=_article_key)
    for a in articles:
        ws.append(by_article.row({**per[a], "article": a}))
    return {"summary_header": header_row, "summary_total": total_row, "articles_header": article_header_row,
            "articles_first": article_header_row + 1, "articles_last": article_header_row + len(articles)}


def _write_charts(book: _Book, pos: dict[str, int]) -> None:
    """图表: the layout's charts, each over a table of 汇总 (the data stay visible and editable there)."""
    from openpyxl.chart import BarChart, PieChart, Reference

    layout = book.layout
    sheet = layout.sheet("charts")
    ws = book.sheet(sheet.name, sheet.widths, freeze=False)
    ws.append([sheet.heading])
    source = book.wb[layout.sheet("summary").name]
    for chart in layout.charts:
        table = layout.sheet(chart.table)
        header, first, last = (pos[f"{chart.table}_header"], pos[f"{chart.table}_header"] + 1,
                               pos.get(f"{chart.table}_last", pos["summary_total"]))
        if last < first:
            continue  # nothing to draw (no problem yet)
        cols = [table.index(c.key) + 1 for c in layout.value_columns(chart)]
        made: Any = BarChart() if chart.type == "bar" else PieChart()
        if chart.type == "bar":
            made.type = "bar"
            made.y_axis.title = chart.y_axis or None
        made.title = chart.title
        if chart.row == "total":
            row = pos["summary_total"]
            made.add_data(Reference(source, min_col=cols[0], max_col=cols[-1], min_row=row), from_rows=True)
            made.set_categories(Reference(source, min_col=cols[0], max_col=cols[-1], min_row=header))
        else:
            for col in cols:
                made.add_data(Reference(source, min_col=col, min_row=header, max_row=last), titles_from_data=True)
            cat = table.index(chart.categories) + 1
            made.set_categories(Reference(source, min_col=cat, min_row=first, max_row=last))
        made.height, made.width = chart.height, chart.width
        ws.add_chart(made, chart.anchor)


def _problems_by_region(book: _Book, store: ProvinceStore, scope: ProvinceScope) -> None:
    """问题分布: prefectures × articles — bounded by the number of prefectures, whatever the unit count."""
    regions = scope.regions
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    articles: set[str] = set()
    for region, article, n in store.query("SELECT s.region_code, p.article, sum(p.counted) FROM problem p JOIN submission s"
                                          " ON s.id = p.submission GROUP BY 1, 2"):
        a = article or "(未知条款)"
        articles.add(a)
        per[regions.prefecture_key(region)][f"article:{a}"] += n
    sheet = book.layout.sheet("by_region").with_articles(sorted(articles, key=_article_key))
    book.table(sheet.name, list(sheet.columns),
               (sheet.row({**per[k], "region": region_label(regions, scope, k), "total": sum(per[k].values())})
                for k in sorted(per)))


def write_master(store: ProvinceStore, out: Path, report: Any, scope: ProvinceScope | None = None,
                 detail: str = "region", jobs: int = 1, mp_context: Any = None) -> dict[str, int]:
    """Write the master workbook atomically (and the detail ``detail`` asks for); returns its totals.

    The master is bounded: the summary, the unit list, problems by article and region, rejected and duplicate
    files; the ledgers and the problem list are in it only while each stays under
    :data:`app.merge.detail.MASTER_DETAIL_ROWS` rows, else they are in the per-region workbooks or the CSV
    files (and always in the province database). With ``jobs`` > 1 the detail files are written in that many
    processes while this one writes the master (:class:`app.merge.detail.DetailWriters`).
    """
    scope = scope or ProvinceScope(load_regions())
    regions = scope.regions
    layout = load_layout()
    master = load_master_layout()
    subs = {s["id"]: s for s in store.submissions()}
    names: dict[str, str] = {}
    unit_keys = [c.key for c in master.unit_columns]

    def unit_of(sid: int) -> list[Any]:
        """The unit columns of a detail row, in the layout's order."""
        s = subs[sid]
        code = s["region_code"]
        if code not in names:
            names[code] = regions.full_name(code)
        values = {"region_code": code, "unit_name": s["unit_name"], "unit_code": s["unit_code"], "year": s["year"],
                  "region_name": names[code]}
        return [values[k] for k in unit_keys]

    counts = {kind: dict(store.query("SELECT submission, count(*) FROM entity WHERE kind = ? GROUP BY 1", (kind,)))
              for kind in ledger.KINDS}
    n_problems = dict(store.query("SELECT submission, count(*) FROM problem GROUP BY 1"))  # rows, for the detail
    parts = details.plan_detail(store, out, detail, subs, unit_of, scope, counts, n_problems)
    with details.DetailWriters(parts, jobs, mp_context) as writers:
        totals = _write_master_book(store, out, detail, master, layout, scope, subs, unit_of, counts)
        writers.finish()
    return totals


def _write_master_book(store: ProvinceStore, out: Path, detail: str, master: MasterLayout, layout: Any,
                       scope: ProvinceScope, subs: dict[int, dict[str, Any]], unit_of: Any,
                       counts: dict[str, dict[int, int]]) -> dict[str, int]:
    regions = scope.regions
    book = _Book(master)
    problem_cols = layout.sheet("problems").columns
    pos = _write_summary(book, store, [c.key for c in problem_cols].index("verdict"), scope)
    _write_charts(book, pos)
    answered = {sid: (t, a) for sid, t, a in store.query(
        "SELECT submission, sum(n), sum(CASE WHEN verdict != ? THEN n ELSE 0 END) FROM result_stat GROUP BY 1",
        (Verdict.UNANSWERED.value,))}
    units = master.sheet("units")
    names: dict[str, str] = {}
    # problems as the units' reports count them: one problem covering several answers counts once
    n_counted = dict(store.query("SELECT submission, sum(counted) FROM problem GROUP BY 1"))

    def unit_rows() -> Iterator[list[Any]]:
        for sid, s in subs.items():
            total, done = answered.get(sid, (0, 0))
            code = s["region_code"]
            if code not in names:
                names[code] = regions.full_name(code)
            yield units.row({**s, "region_name": names[code],
                             "other_province": "外省单位" if scope.is_other(code) else "",
                             **{f"kind:{k}": counts[k].get(sid, 0) for k in counts},
                             "problems": n_counted.get(sid, 0), "answered_rate": round(done / total, 4) if total else 0,
                             "verify_status": trust_label(s["verify_status"])}, default=None)

    book.table(units.name, list(units.columns), unit_rows())
    _problems_by_region(book, store, scope)
    where = details.where_text(out, detail)
    note = list(master.sheet("note").columns)
    n_prob = store.count("problem")  # rows: one per answer a problem covers
    problems_name = master.sheet("problems").name
    if n_prob <= details.MASTER_DETAIL_ROWS:
        book.big_table(problems_name, detail_columns(master, problem_cols, "problems"), n_prob,
                       ([*unit_of(sid), *row] for sid, row in store.problems()))
    else:
        book.table(problems_name, note, [[f"共 {n_prob} 行问题记录,超过汇总表附带明细的上限"
                                          f" {details.MASTER_DETAIL_ROWS} 行,{where}"]])
    totals = {"units": len(subs), "problems": store.count_problems()}
    for sheet in layout.ledger_sheets:
        n = totals[sheet.entity] = sum(counts.get(sheet.entity, {}).values())
        if n <= details.MASTER_DETAIL_ROWS:
            book.big_table(sheet.name, detail_columns(master, sheet.columns), n,
                           ([*unit_of(sid), *row] for sid, row in store.entities(sheet.entity)))
        else:
            book.table(sheet.name, note, [[f"共 {n} 行,超过汇总表附带明细的上限"
                                           f" {details.MASTER_DETAIL_ROWS} 行,{where}"]])
    # From the store, not this run: the same files merged again give the same master. Bounded too.
    rejected, duplicates = master.sheet("rejected"), master.sheet("duplicates")
    book.table(rejected.name, list(rejected.columns), details.capped_rows(
        (rejected.row({"file": name, "number": i, "reason": reason}, default="")
         for name, _, _, reasons in store.file_outcomes("rejected") for i, reason in enumerate(reasons, start=1)),
        len(rejected.columns)))
    book.table(duplicates.name, list(duplicates.columns), details.capped_rows(
        (duplicates.row({"file": name, "reason": "；".join(reasons)}, default="")
         for name, _, _, reasons in store.file_outcomes("duplicate")), len(duplicates.columns)))
    book.save(out)
    return {"units": totals["units"], "apps": totals.get("app", 0), "accounts": totals.get("account", 0),
            "groups": totals.get("group", 0), "problems": totals["problems"]}
